// The one front end of a branching scenario (the anywidget contract: render({ model, el })).
// It uses only model.get / set / on / save_changes, so the same module runs as an anywidget
// in Jupyter and on the static book page through a small localStorage-backed model.
//
// Model keys:
//   scenario   the validated scenario (see exercises/README.md); read only
//   path       the learner's choices so far: [{ node: "<node id>", choice: <index> }, ...]
//   book_root  URL of the book's root ("" when there is no book to link to, as in Jupyter)
//   notice     optional note shown above the player, e.g. saved progress that was ignored
//
// All text is put on the page with textContent: scenario files and stored progress can never
// inject HTML. Blank lines make paragraphs and *single asterisks* make emphasis; nothing else.

// Builds an element; text only ever goes in through textContent. Shared with the book's
// reflection and journal modules (scenario.js itself must stay one file for anywidget).
export const element = (tag, attrs = {}, ...children) => {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (key === "class") node.className = value;
    else if (key === "text") node.textContent = value;
    else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value);
  }
  for (const child of children) if (child) node.append(child);
  return node;
};

// Paragraphs from blank lines, <em> from *asterisks*; every piece is a text node.
export function formatText(text, tag = "p") {
  const frag = document.createDocumentFragment();
  for (const para of String(text ?? "").split(/\n\s*\n/)) {
    const clean = para.replace(/\s*\n\s*/g, " ").trim();
    if (!clean) continue;
    const p = element(tag);
    clean.split(/(\*[^*\n]+\*)/).forEach((part, i) => {
      if (i % 2 === 1) p.append(element("em", { text: part.slice(1, -1) }));
      else if (part) p.append(document.createTextNode(part));
    });
    frag.append(p);
  }
  return frag;
}

// The learner's path, cut at the first step that does not fit this scenario (stale or
// tampered progress is dropped from that point, never trusted).
export function validPath(scenario, path) {
  const nodes = new Map(scenario.nodes.map((n) => [n.id, n]));
  const endings = new Set(scenario.endings.map((e) => e.id));
  const kept = [];
  let here = scenario.nodes[0]?.id;
  for (const step of Array.isArray(path) ? path : []) {
    const node = nodes.get(here);
    if (!node || !step || step.node !== here || !Number.isInteger(step.choice)) break;
    const choice = node.choices[step.choice];
    if (!choice) break;
    kept.push({ node: here, choice: step.choice });
    here = choice.next;
    if (endings.has(here)) break;
  }
  return kept;
}

// Longest number of decisions from the first node to an ending (scenarios have no cycles).
function mostDecisions(scenario) {
  const nodes = new Map(scenario.nodes.map((n) => [n.id, n]));
  const memo = new Map();
  const depth = (id) => {
    if (!nodes.has(id)) return 0;
    if (!memo.has(id)) {
      memo.set(id, 1); // guards against a cycle slipping past the loader
      memo.set(id, 1 + Math.max(...nodes.get(id).choices.map((c) => depth(c.next))));
    }
    return memo.get(id);
  };
  return depth(scenario.nodes[0]?.id);
}

const safeHref = (href) => (/^\s*(javascript|data|vbscript):/i.test(href) ? null : href);

let counter = 0;

function render({ model, el }) {
  const scenario = model.get("scenario");
  const uid = `ck-${scenario.id}-${++counter}`;
  const nodes = new Map(scenario.nodes.map((n) => [n.id, n]));
  const endings = new Map(scenario.endings.map((e) => [e.id, e]));
  const total = mostDecisions(scenario);

  // What is on screen beyond the stored path: the start screen, or the next node after
  // the feedback of the last choice has been read. Not stored: a reload resumes at the
  // feedback of the last choice made.
  let view = validPath(scenario, model.get("path")).length ? "feedback" : "start";

  const root = element("section", { class: "ck-scenario", "aria-label": `Scenario: ${scenario.title}` });
  const bar = element("div", { class: "ck-bar" });
  const body = element("div", { class: "ck-body" });
  // Persistent so screen readers announce the feedback placed into it.
  const live = element("div", { class: "ck-live", "aria-live": "polite", id: `${uid}-live` });
  const controls = element("div", { class: "ck-controls" });
  const notice = element("p", { class: "ck-notice", role: "status" });
  const showNotice = () => { notice.textContent = model.get("notice") ?? ""; };
  root.append(notice, bar, body, live, controls);
  el.replaceChildren(root);
  showNotice();

  const path = () => validPath(scenario, model.get("path"));
  let ownChange = false;
  const setPath = (next, nextView) => {
    view = nextView;
    ownChange = true;
    model.set("path", next);
    ownChange = false;
    model.save_changes();
    draw(true);
  };
  const button = (text, onclick, cls = "ck-button") => element("button", { type: "button", class: cls, text, onclick });

  function currentNode(steps) {
    if (!steps.length) return nodes.get(scenario.nodes[0].id);
    const last = steps[steps.length - 1];
    return nodes.get(nodes.get(last.node).choices[last.choice].next) ?? null;
  }

  function drawStart(steps) {
    body.append(element("p", { class: "ck-title", text: scenario.title }));
    body.append(element("p", { class: "ck-goal" }, element("strong", { text: "Goal: " }), document.createTextNode(scenario.goal)));
    if (scenario.content_note) {
      body.append(
        element("div", { class: "ck-note", role: "note" },
          element("strong", { text: "Content note: " }), document.createTextNode(scenario.content_note)),
      );
    }
    body.append(element("div", { class: "ck-text" }, formatText(scenario.opening)));
    bar.textContent = `${total} decision${total === 1 ? "" : "s"} at most`;
    if (steps.length) {
      controls.append(button("Resume", () => { view = "feedback"; draw(true); }, "ck-button ck-primary"));
      controls.append(button("Start over", () => setPath([], "node")));
    } else {
      controls.append(button("Begin", () => { view = "node"; draw(true); }, "ck-button ck-primary"));
    }
  }

  function drawNode(steps, node) {
    bar.textContent = `Decision ${steps.length + 1} of at most ${total}`;
    const textId = `${uid}-situation`;
    // The opening stays at hand: later situations build on it.
    body.append(element("details", { class: "ck-recall" },
      element("summary", { text: "The opening situation" }), element("div", { class: "ck-text" }, formatText(scenario.opening))));
    body.append(element("div", { class: "ck-text ck-situation", id: textId, tabindex: "-1" }, formatText(node.text)));
    const list = element("ul", { class: "ck-choices", role: "list", "aria-label": "What do you do?" });
    node.choices.forEach((choice, index) => {
      list.append(element("li", {}, button(choice.text, () =>
        setPath([...steps, { node: node.id, choice: index }], "feedback"), "ck-button ck-choice")));
    });
    body.append(element("p", { class: "ck-ask", text: "What do you do?" }), list);
    controls.append(button("Back", () => {
      if (steps.length) setPath(steps.slice(0, -1), "node");
      else { view = "start"; draw(true); }
    }));
    controls.append(button("Restart", () => setPath([], "start")));
    return textId;
  }

  function drawFeedback(steps) {
    const last = steps[steps.length - 1];
    const choice = nodes.get(last.node).choices[last.choice];
    bar.textContent = `Decision ${steps.length} of at most ${total}: feedback`;
    live.append(element("p", { class: "ck-chose" }, element("strong", { text: "You chose: " }), document.createTextNode(choice.text)));
    live.append(element("div", { class: "ck-feedback" }, formatText(choice.feedback)));
    if (choice.reading) live.append(readingLink(choice.reading));
    const next = button(endings.has(choice.next) ? "See how it ends" : "Continue",
      () => { view = "node"; draw(true); }, "ck-button ck-primary");
    controls.append(next);
    controls.append(button("Back", () => setPath(steps.slice(0, -1), "node")));
    controls.append(button("Restart", () => setPath([], "start")));
    return next;
  }

  function readingLink(reading) {
    const root_ = model.get("book_root");
    const p = element("p", { class: "ck-reading" }, element("strong", { text: "In the reading: " }));
    const href = root_ ? safeHref(`${root_}${reading.doc}.html#${reading.label}`) : null;
    p.append(href ? element("a", { href, text: reading.title }) : document.createTextNode(reading.title));
    return p;
  }

  function drawEnding(steps, ending) {
    bar.textContent = `The end: ${steps.length} decision${steps.length === 1 ? "" : "s"} made`;
    const titleId = `${uid}-ending`;
    body.append(element("p", { class: "ck-title", id: titleId, tabindex: "-1", text: `Ending: ${ending.title}` }));
    body.append(element("div", { class: "ck-text" }, formatText(ending.text)));
    const taken = element("ol", { class: "ck-path" });
    for (const step of steps) {
      taken.append(element("li", { text: nodes.get(step.node).choices[step.choice].text }));
    }
    body.append(element("p", { class: "ck-label", text: "Your path" }), taken);
    body.append(element("p", { class: "ck-label", text: "Debrief" }), element("div", { class: "ck-debrief" }, formatText(ending.debrief)));
    const qs = element("ol", { class: "ck-questions" });
    for (const q of ending.questions) qs.append(element("li", { text: q }));
    body.append(element("p", { class: "ck-label", text: "To discuss" }), qs);
    controls.append(button("Back", () => setPath(steps.slice(0, -1), "node")));
    controls.append(button("Play again", () => setPath([], "start"), "ck-button ck-primary"));
    return titleId;
  }

  function draw(moveFocus = false) {
    const steps = path();
    body.replaceChildren();
    live.replaceChildren();
    controls.replaceChildren();
    if (!steps.length && view === "feedback") view = "start";
    let focus = null;
    if (view === "start") {
      drawStart(steps);
      focus = controls.querySelector("button");
    } else if (view === "feedback") {
      focus = drawFeedback(steps);
    } else {
      const node = currentNode(steps);
      const ending = node ? null : endings.get(nodes.get(steps.at(-1).node).choices[steps.at(-1).choice].next);
      const id = node ? drawNode(steps, node) : drawEnding(steps, ending);
      focus = root.querySelector(`#${CSS.escape(id)}`);
    }
    root.dataset.view = view;
    if (moveFocus && focus) focus.focus();
  }

  const onPathChange = () => {
    // Another view of the same model (a second output, Python, another tab) moved the path.
    if (ownChange) return;
    const steps = path();
    if (!steps.length) view = "start";
    else if (view === "start") view = "feedback";
    draw(false);
  };
  model.on("change:path", onPathChange);
  model.on("change:notice", showNotice);
  draw(false);
  return () => {
    model.off?.("change:path", onPathChange);
    model.off?.("change:notice", showNotice);
  };
}

// anywidget takes the default export; the book page imports it the same way.
export default { render };
