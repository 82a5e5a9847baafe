// A phone in a room vote (coursekit/room/server.py): the decision on the screen at the front
// and its options, never the feedback; a vote confirmed in words and changeable until the
// vote closes; a short anonymous line where the decision asks for the room's own words. The
// phone is known by a random token for this room only, kept in this browser so a dropped
// connection comes back with the same vote. Every text goes in through textContent.
import { element } from "./text.js";

const LETTERS = "ABCDEFGHI";
const data = JSON.parse(document.getElementById("ck-room-data")?.textContent ?? "{}");
const main = /** @type {HTMLElement} */ (document.getElementById("ck-room"));
const tokenKey = `coursekit:room-token:${data.code}`;
const status = element("p", { class: "ck-room-status", role: "status" });
const body = element("div", { class: "ck-room-body" });
main.replaceChildren(element("h1", { text: "Room vote" }),
  element("p", { class: "ck-room-code-line", text: `Room ${data.code} · anonymous: no name, no account` }), status, body);

let socket = null;
let ended = false;
let tries = 0;
let state = { decision: null, open: false, mine: null };
let drawn = "";
let lastChoice = null;

const say = (text) => { status.textContent = text; };
const send = (message) => { if (socket?.readyState === WebSocket.OPEN) socket.send(JSON.stringify(message)); };
const readToken = () => { try { return localStorage.getItem(tokenKey); } catch { return null; } };
const keepToken = (t) => { try { localStorage.setItem(tokenKey, t); } catch { /* private mode: this page only */ } };

function connect() {
  const scheme = location.protocol === "https:" ? "wss:" : "ws:";
  socket = new WebSocket(`${scheme}//${location.host}${data.prefix}r/${encodeURIComponent(data.code)}/ws`);
  socket.addEventListener("open", () => { tries = 0; send({ type: "hello", token: readToken() }); });
  socket.addEventListener("message", (event) => {
    let m;
    try { m = JSON.parse(event.data); } catch { return; }
    if (m.type === "welcome") { keepToken(m.token); update(m); say(m.mine != null ? `Connected. Your vote: ${LETTERS[m.mine]}.` : "Connected."); }
    else if (m.type === "state") update(m);
    else if (m.type === "voted") { state.mine = m.choice; lastChoice = m.choice; markVote(); say(confirmation(m.choice)); }
    else if (m.type === "line-sent") { say("Your line is sent. The facilitator reads it first and chooses what the room sees."); const box = body.querySelector("textarea"); if (box) box.value = ""; }
    else if (m.type === "refused") { try { localStorage.removeItem(tokenKey); } catch { /* */ } }
    else if (m.type === "error") say(`Not sent: ${m.reason}.`);
    else if (m.type === "ended") finish(m.reason);
  });
  socket.addEventListener("close", () => {
    if (ended) return;
    tries += 1;
    if (tries > 40) { say("The room cannot be reached. Ask the facilitator whether it is still open."); return; }
    say("Connection lost. Trying again…");
    setTimeout(connect, Math.min(4000, 500 * tries));
  });
}

function confirmation(choice) {
  const text = String(state.decision?.choices?.[choice] ?? "").replace(/[.]$/, "");
  return `Your vote is in: ${LETTERS[choice]}, “${text}”. You can change it until the vote closes.`;
}

function update(m) {
  const before = state.decision?.id;
  state = { decision: m.decision, open: m.open, mine: m.mine ?? (m.decision?.id === before ? state.mine : null) };
  if (m.decision?.id !== before) lastChoice = state.mine;
  draw();
}

function finish(reason) {
  ended = true;
  body.replaceChildren(element("h2", { text: "The room has ended" }), element("p", { text: reason || "Thank you for taking part." }),
    element("p", { text: "Nothing you chose was kept with your name: there was none." }));
  say("The room has ended.");
  socket?.close();
}

function draw() {
  const d = state.decision;
  const mark = JSON.stringify([d?.id, d?.text, d?.choices?.length, d?.words, state.open]);
  if (mark === drawn) return markVote();
  drawn = mark;
  if (!d) {
    body.replaceChildren(element("h2", { text: "Waiting for the first decision" }),
      element("p", { text: "This page follows the screen at the front. Nothing to do yet." }));
    return;
  }
  const out = [element("h2", { class: "ck-room-situation", tabindex: "-1", text: d.text })];
  if (d.choices.length && state.open) {
    out.push(element("p", { id: "ck-room-how", text: "Choose one. You can change your vote until the vote closes." }),
      element("ul", { class: "ck-room-choices", "aria-labelledby": "ck-room-how" }, ...d.choices.map((text, i) => {
        const b = element("button", { type: "button", class: "ck-room-choice", "data-choice": String(i) },
          element("span", { class: "ck-room-letter", text: `${LETTERS[i]}. ` }), document.createTextNode(text),
          element("span", { class: "ck-room-mine" }));
        b.addEventListener("click", () => { say("Sending your vote…"); send({ type: "vote", decision: d.id, choice: i }); });
        return element("li", {}, b);
      })));
  } else if (d.choices.length) {
    const mine = lastChoice != null ? ` Your vote was ${LETTERS[lastChoice]}.` : "";
    out.push(element("p", { class: "ck-room-closed", text: `Voting on this decision is closed.${mine} Look at the screen at the front.` }));
  } else if (!d.words || !state.open) {
    out.push(element("p", { text: "The options come next, on the screen and here." }));
  }
  if (d.words && state.open) out.push(lineForm(d));
  body.replaceChildren(...out);
  markVote();
  /** @type {HTMLElement} */ (body.querySelector(".ck-room-situation")).focus();
}

function markVote() {
  for (const b of body.querySelectorAll(".ck-room-choice")) {
    const mine = Number(/** @type {HTMLElement} */ (b).dataset.choice) === state.mine;
    b.setAttribute("aria-pressed", String(mine));
    const label = b.querySelector(".ck-room-mine");
    if (label) label.textContent = mine ? " ✓ your vote" : "";
  }
}

function lineForm(d) {
  const box = element("textarea", { id: "ck-room-line", maxlength: "200", rows: "3", "aria-describedby": "ck-room-line-help" });
  const form = element("form", { class: "ck-room-line" },
    element("label", { for: "ck-room-line", text: "In your own words (optional)" }),
    element("p", { id: "ck-room-line-help", class: "ck-room-help", text: "One short line, at most 200 characters, anonymous. The facilitator reads it first and chooses which lines the room sees." }),
    box, element("button", { type: "submit", class: "ck-room-button", text: "Send my line" }));
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    if (!box.value.trim()) { say("The line is empty."); return; }
    send({ type: "line", decision: d.id, text: box.value });
  });
  return form;
}

connect();
