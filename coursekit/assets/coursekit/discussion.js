// Discussion mode: a scenario projected for a room, one decision at a time. Feedback stays
// hidden until the facilitator reveals it; the facilitator types how many people chose each
// option (kept in this browser, shown as bars with numbers) and picks the option the room
// goes on with, which decides the next decision and its text (paths.js). Keyboard-driven;
// nothing is fetched or sent. Every text goes in through textContent (text.js).
import { walk, resolve } from "./paths.js";
import { element, formatText, button } from "./text.js";
import { LETTERS, cleanCount, cleanTally, shares, tallyMarkdown, tallyCsv } from "./tally.js";
import { download } from "./download.js";

const KEYS = "Keys: R reveal feedback · 1–9 go on with that option (after reveal) · Backspace back · N notes · Esc close";

function notesPanel(notes) {
  const panel = element("section", { class: "ck-dm-notes", "aria-label": "Facilitator notes", hidden: "" });
  panel.append(element("h3", { text: "Facilitator notes" }));
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

// Opens the projector view for {scenario, notes}; `store` keeps the tally. Returns the dialog.
export function openDiscussion({ scenario, notes }, store) {
  const key = `tally:${scenario.id}`;
  let tally = cleanTally(scenario, store.read(key, {}));
  let roomPath = [];
  let started = false;
  let revealed = false;

  const dialog = element("dialog", { class: "ck-projector", "aria-labelledby": "ck-dm-title" });
  const title = element("h2", { id: "ck-dm-title", class: "ck-dm-title", tabindex: "-1", text: `Discussion: ${scenario.title}` });
  const where = element("p", { class: "ck-dm-where", role: "status" });
  const stage = element("div", { class: "ck-dm-stage" });
  const notesBox = notesPanel(notes);
  const notesButton = button("Notes (N)", () => toggleNotes(), "ck-button ck-dm-small");
  notesButton.setAttribute("aria-expanded", "false");
  const close = button("Close (Esc)", () => dialog.close(), "ck-button ck-dm-small");
  const exports = element("div", { class: "ck-dm-exports" },
    button("Download tally and notes (Markdown)", () =>
      download(`${scenario.id}-tally.md`, tallyMarkdown(scenario, notes, tally, roomPath), "text/markdown"), "ck-button ck-dm-small"),
    button("Download tally (CSV)", () => download(`${scenario.id}-tally.csv`, tallyCsv(scenario, tally), "text/csv"), "ck-button ck-dm-small"),
    button("Clear the tally", () => {
      tally = {};
      store.write(key, tally);
      draw();
    }, "ck-button ck-dm-small"));
  dialog.append(element("header", { class: "ck-dm-head" }, title, element("div", { class: "ck-dm-tools" }, notesButton, close)),
    where, stage, notesBox, element("footer", { class: "ck-dm-foot" }, element("p", { class: "ck-dm-keys", text: KEYS }), exports));

  function toggleNotes() {
    const show = notesBox.hidden;
    notesBox.hidden = !show;
    notesButton.setAttribute("aria-expanded", String(show));
  }

  const here = () => walk(scenario, roomPath);

  function setCount(nodeId, index, value, n) {
    const counts = tally[nodeId] ?? Array(n).fill(0);
    counts[index] = cleanCount(value);
    tally = { ...tally, [nodeId]: counts };
    store.write(key, tally);
  }

  function optionRow(node, choice, i, facts, bars) {
    const counts = tally[node.id] ?? node.choices.map(() => 0);
    const id = `ck-dm-count-${i}`;
    const input = element("input", { id, type: "number", min: "0", max: "9999", inputmode: "numeric",
      class: "ck-dm-count", value: String(counts[i]) });
    const fill = element("span", { class: "ck-dm-fill", "aria-hidden": "true" });
    const number = element("span", { class: "ck-dm-number" });
    bars.push(() => {
      const s = shares(tally[node.id] ?? node.choices.map(() => 0))[i];
      fill.style.width = `${s.percent}%`;
      number.textContent = `${s.count} (${s.percent}%)`;
    });
    input.addEventListener("input", () => {
      setCount(node.id, i, input.value, node.choices.length);
      bars.forEach((redraw) => redraw());
    });
    const item = element("li", { class: "ck-dm-option" },
      element("p", { class: "ck-dm-choice" }, element("span", { class: "ck-dm-letter", text: `${LETTERS[i]}. ` }), document.createTextNode(choice.text)),
      element("div", { class: "ck-dm-tally" },
        element("label", { for: id, text: `How many chose ${LETTERS[i]}` }), input,
        element("span", { class: "ck-dm-track" }, fill), number));
    if (revealed) {
      const after = new Set([...facts, ...(choice.remember ?? [])]);
      item.append(element("div", { class: "ck-dm-feedback" }, element("strong", { text: "What happens: " }), formatText(resolve(choice.feedback, after))),
        button(`Go on with ${LETTERS[i]} (${i + 1})`, () => go(node, i), "ck-button ck-dm-go"));
    }
    return item;
  }

  function go(node, index) {
    roomPath = [...here().kept, { node: node.id, choice: index }];
    revealed = false;
    draw(true);
  }

  function back() {
    if (revealed) revealed = false;
    else if (roomPath.length) roomPath = roomPath.slice(0, -1);
    else started = false;
    draw(true);
  }

  function draw(moveFocus = false) {
    const { node, ending, facts } = here();
    stage.replaceChildren();
    if (!started) {
      where.textContent = "Opening";
      if (scenario.content_note) stage.append(element("p", { class: "ck-dm-note" }, element("strong", { text: "Content note: " }), document.createTextNode(scenario.content_note)));
      stage.append(element("div", { class: "ck-dm-text" }, formatText(scenario.opening)),
        button("Begin (Enter)", () => { started = true; draw(true); }, "ck-button ck-primary ck-dm-go"));
    } else if (node) {
      where.textContent = `Decision ${roomPath.length + 1}${revealed ? " · feedback shown" : " · feedback hidden"}`;
      stage.append(element("div", { class: "ck-dm-text" }, formatText(resolve(node.text, facts))));
      if (node.ask) stage.append(element("p", { class: "ck-dm-ask" }, element("strong", { text: "Say it aloud first: " }), document.createTextNode(node.ask)));
      const bars = [];
      stage.append(element("ol", { class: "ck-dm-options" }, ...node.choices.map((c, i) => optionRow(node, c, i, facts, bars))));
      bars.forEach((redraw) => redraw());
      if (!revealed) stage.append(button("Reveal feedback (R)", () => { revealed = true; draw(true); }, "ck-button ck-primary ck-dm-go"));
    } else if (ending) {
      where.textContent = "Ending";
      stage.append(element("h3", { class: "ck-dm-ending", text: ending.title }),
        element("div", { class: "ck-dm-text" }, formatText(resolve(ending.text, facts))),
        element("h4", { text: "Debrief" }), element("div", { class: "ck-dm-text" }, formatText(resolve(ending.debrief, facts))),
        element("h4", { text: "Questions for the room" }),
        element("ol", { class: "ck-dm-questions" }, ...[...ending.questions, ...(notes?.questions ?? [])].map((q) => element("li", { text: q }))));
    }
    if (moveFocus) (stage.querySelector(revealed ? ".ck-dm-go" : ".ck-dm-count") ?? stage.querySelector(".ck-dm-go") ?? title).focus();
  }

  dialog.addEventListener("keydown", (event) => {
    if (event.key === "Escape") { event.preventDefault(); dialog.close(); return; }
    if (event.target.tagName === "INPUT" || event.ctrlKey || event.metaKey || event.altKey) return;
    const k = event.key.toLowerCase();
    const { node } = here();
    if (k === "r" && started && node && !revealed) { revealed = true; draw(true); }
    else if (k === "n") toggleNotes();
    else if (k === "backspace") back();
    else if (k === "enter" && !started && event.target === dialog) { started = true; draw(true); }
    else if (/^[1-9]$/.test(k) && node && revealed && Number(k) <= node.choices.length) go(node, Number(k) - 1);
    else return;
    event.preventDefault();
  });
  dialog.addEventListener("close", () => dialog.remove());
  document.body.append(dialog);
  draw();
  dialog.showModal();
  (stage.querySelector(".ck-dm-go") ?? title).focus();
  return dialog;
}
