// Opting out: any scenario or reflection prompt can be marked skipped for its alternative
// activity. The mark is kept in this browser (coursekit:skipped:<kind>:<id>) and the journal
// counts a skipped item as done, so the module can still be complete. Also the "Share my
// path" download: the scenario's id and the choices, the learner's words only if ticked.
import { element } from "./text.js";
import { skipKey } from "./store.js";

export { skipKey };
export const isSkipped = (store, kind, id) => store.read(skipKey(kind, id), null)?.skipped === true;

// A checkbox "Skip this ..." that shows the alternative activity while it is ticked.
export function skipControl(store, kind, id, alternative) {
  const box = element("input", { type: "checkbox", id: `ck-skip-${kind}-${id}` });
  box.checked = isSkipped(store, kind, id);
  const what = kind === "scenario" ? "scenario" : "prompt";
  const label = element("label", { for: box.id, text: `Skip this ${what} and do the alternative activity instead` });
  const alt = element("p", { class: "ck-alternative", role: "note" }, element("strong", { text: "Alternative activity: " }),
    document.createTextNode(alternative));
  const show = () => { alt.hidden = !box.checked; };
  box.addEventListener("change", () => {
    if (box.checked) store.write(skipKey(kind, id), { skipped: true, updated: new Date().toISOString() });
    else store.remove(skipKey(kind, id));
    show();
  });
  show();
  return element("div", { class: "ck-optout" }, element("p", {}, box, label), alt);
}

// A random number this browser makes once and puts in every "Share my path" file, so that the
// class view counts this learner once for a scenario however many files they hand in. It says
// nothing about the learner, and the page never sends it anywhere.
const SHARER_KEY = "sharer";
export function sharerOf(store) {
  const saved = store.read(SHARER_KEY, null);
  if (typeof saved === "string" && /^[0-9a-f]{32}$/.test(saved)) return saved;
  const made = Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, "0")).join("");
  store.write(SHARER_KEY, made);
  return made;
}

// The small JSON a learner may hand to a facilitator for the class view.
export function sharedPath(scenarioId, path, withWords = false, sharer = null) {
  const steps = (Array.isArray(path) ? path : []).filter((s) => s && typeof s.node === "string" && Number.isInteger(s.choice))
    .map((s) => (withWords && typeof s.words === "string" ? { node: s.node, choice: s.choice, words: s.words } : { node: s.node, choice: s.choice }));
  return { coursekit: "coursekit shared path", scenario: scenarioId, path: steps, ...(sharer ? { sharer } : {}) };
}

// The journal's words for a module's skipped items, and "Module complete." when every prompt
// is written or skipped and every scenario finished or skipped.
export function skippedStatus(store, module, written, finished) {
  const prompts = module.prompts.filter((p) => isSkipped(store, "prompt", p.id));
  const scenarios = module.scenarios.filter((s) => isSkipped(store, "scenario", s.id));
  const parts = [];
  if (prompts.length + scenarios.length) {
    const n = prompts.length + scenarios.length;
    parts.push(`Skipped for the alternative activity: ${n} ${n === 1 ? "item" : "items"}.`);
  }
  const done = module.prompts.every((p) => written(p) || prompts.includes(p))
    && module.scenarios.every((s) => finished(s) || scenarios.includes(s));
  if (done && module.prompts.length + module.scenarios.length) parts.push("Module complete.");
  return parts;
}
