// Discussion mode: a scenario projected for a room, one screen at a time (discussion-views.js).
// At each decision the room hears the situation (and answers in its own words, where the
// scenario asks) before it sees the options; the facilitator counts with the digit keys (or
// types the counts, as an explicit step), reveals each option's outcome one at a time, and goes
// on with the option the room picks (paths.js). Every key works wherever focus is in the
// dialog, except in a count box while typing. A session starts with an empty tally unless the
// facilitator resumes the saved one; a fresh start and clearing can be undone. Nothing is
// fetched or sent, except to the course's own room server (discussion-room.js).
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
    if (other) {
      tallyTools.append(button(otherIsEarlier ? `Undo the new start: resume the earlier session (${other.summary})`
        : `Back to the new session (${other.summary})`, switchSession, `${small} ck-dm-switch`));
    }
    tallyTools.append(button("Clear the tally", () => drawTools("confirm"), `${small} ck-dm-clear`));
    updateTools();
  }
  function updateTools() {
    const clear = tallyTools.querySelector(".ck-dm-clear");
    if (clear) clear.disabled = !total(tally.all);
  }

  // A new session keeps the saved one until it counts or moves on; resuming takes it over.
  // Beginning afresh over a saved session can be undone while the view is open: the tools
  // offer to switch to the other session, and back.
  let other = null;
  let otherIsEarlier = true;
  function useSession(session) {
    tally = roomTally(scenario, session.counts);
    watch();
    roomPath = session.path;
    save();
  }
  function begin(resume) {
    if (saved && !started) {
      if (resume) useSession(saved);
      else other = saved;
    }
    started = true;
    step = resume ? resumedStep() : here().node ? "situation" : "ending";
    drawTools();
    draw(true);
  }
  // A session taken up again opens where it stood: at its options once it has counted or moved.
  function resumedStep() {
    const { node } = here();
    return !node ? "ending" : roomPath.length || total(tally.counts(node.id)) ? "options" : "situation";
  }
  function switchSession() {
    const current = savedSession(scenario, { counts: tally.all, path: roomPath });
    useSession(other);
    say(otherIsEarlier ? `The earlier session is back: ${other.summary}.` : `The new session is back: ${other.summary}.`);
    [other, otherIsEarlier] = [current, !otherIsEarlier];
    step = resumedStep();
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
    fit();
    if (!moveFocus) return;
    const target = (editing && stage.querySelector(".ck-dm-count")) || stage.querySelector("[data-primary]") || stage.querySelector("[tabindex='-1']") || title;
    target.focus();
  }

  // Many or long options, or many questions: one column, or two when one would not fit; if the
  // screen still does not fit, tighter spacing around the text (the type keeps its size).
  function fit() {
    const tall = () => dialog.scrollHeight - dialog.clientHeight;
    dialog.classList.remove("ck-dm-compact");
    const list = stage.querySelector(".ck-dm-options, .ck-dm-questions");
    list?.classList.remove("ck-dm-two");
    const one = tall();
    if (one <= 0) return;
    list?.classList.add("ck-dm-two");
    if (tall() > one) list?.classList.remove("ck-dm-two");
    if (tall() > 0) dialog.classList.add("ck-dm-compact");
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
  // A window resized or zoomed (a projector's resolution, 150% for a large room) fits again.
  window.addEventListener("resize", fit);
  dialog.addEventListener("close", () => { window.removeEventListener("resize", fit); roomUI.end(); dialog.remove(); });
  document.body.append(dialog);
  drawTools();
  draw();
  dialog.showModal();
  (stage.querySelector("[data-primary]") ?? title).focus();
  return dialog;
}
