// What discussion mode draws at each step of a session (discussion.js runs the session).
// Each step is one screen: the opening; at each decision the situation (and the "in your own
// words" prompt, before any option is shown), the options with the room's counts, and what
// happens after one option at a time; the ending, then its debrief. Every text goes in
// through textContent (text.js).
import { element, formatText, button } from "./text.js";
import { LETTERS, shares } from "./tally.js";

// The keys each step answers to, as the line at the foot of the screen lists them.
export const KEYS = {
  opening: "Enter begin · Esc close",
  situation: "Enter show the options · Backspace back · N notes · Esc close",
  options: "1–9 one more for that option · Shift+1–9 one fewer · E type the counts · R reveal what happens · Backspace back · N notes",
  revealed: "1–9 or ←→ show that option · G go on with it · E type the counts · Backspace hide again · N notes",
  editing: "Tab next count · Enter or Esc done",
  ending: "Enter the debrief · Backspace back · N notes · Esc close",
  debrief: "Backspace back · N notes · Esc close",
};

const text = (cls, value) => element("div", { class: `ck-dm-text ${cls}` }, formatText(value));

export function notesPanel(notes) {
  const panel = element("section", { class: "ck-dm-notes", id: "ck-dm-notes", "aria-label": "Facilitator notes", hidden: "" });
  panel.append(element("h3", { text: "Facilitator notes (not for the room while it decides)" }));
  if (!notes) {
    panel.append(element("p", { text: "This scenario has no facilitator notes yet." }));
    return panel;
  }
  for (const [key, label] of [["key_point", "Key point"], ["usual_choice", "What groups usually choose"],
    ["misconception", "A common misconception"], ["alternative", "Alternative activity"]]) {
    panel.append(element("h4", { text: label }), formatText(notes[key]));
  }
  panel.append(element("h4", { text: "Debrief questions" }),
    element("ol", {}, ...notes.questions.map((q) => element("li", { text: q }))));
  return panel;
}

export function openingView(scenario, saved, on) {
  const out = [];
  if (scenario.content_note) out.push(element("p", { class: "ck-dm-note" }, element("strong", { text: "Content note: " }), document.createTextNode(scenario.content_note)));
  out.push(text("ck-dm-opening", scenario.opening));
  const begin = button(saved ? "Begin with an empty tally (Enter)" : "Begin (Enter)", on.begin, "ck-button ck-primary ck-dm-go");
  begin.dataset.primary = "";
  const actions = element("p", { class: "ck-dm-actions" }, begin);
  if (saved) {
    actions.append(button("Resume the saved session", on.resume, "ck-button ck-dm-go"));
    out.push(element("p", { class: "ck-dm-saved" }, document.createTextNode(
      `This browser keeps an earlier session of this scenario: ${saved.summary}. Resume it to go on with its counts; ` +
      "a new session starts with an empty tally and replaces the saved one once you count or move on. Until you " +
      "close this view, a button at the foot of the screen brings the saved session back.")));
  }
  out.push(actions);
  return out;
}

export function situationView(node, situation, on) {
  const out = [text("ck-dm-situation", situation)];
  if (node.ask) {
    out.push(element("div", { class: "ck-dm-ask" },
      element("p", { class: "ck-dm-ask-head", text: "In your own words, before the options: take a few answers aloud." }),
      element("p", { text: node.ask })));
  }
  const show = button("Show the options (Enter)", on.showOptions, "ck-button ck-primary ck-dm-go");
  show.dataset.primary = "";
  out.push(show);
  return out;
}

// One option's count: a number, or (while the facilitator types the counts) a box.
function countCell(node, i, counts, editing, on) {
  if (!editing) return element("span", { class: "ck-dm-number", "data-option": String(i) });
  const input = element("input", { id: `ck-dm-count-${i}`, type: "number", min: "0", max: "9999", inputmode: "numeric",
    class: "ck-dm-count", value: String(counts[i]), "aria-label": `How many chose ${LETTERS[i]}` });
  input.addEventListener("input", () => on.setCount(node.id, i, input.value));
  return input;
}

export function optionsView(node, counts, editing, on) {
  const rows = node.choices.map((choice, i) => element("li", { class: "ck-dm-option" },
    element("p", { class: "ck-dm-choice" }, element("span", { class: "ck-dm-letter", text: `${LETTERS[i]}. ` }), document.createTextNode(choice.text)),
    element("div", { class: "ck-dm-tally" },
      element("span", { class: "ck-dm-track", "aria-hidden": "true" }, element("span", { class: "ck-dm-fill", "data-option": String(i) })),
      countCell(node, i, counts, editing, on))));
  const list = element("ol", { class: "ck-dm-options" }, ...rows);
  const reveal = button("Reveal what happens (R)", on.reveal, "ck-button ck-primary ck-dm-go");
  reveal.dataset.primary = "";
  return [list, element("p", { class: "ck-dm-actions" }, reveal, editButton(editing, on))];
}

function editButton(editing, on) {
  return button(editing ? "Done typing the counts (Enter)" : "Type the counts (E)", on.toggleEdit, "ck-button ck-dm-edit");
}

export function revealedView(node, counts, shown, feedback, on) {
  const bar = shares(counts);
  const picker = element("div", { class: "ck-dm-picker", role: "group", "aria-label": "Show what happens after an option" },
    ...node.choices.map((_, i) => {
      const b = button("", () => on.show(i), "ck-button ck-dm-pick");
      b.setAttribute("aria-pressed", String(i === shown));
      b.append(element("span", { class: "ck-dm-letter", text: LETTERS[i] }), document.createTextNode(" "),
        element("span", { class: "ck-dm-number", "data-option": String(i), text: `${bar[i].count} (${bar[i].percent}%)` }));
      return b;
    }));
  const choice = node.choices[shown];
  const go = button(`Go on with ${LETTERS[shown]} (G)`, on.goOn, "ck-button ck-primary ck-dm-go");
  go.dataset.primary = "";
  return [picker,
    element("p", { class: "ck-dm-choice ck-dm-shown" }, element("span", { class: "ck-dm-letter", text: `${LETTERS[shown]}. ` }), document.createTextNode(choice.text)),
    element("div", { class: "ck-dm-feedback" }, element("p", { class: "ck-dm-feedback-head", text: "What happens" }), formatText(feedback)),
    element("p", { class: "ck-dm-actions" }, go, editButton(false, on))];
}

export function endingView(ending, resolved, on) {
  const next = button("The debrief (Enter)", on.debrief, "ck-button ck-primary ck-dm-go");
  next.dataset.primary = "";
  return [element("h3", { class: "ck-dm-ending", tabindex: "-1", text: `Ending: ${ending.title}` }), text("ck-dm-ending-text", resolved.text), next];
}

export function debriefView(ending, resolved, notes) {
  const questions = [...ending.questions, ...(notes?.questions ?? [])];
  return [element("h3", { class: "ck-dm-ending", tabindex: "-1", text: `Debrief: ${ending.title}` }), text("ck-dm-debrief", resolved.debrief),
    element("h4", { text: "Questions for the room" }),
    element("ol", { class: "ck-dm-questions" }, ...questions.map((q) => element("li", { text: q })))];
}
