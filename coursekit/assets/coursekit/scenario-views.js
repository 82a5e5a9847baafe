// The screens of the scenario player (scenario.js), one function each: the start screen, a
// decision (with its words box when the node asks first), the feedback on a choice, and the
// ending. Each builds its part of the page from the walk of the stored path (paths.js) and
// returns it; what happens on a click is the `act` render() passes in. No state lives here.
//
// A screen is { bar, body, live?, controls, focus }: the progress bar's text, the nodes of the
// body (the start screen gives its own .ck-body element, as coursekit/player.py writes it into
// the page), what goes into the aria-live region, the buttons below, and what takes focus.
import { button, element, formatText, labelled } from "./text.js";
import { resolve } from "./paths.js";

const safeHref = (href) => (/^\s*(javascript|data|vbscript):/i.test(href) ? null : href);
const plural = (n, word) => `${n} ${word}${n === 1 ? "" : "s"}`;

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

// The start screen with its buttons: Begin, or Resume and Start over when there is a path.
export function startScreen(scenario, total, w, act) {
  const { bar, body: view } = startView(scenario, total);
  const body = [...view.childNodes];
  const controls = w.kept.length
    ? [button("Resume", act.resume, "ck-button ck-primary"), button("Start over", act.restart)]
    : [button("Begin", act.begin, "ck-button ck-primary")];
  return { bar, body, controls, focus: controls[0] };
}

// The box for the learner's own words at a node that asks, before its choices.
function askBox(node, uid, draft, act) {
  const box = element("textarea", { id: `${uid}-words`, class: "ck-words-box", rows: "4" });
  box.value = draft.node === node.id ? draft.words : "";
  box.addEventListener("input", () => act.draft(box.value));
  const words = element("div", { class: "ck-words" },
    element("label", { class: "ck-label", for: box.id, text: node.ask }),
    element("p", { class: "ck-hint", id: `${uid}-hint`,
      text: "Write it in your own words before you see the choices, or skip. It is kept with your path." }),
    box,
    element("div", { class: "ck-controls" },
      button("Show the choices", () => act.finishWords(box.value.trim()), "ck-button ck-primary"),
      button("Skip", () => act.finishWords(""))));
  box.setAttribute("aria-describedby", `${uid}-hint`);
  return words;
}

// A decision: the opening at hand, the situation, then the words box or the choices.
// `choicesFirst`: focus the question (the learner has just written their words).
export function nodeScreen(scenario, total, w, { uid, draft, choicesFirst }, act) {
  const node = w.node;
  const bar = `Decision ${w.kept.length + 1} of at most ${total}`;
  // The opening stays at hand: later situations build on it.
  const recall = element("details", { class: "ck-recall" },
    element("summary", { text: "The opening situation" }), element("div", { class: "ck-text" }, formatText(scenario.opening)));
  const situation = element("div", { class: "ck-text ck-situation", id: `${uid}-situation`, tabindex: "-1" },
    formatText(resolve(node.text, w.facts)));
  const controls = [button("Back", act.back), button("Restart", act.restart)];
  if (node.ask && !(draft.node === node.id && draft.done)) {
    return { bar, body: [recall, situation, askBox(node, uid, draft, act)], controls, focus: situation };
  }
  const body = [recall, situation];
  const words = draft.node === node.id ? draft.words : "";
  if (words) body.push(labelled("p", "ck-your-words", "You wrote", words));
  const question = element("p", { class: "ck-ask", id: `${uid}-ask`, tabindex: "-1", text: "What do you do?" });
  const list = element("ul", { class: "ck-choices", role: "list", "aria-labelledby": question.id });
  node.choices.forEach((choice, index) => {
    const step = { node: node.id, choice: index, ...(words ? { words } : {}) };
    list.append(element("li", {}, button(choice.text, () => act.choose(step), "ck-button ck-choice")));
  });
  body.push(question, list);
  return { bar, body, controls, focus: choicesFirst ? question : situation };
}

// Where a choice's feedback points in the reading: a link when there is a book to link to.
// A book page's root is relative to it; Jupyter's is a whole address or a server path
// (coursekit/book_link.py), opened in a new tab so the notebook stays where it was.
function readingLink(reading, bookRoot) {
  const p = element("p", { class: "ck-reading" }, element("strong", { text: "In the reading: " }));
  const href = bookRoot ? safeHref(`${bookRoot}${reading.doc}.html#${reading.label}`) : null;
  const elsewhere = /^([a-z]+:)?\//i.test(bookRoot);
  p.append(href ? element("a", { href, text: reading.title, ...(elsewhere ? { target: "_blank", rel: "noopener" } : {}) })
    : document.createTextNode(reading.title));
  return p;
}

// The feedback on the last choice, announced through the live region.
export function feedbackScreen(total, w, bookRoot, act) {
  const live = [labelled("p", "ck-chose", "You chose", w.last.text),
    element("div", { class: "ck-feedback" }, formatText(resolve(w.last.feedback, w.facts)))];
  if (w.last.reading) live.push(readingLink(w.last.reading, bookRoot));
  const next = button(w.ending ? "See how it ends" : "Continue", act.onward, "ck-button ck-primary");
  return {
    bar: `Decision ${w.kept.length} of at most ${total}: feedback`,
    body: [],
    live,
    controls: [next, button("Back", act.back), button("Restart", act.restart)],
    focus: next,
  };
}

// The ending: its text, the path taken (with the learner's words), the goal, the debrief and
// the questions to discuss.
export function endingScreen(scenario, w, uid, act) {
  const { ending, kept, facts } = w;
  const nodes = new Map(scenario.nodes.map((n) => [n.id, n]));
  const title = element("p", { class: "ck-title", id: `${uid}-ending`, tabindex: "-1", text: `Ending: ${ending.title}` });
  const body = [title, element("div", { class: "ck-text" }, formatText(resolve(ending.text, facts)))];
  const taken = element("ol", { class: "ck-path" });
  for (const step of kept) {
    const li = element("li", {}, element("span", { text: nodes.get(step.node).choices[step.choice].text }));
    if (step.words) li.append(labelled("p", "ck-your-words", "You wrote", step.words));
    taken.append(li);
  }
  body.push(element("p", { class: "ck-label", text: "Your path" }), taken);
  if (scenario.goal) {
    body.push(element("p", { class: "ck-label", text: "What this practised" }),
      element("div", { class: "ck-goal" }, formatText(scenario.goal)));
  }
  body.push(element("p", { class: "ck-label", text: "Debrief" }),
    element("div", { class: "ck-debrief" }, formatText(resolve(ending.debrief, facts))));
  const qs = element("ol", { class: "ck-questions" });
  for (const q of ending.questions) qs.append(element("li", { text: q }));
  body.push(element("p", { class: "ck-label", text: "To discuss" }), qs);
  return {
    bar: `The end: ${plural(kept.length, "decision")} made`,
    body,
    controls: [button("Back", act.back), button("Play again", act.restart, "ck-button ck-primary")],
    focus: title,
  };
}
