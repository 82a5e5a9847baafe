// Discussion mode: a scenario projected for a room, one screen at a time (discussion-views.js).
// At each decision the room first hears the situation (and says in its own words what it
// would do, where the scenario asks), then sees the options and shows its choice; the
// facilitator counts with the digit keys (or types the counts, as an explicit step), reveals
// what happens after each option one at a time, and goes on with the option the room picks,
// which decides the next decision and its text (paths.js). Every key works wherever focus is
// in the dialog, except in a count box while typing the counts. A session starts with an
// empty tally unless the facilitator resumes the one saved in this browser; clearing asks
// first and can be undone. Nothing is fetched or sent, except to the course's own room server
// when the facilitator lets the room vote from the page it serves (discussion-room.js).
import { walk, resolve } from "./paths.js";
import { element, button } from "./text.js";
import { LETTERS, roomTally, cleanTally, shares, total } from "./tally.js";
import { tallyMarkdown, tallyCsv } from "./tally-export.js";
import { download } from "./download.js";
import { roomControls } from "./discussion-room.js";
import { KEYS, notesPanel, openingView, situationView, optionsView, revealedView, endingView, debriefView } from "./discussion-views.js";

// A saved session, as this browser keeps it: {counts, path}; older files kept the counts alone.
function savedSession(scenario, value) {
  if (!value || typeof value !== "object" || Array.isArray(value)) return null;
  const counts = cleanTally(scenario, "counts" in value ? value.counts : value);
  const path = walk(scenario, value.path).kept.map(({ node, choice }) => ({ node, choice }));
  const votes = total(counts);
  if (!votes && !path.length) return null;
  const decisions = Object.keys(counts).length;
  return { counts, path, summary: `${votes} count${votes === 1 ? "" : "s"} at ${decisions} decision${decisions === 1 ? "" : "s"}, ${path.length} step${path.length === 1 ? "" : "s"} taken` };
}

// Opens the projector view for {scenario, notes}; `store` keeps the session; `room`: the room
// server's line (room-link.js), or null on the static book. Returns the dialog.
export function openDiscussion({ scenario, notes }, store, room = null) {
  const key = `tally:${scenario.id}`;
  const saved = savedSession(scenario, store.read(key, null));
  let tally = roomTally(scenario);
  let roomPath = [];
  let step = "opening"; // situation, options, revealed, ending, debrief
  let shown = 0; // the option whose outcome is on screen
  let editing = false;
  let started = false;

  const dialog = element("dialog", { class: "ck-projector", "aria-labelledby": "ck-dm-title" });
  const title = element("h2", { id: "ck-dm-title", class: "ck-dm-title", tabindex: "-1" },
    element("span", { class: "ck-dm-sr", text: "Discussion: " }), document.createTextNode(scenario.title));
  const where = element("p", { class: "ck-dm-where", role: "status" });
  const stage = element("div", { class: "ck-dm-stage" });
  const live = element("p", { class: "ck-dm-live", "aria-live": "polite" });
  const notesBox = notesPanel(notes);
  const notesButton = button("Notes (N)", () => toggleNotes(), "ck-button ck-dm-small");
  notesButton.setAttribute("aria-expanded", "false");
  notesButton.setAttribute("aria-controls", notesBox.id);
  const keys = element("p", { class: "ck-dm-keys" });
  const tallyTools = element("div", { class: "ck-dm-exports" });
  dialog.append(element("header", { class: "ck-dm-head" }, title, where,
    element("div", { class: "ck-dm-tools" }, notesButton, button("Close (Esc)", () => dialog.close(), "ck-button ck-dm-small"))),
  stage, notesBox, live, element("footer", { class: "ck-dm-foot" }, keys, tallyTools));

  const roomUI = roomControls(room, { tally: { count: (...a) => tally.count(...a) }, say: (m) => say(m) });
  stage.after(...roomUI.elements);

  const here = () => walk(scenario, roomPath);
  const save = () => store.write(key, { counts: tally.all, path: roomPath });
  const say = (message) => { live.textContent = message; };

  function watch() {
    tally.onChange((counts) => {
      save();
      refreshCounts();
      if (tools === "undo" && total(counts)) drawTools(); // a new count: clearing is no longer undone
      else updateTools();
    });
  }
  watch();

  function toggleNotes() {
    const show = notesBox.hidden;
    notesBox.hidden = !show;
    notesButton.setAttribute("aria-expanded", String(show));
  }

  // The numbers and bars on screen, after any change of the tally.
  function refreshCounts() {
    const { node } = here();
    if (!node) return;
    const bar = shares(tally.counts(node.id));
    for (const el of stage.querySelectorAll(".ck-dm-number[data-option]")) {
      const s = bar[Number(el.dataset.option)];
      el.textContent = `${s.count} (${s.percent}%)`;
    }
    for (const el of stage.querySelectorAll(".ck-dm-fill[data-option]")) el.style.width = `${bar[Number(el.dataset.option)].percent}%`;
  }

  // Exports, and clearing the tally: asked first ("confirm"), then offered back ("undo") until
  // the next change of the tally.
  let tools = "";
  function drawTools(state = "") {
    tools = state;
    const small = "ck-button ck-dm-small";
    if (state === "confirm") {
      tallyTools.replaceChildren(element("span", { class: "ck-dm-confirm", text: "Clear every count of this session?" }),
        button("Yes, clear the counts", () => {
          tally.clear();
          drawTools("undo");
          say("The counts are cleared. Undo brings them back.");
          tallyTools.querySelector(".ck-dm-undo").focus();
        }, small),
        button("No, keep them", () => { drawTools(); tallyTools.querySelector(".ck-dm-clear").focus(); }, `${small} ck-dm-keep`));
      tallyTools.querySelector(".ck-dm-keep").focus();
      return;
    }
    tallyTools.replaceChildren(
      button("Download tally and notes (Markdown)", () =>
        download(`${scenario.id}-tally.md`, tallyMarkdown(scenario, notes, tally.all, roomPath), "text/markdown"), small),
      button("Download tally (CSV)", () => download(`${scenario.id}-tally.csv`, tallyCsv(scenario, tally.all), "text/csv"), small));
    if (state === "undo") {
      tallyTools.append(button("Undo: bring the counts back", () => {
        tally.undo();
        say("The counts are back.");
        drawTools();
        tallyTools.querySelector(".ck-dm-clear").focus();
      }, `${small} ck-dm-undo`));
    }
    tallyTools.append(button("Clear the tally", () => drawTools("confirm"), `${small} ck-dm-clear`));
    updateTools();
  }
  function updateTools() {
    const clear = tallyTools.querySelector(".ck-dm-clear");
    if (clear) clear.disabled = !total(tally.all);
  }

  // A new session keeps the saved one until it counts or moves on; resuming takes it over.
  function begin(resume) {
    if (resume && saved && !started) {
      tally = roomTally(scenario, saved.counts);
      watch();
      roomPath = saved.path;
      save();
    }
    started = true;
    step = here().node ? (resume && roomPath.length ? "options" : "situation") : "ending";
    drawTools();
    draw(true);
  }

  function go(index) {
    const { node } = here();
    roomPath = [...roomPath, { node: node.id, choice: index }];
    step = here().node ? "situation" : "ending";
    editing = false;
    save();
    draw(true);
  }

  function back() {
    editing = false;
    if (step === "debrief") step = "ending";
    else if (step === "revealed") step = "options";
    else if (step === "options") step = "situation";
    else if (step === "opening") return;
    else if (roomPath.length) {
      shown = roomPath.at(-1).choice;
      roomPath = roomPath.slice(0, -1);
      step = "revealed";
      save();
    } else step = "opening";
    draw(true);
  }

  function countKey(node, index, add) {
    if (index >= node.choices.length) return;
    tally.count(node.id, index, { add });
    say(`${LETTERS[index]}: ${tally.counts(node.id)[index]}`);
  }

  const on = {
    begin: () => begin(false),
    resume: () => begin(true),
    showOptions: () => { step = "options"; draw(true); },
    reveal: () => { step = "revealed"; shown = 0; editing = false; draw(true); },
    show: (i) => { shown = i; draw(true); },
    goOn: () => go(shown),
    debrief: () => { step = "debrief"; draw(true); },
    toggleEdit: () => { editing = !editing; if (editing) step = "options"; draw(true); },
    setCount: (nodeId, i, value) => tally.count(nodeId, i, { set: value }),
  };

  function draw(moveFocus = false) {
    const { node, ending, facts } = here();
    const decision = `Decision ${roomPath.length + 1}`;
    let views;
    if (step === "opening") {
      where.textContent = "Opening";
      views = openingView(scenario, started ? null : saved, on);
    } else if (step === "situation") {
      where.textContent = `${decision} · the situation`;
      views = situationView(node, resolve(node.text, facts), on);
    } else if (step === "options") {
      where.textContent = `${decision} · the options${editing ? " · typing the counts" : ""}`;
      views = optionsView(node, tally.counts(node.id), editing, on);
    } else if (step === "revealed") {
      const after = new Set([...facts, ...(node.choices[shown].remember ?? [])]);
      where.textContent = `${decision} · what happens after ${LETTERS[shown]}`;
      views = revealedView(node, tally.counts(node.id), shown, resolve(node.choices[shown].feedback, after), on);
    } else {
      where.textContent = step === "ending" ? "Ending" : "Debrief";
      const resolved = { text: resolve(ending.text, facts), debrief: resolve(ending.debrief, facts) };
      views = step === "ending" ? endingView(ending, resolved, on) : debriefView(ending, resolved, notes);
    }
    stage.replaceChildren(...views);
    stage.dataset.step = step;
    keys.textContent = `Keys: ${KEYS[editing ? "editing" : step]}${editing ? "" : roomUI.keys}`;
    roomUI.follow(step, node, step === "situation" || step === "options" ? resolve(node.text, facts) : "");
    refreshCounts();
    fitTwoColumns();
    if (!moveFocus) return;
    const target = (editing && stage.querySelector(".ck-dm-count")) || stage.querySelector("[data-primary]") || stage.querySelector("[tabindex='-1']") || title;
    target.focus();
  }

  // Many or long options, or many questions: one column, or two when one would not fit.
  function fitTwoColumns() {
    const list = stage.querySelector(".ck-dm-options, .ck-dm-questions");
    if (!list) return;
    const tall = () => dialog.scrollHeight - dialog.clientHeight;
    list.classList.remove("ck-dm-two");
    const one = tall();
    if (one <= 0) return;
    list.classList.add("ck-dm-two");
    if (tall() > one) list.classList.remove("ck-dm-two");
  }

  function primary() {
    stage.querySelector("[data-primary]")?.click();
  }

  dialog.addEventListener("cancel", (event) => { if (editing) { event.preventDefault(); on.toggleEdit(); } });
  dialog.addEventListener("keydown", (event) => {
    const inBox = event.target.tagName === "INPUT";
    if (event.key === "Escape") {
      event.preventDefault();
      if (editing) on.toggleEdit();
      else dialog.close();
      return;
    }
    if (inBox) {
      if (event.key === "Enter") { event.preventDefault(); on.toggleEdit(); }
      return; // typing a count: every other key belongs to the box
    }
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    const { node } = here();
    const k = event.key.toLowerCase();
    const digit = /^(?:Digit|Numpad)([1-9])$/.exec(event.code)?.[1] ?? (/^[1-9]$/.test(event.key) ? event.key : null);
    const onButton = event.target.tagName === "BUTTON";
    if (k === "enter" && !onButton) primary();
    else if (k === "n") toggleNotes();
    else if (k === "v") roomUI.toggle();
    else if (k === "l") roomUI.toggleLines();
    else if (k === "backspace") back();
    else if (step === "options" && digit) countKey(node, Number(digit) - 1, event.shiftKey ? -1 : 1);
    else if (step === "options" && k === "r") on.reveal();
    else if ((step === "options" || step === "revealed") && k === "e") on.toggleEdit();
    else if (step === "revealed" && digit && Number(digit) <= node.choices.length) on.show(Number(digit) - 1);
    else if (step === "revealed" && (k === "arrowright" || k === "arrowleft")) on.show((shown + (k === "arrowright" ? 1 : node.choices.length - 1)) % node.choices.length);
    else if (step === "revealed" && k === "g") on.goOn();
    else return;
    event.preventDefault();
  });
  dialog.addEventListener("close", () => { roomUI.end(); dialog.remove(); });
  document.body.append(dialog);
  drawTools();
  draw();
  dialog.showModal();
  (stage.querySelector("[data-primary]") ?? title).focus();
  return dialog;
}
