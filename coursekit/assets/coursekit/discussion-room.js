// Room votes in discussion mode (discussion.js): "Let the room vote" (V). With a room server
// (the projector page it serves passes a roomLink, room-link.js), V opens a room and shows its
// QR code, code and address; the phones then follow the projector: the situation (and, where
// the scenario asks, a box for a short line in the room's own words), then the options, when
// the vote opens; revealing what happens closes it. The room's counts go into the tally, so
// the bars and the exports carry them. Lines reach the facilitator's list (L) first, and the
// room sees only the ones the facilitator shows. Without a server (the static book) V says how
// to get phone votes; nothing is fetched or sent.
import { element, button } from "./text.js";

const HOW = "Phone votes need the course's room server. On this computer run " +
  "`python -m coursekit room` (see its --help), or on the class's JupyterHub open " +
  "/services/room/, and open this scenario from the facilitator address it gives. " +
  "Until then, count hands with the number keys.";

export function roomControls(room, { tally, say }) {
  const panel = element("section", { class: "ck-dm-room", "aria-label": "Room vote", hidden: "" });
  const words = element("section", { class: "ck-dm-words", "aria-label": "The room's words", hidden: "" });
  const lines = element("section", { class: "ck-dm-lines", id: "ck-dm-lines", "aria-label": "Lines from phones", tabindex: "-1", hidden: "" });
  const waiting = new Map();
  let big = true;
  let joined = null; // the room message: code, join, address, qr
  let phones = 0;
  let sent = ""; // what the phones were last given: "<node>:<phase>"
  const closedHere = new Set(); // decisions whose vote was closed: never reopened
  const final = new Set(); // decisions whose closed counts are in the tally

  if (!room) {
    return {
      elements: [panel, words, lines], keys: " · V phone votes",
      toggle() {
        panel.hidden = !panel.hidden;
        panel.replaceChildren(element("p", { class: "ck-dm-how", text: HOW }));
        if (!panel.hidden) say(HOW);
      },
      toggleLines() {}, follow() {}, end() {},
    };
  }

  room.on("room", (message) => {
    joined = message;
    for (const line of message.waiting) waiting.set(line.id, line.text);
    words.replaceChildren();
    for (const line of message.shown) addWord(line.text);
    sent = "";
    drawPanel();
    say(`The room is open. Room code ${message.code}.`);
    follow.again?.();
  });
  room.on("counts", (message) => {
    phones = message.phones;
    // The room's counts while its vote is open, and once more as it closes; after that the
    // facilitator's own typing is left alone.
    if (message.decision && message.counts.length && !final.has(message.decision)) {
      message.counts.forEach((n, i) => tally.count(message.decision, i, { set: n }));
      if (!message.open) final.add(message.decision);
    }
    drawCount(message);
  });
  room.on("line", (message) => { waiting.set(message.id, message.text); drawLines(); drawPanel(); });
  room.on("shown", (message) => { waiting.delete(message.id); addWord(message.text); drawLines(); drawPanel(); });
  room.on("dropped", (message) => { waiting.delete(message.id); drawLines(); drawPanel(); });
  room.on("ended", () => { joined = null; panel.replaceChildren(element("p", { text: "The room has ended; every phone's page says so." })); });
  room.on("status", (status) => {
    if (status === "reconnecting") say("The room server is not answering; trying again.");
  });

  const count = element("p", { class: "ck-dm-room-count", "aria-live": "polite" });
  function drawCount(message) {
    const votes = message?.counts?.reduce((a, b) => a + b, 0) ?? 0;
    count.textContent = `${phones} phone${phones === 1 ? "" : "s"} here` +
      (message?.counts?.length ? ` · ${votes} vote${votes === 1 ? "" : "s"}${message.open ? "" : " (closed)"}` : "");
  }

  function drawPanel() {
    if (!joined) return;
    panel.hidden = false;
    panel.classList.toggle("ck-dm-room-big", big);
    const qr = element("img", { class: "ck-dm-qr", alt: `QR code for ${joined.join}` });
    if (String(joined.qr).startsWith("data:image/svg+xml")) qr.setAttribute("src", joined.qr);
    const n = waiting.size;
    panel.replaceChildren(qr, element("div", { class: "ck-dm-room-text" },
      element("p", { class: "ck-dm-room-code" }, document.createTextNode("Room code "), element("strong", { text: joined.code })),
      element("p", { class: "ck-dm-room-address" }, document.createTextNode("Join at "), element("strong", { text: joined.address })),
      count,
      n ? element("p", { class: "ck-dm-room-waiting", text: `${n} line${n === 1 ? "" : "s"} waiting for you (L)` }) : null,
      element("p", { class: "ck-dm-actions" },
        button(big ? "Smaller (V)" : "Larger (V)", () => toggle(), "ck-button ck-dm-small"),
        button("End the room", () => room.end(), "ck-button ck-dm-small ck-dm-end"))));
  }

  function addWord(text) {
    if (!words.firstChild) words.append(element("h3", { text: "In the room's words" }), element("ul"));
    words.querySelector("ul").append(element("li", { text }));
    words.hidden = false;
  }

  function drawLines() {
    const hadFocus = lines.contains(document.activeElement);
    const items = [...waiting].map(([id, text]) => element("li", {},
      element("p", { text }),
      button("Show to the room", () => room.showLine(id), "ck-button ck-dm-small"),
      button("Leave out", () => room.dropLine(id), "ck-button ck-dm-small")));
    lines.replaceChildren(element("h3", { text: "Lines from phones (the room sees none until you show it)" }),
      element("p", { text: "If this screen is projected, blank the projector before you read them." }),
      items.length ? element("ul", {}, ...items) : element("p", { text: "No line is waiting." }));
    if (hadFocus) /** @type {HTMLElement} */ (lines.querySelector("button") ?? lines).focus();
  }

  function toggle() {
    if (!room.started) { room.start(); say("Opening the room…"); return; }
    big = !big;
    drawPanel();
  }

  // Called by discussion.js at every screen: what the phones should show now.
  function follow(step, node, situation) {
    follow.again = () => follow(step, node, situation);
    if (!joined || room.ended || step === "opening") return;
    const phase = !node ? "none" : step === "situation" ? "situation" : step === "options" ? "options" : "closed";
    const mark = `${node?.id}:${phase}`;
    if (mark === sent) return;
    // Back from the options to re-read the situation: the phones keep the open vote.
    if (phase === "situation" && sent === `${node.id}:options`) return;
    sent = mark;
    if (!node) { room.closeVote(); return; }
    const decision = { id: node.id, text: situation, choices: [], words: Boolean(node.ask) };
    if (phase === "situation" && !closedHere.has(node.id)) room.show(decision, Boolean(node.ask));
    else if (phase === "options" && !closedHere.has(node.id)) room.show({ ...decision, choices: node.choices.map((c) => c.text) });
    else if (phase === "closed") { closedHere.add(node.id); room.closeVote(); }
  }

  return {
    elements: [panel, words, lines], keys: " · V room vote · L lines",
    toggle,
    toggleLines() {
      drawLines();
      lines.hidden = !lines.hidden;
      if (!lines.hidden) /** @type {HTMLElement} */ (lines.querySelector("button") ?? lines).focus();
      else /** @type {HTMLElement | null} */ (lines.closest("dialog")?.querySelector("[data-primary]"))?.focus();
    },
    follow,
    end() { room.end(); },
  };
}
