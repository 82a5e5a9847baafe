// The path semantics of scenarios that remember (exercises/README.md, "Scenarios that
// remember"), written once for the player and pinned by tests/fixtures/path-cases.json,
// which pytest runs against the Python side too. Pure: no DOM, no storage.
//
// A scenario reaches the player in its normalized form: every text (node text, choice
// feedback, ending text and debrief) is a list of {when: [conditions], text} and every
// `next` a list of {when, next}; the last variant has `when: []`. A condition is a fact
// ("spoke-up") or its negation ("not spoke-up"). A plain string is taken as one variant.

// Whether every condition of `when` holds for this set of facts.
export function holds(when, facts) {
  return [].concat(when ?? []).every((cond) =>
    cond.startsWith("not ") ? !facts.has(cond.slice(4).trim()) : facts.has(cond));
}

const pick = (variants, facts, key) => {
  if (!Array.isArray(variants)) return variants ?? null;
  const found = variants.find((v) => holds(v.when, facts));
  return found ? found[key] : null;
};

// The text to show: the first variant whose conditions all hold.
export const resolve = (variants, facts) => pick(variants, facts, "text") ?? "";

// Where a choice leads, with the facts after it is made.
export const resolveNext = (next, facts) => pick(next, facts, "next");

// Walks a stored path through the scenario. The path is cut at the first step that does
// not fit (stale or tampered progress is dropped from there, never trusted); steps after
// an ending are dropped. Returns
//   kept      the valid steps [{node, choice, words?}] (words kept only when a string)
//   facts     a Set: the union of `remember` of the kept choices
//   here      the id of the node or ending the learner stands at
//   node      that node (null at an ending), ending: that ending (null at a node)
//   last      the last kept choice (null when none)
export function walk(scenario, path) {
  const nodes = new Map(scenario.nodes.map((n) => [n.id, n]));
  const endings = new Map(scenario.endings.map((e) => [e.id, e]));
  const kept = [];
  let facts = new Set();
  let here = scenario.nodes[0]?.id;
  let last = null;
  for (const step of Array.isArray(path) ? path : []) {
    const node = nodes.get(here);
    if (!node || !step || typeof step !== "object" || step.node !== here || !Number.isInteger(step.choice)) break;
    const choice = node.choices[step.choice];
    if (!choice) break;
    const after = new Set([...facts, ...(choice.remember ?? [])]);
    const next = resolveNext(choice.next, after);
    if (!nodes.has(next) && !endings.has(next)) break;
    const keptStep = { node: here, choice: step.choice };
    if (typeof step.words === "string") keptStep.words = step.words;
    kept.push(keptStep);
    facts = after;
    here = next;
    last = choice;
  }
  return { kept, facts, here, node: nodes.get(here) ?? null, ending: endings.get(here) ?? null, last };
}

// The valid prefix of a stored path (see walk).
export const validPath = (scenario, path) => walk(scenario, path).kept;

// Every id a choice may lead to, whatever the facts.
export const targets = (choice) => (Array.isArray(choice.next) ? choice.next.map((v) => v.next) : [choice.next]);

// The most decisions on any path from the first node (scenarios have no cycles).
export function mostDecisions(scenario) {
  const nodes = new Map(scenario.nodes.map((n) => [n.id, n]));
  const memo = new Map();
  const depth = (id) => {
    if (!nodes.has(id)) return 0;
    if (!memo.has(id)) {
      memo.set(id, 1); // guards against a cycle slipping past the loader
      memo.set(id, 1 + Math.max(...nodes.get(id).choices.flatMap((c) => targets(c).map(depth))));
    }
    return memo.get(id);
  };
  return depth(scenario.nodes[0]?.id);
}
