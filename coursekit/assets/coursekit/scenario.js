// The one front end of a branching scenario (the anywidget contract: render({ model, el })).
// It uses only model.get / set / on / save_changes, so the same module runs as an anywidget
// in Jupyter and on the static book page through a small localStorage-backed model.
//
// Model keys:
//   scenario   the scenario in its normalized form (paths.js; exercises/README.md); read only
//   path       the learner's steps so far: [{ node: "<node id>", choice: <index>, words? }, ...]
//              (words: what the learner wrote at a node that asks, before its choices)
//   book_root  URL of the book's root ("" when there is no book to link to, as in Jupyter)
//   notice     optional note shown above the player, e.g. saved progress that was ignored
//   confirm_saves, revision, saved_revision   Jupyter only: each change of path carries a new
//              revision, which the kernel echoes in saved_revision once it has saved it. A
//              player whose kernel does not answer (restarted, stopped) says so and pauses.
//
// All text is put on the page with textContent (text.js): scenario files and stored progress
// can never inject HTML. When bundled for anywidget (coursekit/player.py), the modules
// imported below are inlined into this one, so keep their exported names distinct.
import { button, element, formatText, labelled } from "./text.js";
import { mostDecisions, resolve, walk } from "./paths.js";
export { element, formatText } from "./text.js";
export { validPath } from "./paths.js";

const SAVE_ANSWER_MS = 4000;
const safeHref = (href) => (/^\s*(javascript|data|vbscript):/i.test(href) ? null : href);
const plural = (n, word) => `${n} ${word}${n === 1 ? "" : "s"}`;
let counter = 0;

// The start screen: the situation and any content note (never the goal, which would give the
// answer away). coursekit/player.py writes the same view into the page before this runs.
export function startView(scenario, total) {
  const body = element("div", { class: "ck-body" }, element("p", { class: "ck-title", text: scenario.title }));
  if (scenario.content_note) {
    const note = labelled("div", "ck-note", "Content note", scenario.content_note);
    note.setAttribute("role", "note");
    body.append(note);
  }
  body.append(element("div", { class: "ck-text" }, formatText(scenario.opening)));
  return { bar: `${plural(total, "decision")} at most`, body };
}

function render({ model, el }) {
  const scenario = model.get("scenario");
  const uid = `ck-${scenario.id}-${++counter}`;
  const total = mostDecisions(scenario);
  const current = () => walk(scenario, model.get("path"));
  // What is on screen beyond the stored path: the start screen, or the next node after the
  // feedback of the last choice has been read (a reload resumes at that feedback).
  let view = current().kept.length ? "feedback" : "start";
  // What the learner writes at a node that asks, before its choices: kept with the step.
  let draft = { node: null, words: "", done: false };

  const root = element("section", { class: "ck-scenario", "aria-label": `Scenario: ${scenario.title}` });
  const notice = element("p", { class: "ck-notice", role: "status" });
  const stale = element("div", { class: "ck-stale", role: "alert" });
  const bar = element("div", { class: "ck-bar" });
  let body = element("div", { class: "ck-body" }); // replaced on every draw
  // Persistent so screen readers announce the feedback placed into it.
  const live = element("div", { class: "ck-live", "aria-live": "polite" });
  const controls = element("div", { class: "ck-controls" });
  const showNotice = () => { notice.textContent = model.get("notice") ?? ""; };
  root.append(notice, stale, bar, body, live, controls);
  el.replaceChildren(root);
  showNotice();

  // ---- saving, and a kernel that no longer answers (Jupyter only) ----
  let unanswered = null;
  const paused = () => unanswered !== null && stale.childElementCount > 0;
  function showStale() {
    stale.replaceChildren(
      element("p", { text: "Your last step is not saved yet: this player's kernel does not answer. It may be busy "
        + "running another cell, or it was restarted. Re-run this cell to carry on from your saved progress; "
        + "until the kernel answers, the choices here are paused." }),
      button("Try saving again", askToSave));
    draw(false);
  }
  function askToSave() {
    if (!model.get("confirm_saves")) return model.save_changes();
    clearTimeout(unanswered);
    unanswered = setTimeout(showStale, SAVE_ANSWER_MS);
    try {
      model.set("revision", (model.get("revision") ?? 0) + 1);
      model.save_changes();
    } catch {
      clearTimeout(unanswered);
      showStale(); // a closed channel: say so now
    }
  }
  const onSaved = () => {
    if ((model.get("saved_revision") ?? 0) < (model.get("revision") ?? 0)) return;
    clearTimeout(unanswered);
    const was = paused();
    unanswered = null;
    stale.replaceChildren();
    if (was) draw(false);
  };

  let ownChange = false;
  const setPath = (next, nextView) => {
    view = nextView;
    ownChange = true;
    model.set("path", next);
    ownChange = false;
    askToSave();
    draw(true);
  };
  // Back to the node of the last step, with what the learner wrote there.
  const stepBack = (steps) => {
    const last = steps.at(-1);
    draft = { node: last.node, words: last.words ?? "", done: false };
    setPath(steps.slice(0, -1), "node");
  };
  const restart = () => { draft = { node: null, words: "", done: false }; setPath([], "start"); };

  function drawStart(w) {
    const start = startView(scenario, total);
    body.replaceWith(start.body);
    body = start.body;
    bar.textContent = start.bar;
    if (w.kept.length) {
      controls.append(button("Resume", () => { view = "feedback"; draw(true); }, "ck-button ck-primary"));
      controls.append(button("Start over", restart));
    } else {
      controls.append(button("Begin", () => { view = "node"; draw(true); }, "ck-button ck-primary"));
    }
    return controls.querySelector("button");
  }

  function drawAsk(node) {
    const box = element("textarea", { id: `${uid}-words`, class: "ck-words-box", rows: "4" });
    box.value = draft.node === node.id ? draft.words : "";
    box.addEventListener("input", () => { draft = { node: node.id, words: box.value, done: false }; });
    const finish = (words) => { draft = { node: node.id, words, done: true }; view = "choices"; draw(true); };
    body.append(element("div", { class: "ck-words" },
      element("label", { class: "ck-label", for: box.id, text: node.ask }),
      element("p", { class: "ck-hint", id: `${uid}-hint`,
        text: "Write it in your own words before you see the choices, or skip. It is kept with your path." }),
      box,
      element("div", { class: "ck-controls" },
        button("Show the choices", () => finish(box.value.trim()), "ck-button ck-primary"),
        button("Skip", () => finish("")))));
    box.setAttribute("aria-describedby", `${uid}-hint`);
  }

  function drawNode(w) {
    const node = w.node;
    bar.textContent = `Decision ${w.kept.length + 1} of at most ${total}`;
    // The opening stays at hand: later situations build on it.
    body.append(element("details", { class: "ck-recall" },
      element("summary", { text: "The opening situation" }), element("div", { class: "ck-text" }, formatText(scenario.opening))));
    const situation = element("div", { class: "ck-text ck-situation", id: `${uid}-situation`, tabindex: "-1" },
      formatText(resolve(node.text, w.facts)));
    body.append(situation);
    const back = button("Back", () => (w.kept.length ? stepBack(w.kept) : (view = "start", draw(true))));
    controls.append(back, button("Restart", restart));
    if (node.ask && !(draft.node === node.id && draft.done)) {
      drawAsk(node);
      return situation;
    }
    const words = draft.node === node.id ? draft.words : "";
    if (words) body.append(labelled("p", "ck-your-words", "You wrote", words));
    const question = element("p", { class: "ck-ask", id: `${uid}-ask`, tabindex: "-1", text: "What do you do?" });
    const list = element("ul", { class: "ck-choices", role: "list", "aria-labelledby": question.id });
    node.choices.forEach((choice, index) => {
      const step = { node: node.id, choice: index, ...(words ? { words } : {}) };
      list.append(element("li", {}, button(choice.text, () => setPath([...w.kept, step], "feedback"), "ck-button ck-choice")));
    });
    body.append(question, list);
    return view === "choices" ? question : situation;
  }

  function drawFeedback(w) {
    bar.textContent = `Decision ${w.kept.length} of at most ${total}: feedback`;
    live.append(labelled("p", "ck-chose", "You chose", w.last.text));
    live.append(element("div", { class: "ck-feedback" }, formatText(resolve(w.last.feedback, w.facts))));
    if (w.last.reading) live.append(readingLink(w.last.reading));
    const next = button(w.ending ? "See how it ends" : "Continue", () => { view = "node"; draw(true); }, "ck-button ck-primary");
    controls.append(next, button("Back", () => stepBack(w.kept)), button("Restart", restart));
    return next;
  }

  function readingLink(reading) {
    const bookRoot = model.get("book_root");
    const p = element("p", { class: "ck-reading" }, element("strong", { text: "In the reading: " }));
    const href = bookRoot ? safeHref(`${bookRoot}${reading.doc}.html#${reading.label}`) : null;
    p.append(href ? element("a", { href, text: reading.title }) : document.createTextNode(reading.title));
    return p;
  }

  function drawEnding(w) {
    const { ending, kept, facts } = w;
    const nodes = new Map(scenario.nodes.map((n) => [n.id, n]));
    bar.textContent = `The end: ${plural(kept.length, "decision")} made`;
    const title = element("p", { class: "ck-title", id: `${uid}-ending`, tabindex: "-1", text: `Ending: ${ending.title}` });
    body.append(title, element("div", { class: "ck-text" }, formatText(resolve(ending.text, facts))));
    const taken = element("ol", { class: "ck-path" });
    for (const step of kept) {
      const li = element("li", {}, element("span", { text: nodes.get(step.node).choices[step.choice].text }));
      if (step.words) li.append(labelled("p", "ck-your-words", "You wrote", step.words));
      taken.append(li);
    }
    body.append(element("p", { class: "ck-label", text: "Your path" }), taken);
    if (scenario.goal) {
      body.append(element("p", { class: "ck-label", text: "What this practised" }),
        element("div", { class: "ck-goal" }, formatText(scenario.goal)));
    }
    body.append(element("p", { class: "ck-label", text: "Debrief" }),
      element("div", { class: "ck-debrief" }, formatText(resolve(ending.debrief, facts))));
    const qs = element("ol", { class: "ck-questions" });
    for (const q of ending.questions) qs.append(element("li", { text: q }));
    body.append(element("p", { class: "ck-label", text: "To discuss" }), qs);
    controls.append(button("Back", () => stepBack(kept)), button("Play again", restart, "ck-button ck-primary"));
    return title;
  }

  function draw(moveFocus = false) {
    const w = current();
    const fresh = element("div", { class: "ck-body" });
    body.replaceWith(fresh);
    body = fresh;
    live.replaceChildren();
    controls.replaceChildren();
    if (!w.kept.length && view === "feedback") view = "start";
    let focus;
    if (view === "start") focus = drawStart(w);
    else if (view === "feedback") focus = drawFeedback(w);
    else focus = w.node ? drawNode(w) : drawEnding(w);
    root.dataset.view = view === "start" || view === "feedback" ? view : w.node ? "node" : "ending";
    if (paused()) for (const b of root.querySelectorAll(".ck-body button, .ck-controls button")) b.disabled = true;
    if (moveFocus && focus) focus.focus();
  }

  const onPathChange = () => {
    // Another view of the same model (a second output, Python, another tab) moved the path.
    if (ownChange) return;
    const steps = current().kept;
    if (!steps.length) view = "start";
    else if (view === "start") view = "feedback";
    draw(false);
  };
  model.on("change:path", onPathChange);
  model.on("change:notice", showNotice);
  model.on("change:saved_revision", onSaved);
  draw(false);
  return () => {
    clearTimeout(unanswered);
    model.off?.("change:path", onPathChange);
    model.off?.("change:notice", showNotice);
    model.off?.("change:saved_revision", onSaved);
  };
}

// anywidget takes the default export; the book page imports it the same way.
export default { render };
