// A module's session slides (exercises/sessions.yml) on the slides page. The page itself holds
// every slide as a handout, which is also what prints; this adds a "Show the slides" button
// that opens them one at a time in the projector view discussion mode uses. Keys work wherever
// the focus is in the view: → Space Enter Page Down next, ← Backspace Page Up back, Home and
// End, N the facilitator's notes, Esc closes. Nothing is fetched, stored or sent.
import { eachMount } from "./mount.js";
import { element } from "./text.js";

const KEYS = "→ or Space: next · ←: back · Home, End · N: notes · Esc: close";

function slideView(slide, agreements) {
  const points = slide.kind === "agreements" ? [...agreements, ...slide.points] : slide.points;
  return [
    element("h3", { class: "ck-sl-title", tabindex: "-1", text: slide.title }),
    slide.ask ? element("p", { class: "ck-sl-ask", text: slide.ask }) : "",
    points.length ? element("ul", { class: "ck-sl-points" }, ...points.map((p) => element("li", { text: p }))) : "",
  ];
}

export function openSlides(deck) {
  const { slides, agreements } = deck;
  let at = 0;
  let notesShown = false;
  const title = element("h2", { id: "ck-sl-deck", class: "ck-dm-title", tabindex: "-1", text: deck.title });
  const where = element("p", { class: "ck-dm-where" });
  const stage = element("div", { class: "ck-dm-stage ck-sl-stage" });
  const notes = element("aside", { class: "ck-dm-notes", "aria-label": "Facilitator's notes", hidden: "" });
  const live = element("p", { class: "ck-dm-live", "aria-live": "polite" });
  const button = (text, onclick, cls = "ck-button ck-dm-small") => element("button", { type: "button", class: cls, text, onclick });
  const back = button("Back (←)", () => go(at - 1));
  const next = button("Next (→)", () => go(at + 1), "ck-button ck-primary");
  const notesButton = button("Notes (N)", () => toggleNotes());
  const dialog = element("dialog", { class: "ck-projector ck-slides", "aria-labelledby": "ck-sl-deck" });
  dialog.append(
    element("header", { class: "ck-dm-head" }, title, where,
      element("div", { class: "ck-dm-tools" }, notesButton, button("Close (Esc)", () => dialog.close()))),
    stage, notes, live,
    element("footer", { class: "ck-dm-foot" }, element("p", { class: "ck-dm-keys", text: KEYS }), back, next));

  function toggleNotes() {
    notesShown = !notesShown;
    notes.hidden = !notesShown;
    notesButton.setAttribute("aria-pressed", String(notesShown));
  }

  function go(to) {
    at = Math.max(0, Math.min(slides.length - 1, to));
    const slide = slides[at];
    where.textContent = `Slide ${at + 1} of ${slides.length}${slide.time ? ` · ${slide.time}` : ""}`;
    stage.replaceChildren(...slideView(slide, agreements));
    notes.replaceChildren(element("p", { class: "ck-dm-ask-head", text: "Your notes (not for the room)" }),
      slide.notes.length ? element("ul", {}, ...slide.notes.map((n) => element("li", { text: n })))
        : element("p", { text: "No notes for this slide." }));
    back.disabled = at === 0;
    next.disabled = at === slides.length - 1;
    live.textContent = `Slide ${at + 1} of ${slides.length}: ${slide.title}`;
    stage.querySelector(".ck-sl-title").focus();
  }

  dialog.addEventListener("keydown", (event) => {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    const onButton = event.target instanceof HTMLButtonElement;
    const key = event.key;
    if (key === "ArrowRight" || key === "PageDown" || (!onButton && (key === " " || key === "Enter"))) go(at + 1);
    else if (key === "ArrowLeft" || key === "PageUp" || key === "Backspace") go(at - 1);
    else if (key === "Home") go(0);
    else if (key === "End") go(slides.length - 1);
    else if (key === "n" || key === "N") toggleNotes();
    else if (key === "Escape") dialog.close(); // at once, whatever the browser's close rules
    else return;
    event.preventDefault();
  });
  dialog.addEventListener("close", () => dialog.remove());
  document.body.append(dialog);
  dialog.showModal();
  go(0);
  return dialog;
}

eachMount("data-coursekit-slides", "slide deck", (deck, el) => {
  const open = element("button", { type: "button", class: "ck-button ck-discuss",
    text: "Show the slides", "aria-label": `Show the slides: ${deck.title} (projector view)` });
  open.addEventListener("click", () => {
    const dialog = openSlides(deck);
    dialog.addEventListener("close", () => open.focus());
  });
  el.before(element("div", { class: "ck-facilitator-tools" }, open));
});
