// The path semantics of scenarios that remember (exercises/README.md, "Scenarios that
// remember"), written once for the player and pinned by tests/fixtures/path-cases.json,
// which pytest runs against the Python side too. Pure: no DOM, no storage.
//
// A scenario reaches the player in its normalized form: every text (node text, choice
// feedback, ending text and debrief) is a list of {when: [conditions], text} and every
// `next` a list of {when, next}; the last variant has `when: []`. A condition is a fact
// ("spoke-up") or its negation ("not spoke-up"). A plain string is taken as one variant.
//
// The types below are the JSON of coursekit/content/models.py's PlayerScenario (the fields
// this module reads); tsc checks this module against them (`make lint`).

/**
 * @typedef {{ when?: string[] | string, text: string }} Variant
 * @typedef {{ when?: string[] | string, next: string }} Branch
 * @typedef {Variant[] | string} Varied  a text in variants, or one plain text
 * @typedef {{ text: string, remember?: string[], feedback: Varied, next: Branch[] | string,
 *   reading?: string | null }} Choice
 * @typedef {{ id: string, ask?: string | null, text: Varied, choices: Choice[] }} Node
 * @typedef {{ id: string, title: string, text: Varied, debrief: Varied,
 *   questions?: string[] }} Ending
 * @typedef {{ id: string, nodes: Node[], endings: Ending[] }} Scenario
 * @typedef {{ node: string, choice: number, words?: string }} Step  one decision made
 * @typedef {string | null | undefined} Here  a node or ending id (none when the scenario
 *   has no node, or a choice's next fits no variant)
 */

/**
 * Whether every condition of `when` holds for this set of facts.
 * @param {string[] | string | undefined} when
 * @param {Set<string>} facts
 */
export function holds(when, facts) {
  return /** @type {string[]} */ ([]).concat(when ?? []).every((cond) =>
    cond.startsWith("not ") ? !facts.has(cond.slice(4).trim()) : facts.has(cond));
}

/**
 * @param {ReadonlyArray<{ when?: string[] | string }> | string | null | undefined} variants
 * @param {Set<string>} facts
 * @param {"text" | "next"} key
 * @returns {string | null}
 */
const pick = (variants, facts, key) => {
  if (!Array.isArray(variants)) return /** @type {string | null | undefined} */ (variants) ?? null;
  const found = variants.find((v) => holds(v.when, facts));
  return found ? found[key] : null;
};

/**
 * The text to show: the first variant whose conditions all hold.
 * @param {Varied | null | undefined} variants
 * @param {Set<string>} facts
 * @returns {string}
 */
export const resolve = (variants, facts) => pick(variants, facts, "text") ?? "";

/**
 * Where a choice leads, with the facts after it is made.
 * @param {Branch[] | string} next
 * @param {Set<string>} facts
 */
export const resolveNext = (next, facts) => pick(next, facts, "next");

// Walks a stored path through the scenario. The path is cut at the first step that does
// not fit (stale or tampered progress is dropped from there, never trusted); steps after
// an ending are dropped. Returns
//   kept      the valid steps [{node, choice, words?}] (words kept only when a string)
//   facts     a Set: the union of `remember` of the kept choices
//   here      the id of the node or ending the learner stands at
//   node      that node (null at an ending), ending: that ending (null at a node)
//   last      the last kept choice (null when none)
/**
 * @param {Scenario} scenario
 * @param {unknown} path  as stored: anything
 * @returns {{ kept: Step[], facts: Set<string>, here: Here, node: Node | null,
 *   ending: Ending | null, last: Choice | null }}
 */
export function walk(scenario, path) {
  /** @type {Map<Here, Node>} */
  const nodes = new Map(scenario.nodes.map((n) => [n.id, n]));
  /** @type {Map<Here, Ending>} */
  const endings = new Map(scenario.endings.map((e) => [e.id, e]));
  /** @type {Step[]} */
  const kept = [];
  /** @type {Set<string>} */
  let facts = new Set();
  /** @type {Here} */
  let here = scenario.nodes[0]?.id;
  /** @type {Choice | null} */
  let last = null;
  for (const step of Array.isArray(path) ? path : []) {
    const node = nodes.get(here);
    if (!node || !step || typeof step !== "object" || step.node !== here || !Number.isInteger(step.choice)) break;
    const choice = node.choices[step.choice];
    if (!choice) break;
    const after = new Set([...facts, ...(choice.remember ?? [])]);
    const next = resolveNext(choice.next, after);
    if (!nodes.has(next) && !endings.has(next)) break;
    /** @type {Step} */
    const keptStep = { node: node.id, choice: step.choice };
    if (typeof step.words === "string") keptStep.words = step.words;
    kept.push(keptStep);
    facts = after;
    here = next;
    last = choice;
  }
  return { kept, facts, here, node: nodes.get(here) ?? null, ending: endings.get(here) ?? null, last };
}

/**
 * The valid prefix of a stored path (see walk).
 * @param {Scenario} scenario
 * @param {unknown} path
 */
export const validPath = (scenario, path) => walk(scenario, path).kept;

/**
 * Every id a choice may lead to, whatever the facts.
 * @param {Choice} choice
 * @returns {string[]}
 */
export const targets = (choice) => (Array.isArray(choice.next) ? choice.next.map((v) => v.next) : [choice.next]);

/**
 * The most decisions on any path from the first node (scenarios have no cycles).
 * @param {Scenario} scenario
 * @returns {number}
 */
export function mostDecisions(scenario) {
  /** @type {Map<Here, Node>} */
  const nodes = new Map(scenario.nodes.map((n) => [n.id, n]));
  /** @type {Map<Here, number>} */
  const memo = new Map();
  /** @type {(id: Here) => number} */
  const depth = (id) => {
    const node = nodes.get(id);
    if (!node) return 0;
    if (!memo.has(id)) {
      memo.set(id, 1); // guards against a cycle slipping past the loader
      memo.set(id, 1 + Math.max(...node.choices.flatMap((c) => targets(c).map(depth))));
    }
    return memo.get(id) ?? 0;
  };
  return depth(scenario.nodes[0]?.id);
}
