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
//   screen     optional: where the learner is beyond the stored path, so a reload comes back
//              to it: { steps, node, view: "node"|"choices", words } (the next decision after
//              a feedback, or the ending; what they are writing there before its choices).
//              The book page keeps it in this browser; Jupyter leaves it in the page.
//   confirm_saves, revision, saved_revision   Jupyter only: each change of path carries a new
//              revision, which the kernel echoes in saved_revision once it has saved it. A
//              player whose kernel does not answer (restarted, stopped) says so and pauses.
//
// All text is put on the page with textContent (text.js): scenario files and stored progress
// can never inject HTML. When bundled for anywidget (coursekit/player.py), the modules
// imported below are inlined into this one, so keep their exported names distinct.
import { button, element } from "./text.js";
import { mostDecisions, walk } from "./paths.js";
import { endingScreen, feedbackScreen, nodeScreen, startScreen } from "./scenario-views.js";
export { element, formatText } from "./text.js";
export { validPath } from "./paths.js";
export { startView } from "./scenario-views.js";

const SAVE_ANSWER_MS = 4000;
let counter = 0;

// Saving, and a kernel that no longer answers (Jupyter only): `save()` sends the path, and
// with confirm_saves a new revision that the kernel echoes in saved_revision once it has saved
// it. No echo within SAVE_ANSWER_MS (or a closed channel): `stale` says so and the player is
// `paused()` until the kernel answers. `redraw` is called when the pause starts or ends.
function kernelSaves(model, stale, redraw) {
  let unanswered = null;
  const paused = () => unanswered !== null && stale.childElementCount > 0;
  function showStale() {
    stale.replaceChildren(
      element("p", { text: "Your last step is not saved yet: this player's kernel does not answer. It may be busy "
        + "running another cell, or it was restarted. Re-run this cell to carry on from your saved progress; "
        + "until the kernel answers, the choices here are paused." }),
      button("Try saving again", save));
    redraw();
  }
  function save() {
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
    if (was) redraw();
  };
  model.on("change:saved_revision", onSaved);
  const stop = () => {
    clearTimeout(unanswered);
    model.off?.("change:saved_revision", onSaved);
  };
  return { save, paused, stop };
}

function render({ model, el }) {
  const scenario = model.get("scenario");
  const uid = `ck-${scenario.id}-${++counter}`;
  const total = mostDecisions(scenario);
  const current = () => walk(scenario, model.get("path"));
  // What is on screen beyond the stored path: the start screen, the feedback of the last
  // choice, or the next node (or the ending) once that feedback has been read.
  let view = current().kept.length ? "feedback" : "start";
  // What the learner writes at a node that asks, before its choices: kept with the step.
  let draft = { node: null, words: "", done: false };
  // A reload comes back to the screen the learner left, if the path is still the one it was
  // shown for (another tab may have moved on).
  const left = model.get("screen");
  if (left && typeof left === "object" && left.steps === current().kept.length
      && left.node === (current().node?.id ?? null) && (left.view === "node" || left.view === "choices")) {
    view = left.view;
    const words = typeof left.words === "string" ? left.words : "";
    if (left.node) draft = { node: left.node, words, done: left.view === "choices" };
  }
  // Kept only past the stored path (a decision or the ending on screen), and only when it
  // changes: the start screen and a feedback come back from the path alone.
  const keepScreen = () => {
    const w = current();
    const here = w.node?.id ?? null;
    const next = view === "node" || view === "choices"
      ? { steps: w.kept.length, node: here, view, words: draft.node !== null && draft.node === here ? draft.words : "" }
      : null;
    if (JSON.stringify(next) !== JSON.stringify(model.get("screen") ?? null)) model.set("screen", next);
  };

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

  const saves = kernelSaves(model, stale, () => draw(false));
  const { paused } = saves;

  let ownChange = false;
  const setPath = (next, nextView) => {
    view = nextView;
    ownChange = true;
    model.set("path", next);
    ownChange = false;
    saves.save();
    draw(true);
  };
  // Back to the node of the last step, with what the learner wrote there.
  const stepBack = (steps) => {
    const last = steps.at(-1);
    draft = { node: last.node, words: last.words ?? "", done: false };
    setPath(steps.slice(0, -1), "node");
  };
  const restart = () => { draft = { node: null, words: "", done: false }; setPath([], "start"); };

  // What each screen's buttons do, for the walk `w` on screen.
  const actions = (w) => ({
    begin: () => { view = "node"; draw(true); },
    resume: () => { view = "feedback"; draw(true); },
    onward: () => { view = "node"; draw(true); },
    restart,
    back: () => (w.kept.length ? stepBack(w.kept) : (view = "start", draw(true))),
    choose: (step) => setPath([...w.kept, step], "feedback"),
    draft: (words) => { draft = { node: w.node.id, words, done: false }; keepScreen(); },
    finishWords: (words) => { draft = { node: w.node.id, words, done: true }; view = "choices"; draw(true); },
  });

  function screenFor(w) {
    const act = actions(w);
    if (view === "start") return startScreen(scenario, total, w, act);
    if (view === "feedback") return feedbackScreen(total, w, model.get("book_root"), act);
    if (w.node) return nodeScreen(scenario, total, w, { uid, draft, choicesFirst: view === "choices" }, act);
    return endingScreen(scenario, w, uid, act);
  }

  function draw(moveFocus = false) {
    const w = current();
    if (!w.kept.length && view === "feedback") view = "start";
    const screen = screenFor(w);
    const fresh = element("div", { class: "ck-body" }, ...screen.body);
    body.replaceWith(fresh);
    body = fresh;
    bar.textContent = screen.bar;
    live.replaceChildren(...(screen.live ?? []));
    controls.replaceChildren(...screen.controls);
    root.dataset.view = view === "start" || view === "feedback" ? view : w.node ? "node" : "ending";
    keepScreen();
    if (paused()) for (const b of root.querySelectorAll(".ck-body button, .ck-controls button")) b.disabled = true;
    if (moveFocus && screen.focus) screen.focus.focus();
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
  draw(false);
  return () => {
    saves.stop();
    model.off?.("change:path", onPathChange);
    model.off?.("change:notice", showNotice);
  };
}

// anywidget takes the default export; the book page imports it the same way.
export default { render };
