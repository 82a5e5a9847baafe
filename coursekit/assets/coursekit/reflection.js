// A reflection box on a book page: the learner's answer, a word count against the guidance,
// and a self-check against the rubric's criteria. The answer is kept in this browser under
// "reflection:<prompt id>" as { text, checks, title, module, updated }: saved as the learner
// types (after a pause), when the box loses focus and when the page is hidden.
//
// The prompt is what the {reflection} directive writes into the page (never the exemplar):
//   { id, module, title, prompt, words: [min, max], criteria: [{ criterion, meets }] }
// All text goes onto the page with textContent; nothing typed or stored is ever HTML.
import { element } from "./scenario.js";
import { reflectionKey, store } from "./store.js";
import { wordStatus } from "./words.js";

export { reflectionKey };
export { wordCount, wordStatus } from "./words.js";

const SAVE_AFTER_MS = 600;

// The stored answer, or an empty one; anything malformed is read as empty, never trusted.
export function readAnswer(id) {
  const saved = store.read(reflectionKey(id), null);
  if (!saved || typeof saved !== "object") return { text: "", checks: [] };
  return {
    ...saved,
    text: typeof saved.text === "string" ? saved.text : "",
    checks: Array.isArray(saved.checks) ? saved.checks.filter((c) => typeof c === "string") : [],
  };
}


let counter = 0;

export function renderReflection({ prompt, el }) {
  const uid = `ck-reflection-${prompt.id}-${++counter}`;
  const key = reflectionKey(prompt.id);

  const guide = element("p", { class: "ck-guide", id: `${uid}-guide`,
    text: `Aim for ${prompt.words[0]}–${prompt.words[1]} words. Your answer is kept in this browser only.` });
  const text = element("textarea", { class: "ck-answer", id: `${uid}-text`, rows: "12", spellcheck: "true",
    "aria-describedby": `${uid}-guide ${uid}-count` });
  const count = element("p", { class: "ck-count", id: `${uid}-count` });
  const checks = element("ul", { class: "ck-checks" });
  prompt.criteria.forEach((c, i) => {
    const id = `${uid}-check-${i}`;
    const box = element("input", { type: "checkbox", id, value: c.criterion, "aria-describedby": `${id}-meets` });
    checks.append(element("li", {}, box, element("label", { for: id, text: c.criterion }),
      element("p", { class: "ck-meets", id: `${id}-meets`, text: `At its best: ${c.meets}` })));
  });
  const selfCheck = element("fieldset", { class: "ck-selfcheck" },
    element("legend", { text: "Self-check against the rubric" }),
    element("p", { class: "ck-guide", text: "Tick each criterion you believe your answer meets. Nothing is graded here." }),
    checks);
  const status = element("p", { class: "ck-status", role: "status", "aria-live": "polite" });
  const label = element("label", { class: "ck-label", for: text.id, text: `Your answer: ${prompt.title}` });
  el.replaceChildren(element("div", { class: "ck-reflection-box" }, label, guide, text, count, selfCheck, status));

  const boxes = () => [...checks.querySelectorAll("input[type=checkbox]")];
  const show = (answer) => {
    text.value = answer.text;
    boxes().forEach((box) => { box.checked = answer.checks.includes(box.value); });
    count.textContent = wordStatus(text.value, prompt.words);
  };

  let dirty = false;
  let timer = null;
  const save = () => {
    clearTimeout(timer);
    timer = null;
    if (!dirty) return;
    dirty = false;
    const ticked = boxes().filter((b) => b.checked).map((b) => b.value);
    if (!text.value.trim() && !ticked.length) {
      store.remove(key);
      status.textContent = store.ok ? "Answer is empty: nothing kept." : "";
      return;
    }
    const saved = store.write(key, {
      text: text.value, checks: ticked, title: prompt.title, module: prompt.module, updated: new Date().toISOString(),
    });
    const time = new Date().toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });
    status.textContent = saved
      ? `Saved in this browser at ${time}.`
      : "Not saved: this browser is not keeping your work. Download your answers before you leave this page.";
  };

  show(readAnswer(prompt.id));
  text.addEventListener("input", () => {
    dirty = true;
    count.textContent = wordStatus(text.value, prompt.words);
    clearTimeout(timer);
    timer = setTimeout(save, SAVE_AFTER_MS);
  });
  text.addEventListener("blur", save);
  checks.addEventListener("change", () => { dirty = true; save(); });
  window.addEventListener("pagehide", save);
  document.addEventListener("visibilitychange", () => { if (document.visibilityState === "hidden") save(); });
  // Another tab (or the journal's import) changed this answer: show it unless we are mid-edit.
  store.onChange((changed) => {
    if (changed === key && !dirty) {
      show(readAnswer(prompt.id));
      status.textContent = "Updated from another tab.";
    }
  });
  return { save };
}
