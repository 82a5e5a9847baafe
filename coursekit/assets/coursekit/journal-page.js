// Mounts the learner's journal (see journal.js) where the {journal} directive put it.
import { renderJournal } from "./journal.js";

for (const el of document.querySelectorAll("[data-coursekit-journal]")) {
  let course;
  try {
    course = JSON.parse(el.querySelector('script[type="application/json"]').textContent);
  } catch {
    el.textContent = "The journal could not be loaded: its data on the page is damaged. Rebuild the book.";
    continue;
  }
  renderJournal({ course, el });
}
