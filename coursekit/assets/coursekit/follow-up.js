// The follow-up page the calendar reminders open: per module, the learner's plan and two
// answers ("what happened", "what you would do next"), kept with the plan in this browser
// under "followup:<module>". The data is what the {follow-up} directive writes:
//   { kind: "followups", modules: [{ module, title, prompt, plan_href }] }
import { element } from "./scenario.js";
import { keyOf, store } from "./store.js";
import { FOLLOWUP_FIELDS, PLAN_FIELDS } from "./journal-markdown.js";

export function renderFollowUps({ data, el }) {
  const sections = data.modules.map((m) => {
    const headingId = `follow-up-${m.module}`;
    const plan = store.read(keyOf("plans", m.module));
    const saved = store.read(keyOf("followups", m.module)) ?? {};
    const status = element("p", { class: "ck-status", role: "status", "aria-live": "polite" });
    const section = element("section", { class: "ck-followup", "aria-labelledby": headingId, "data-module": m.module },
      element("h2", { id: headingId, text: m.title }));
    if (!plan) {
      section.append(element("p", { class: "ck-meta" }, document.createTextNode("No plan in this browser yet. "),
        element("a", { href: m.plan_href, text: `Make one at the end of ${m.title}` }), document.createTextNode(".")));
    } else {
      section.append(element("h3", { text: "Your plan" }), element("dl", { class: "ck-plan-fields" }, ...PLAN_FIELDS.flatMap(([f, label]) =>
        [element("dt", { text: label }), element("dd", { text: (typeof plan[f] === "string" && plan[f].trim()) || "(not written)" })])));
    }
    section.append(element("p", { class: "ck-guide", text: m.prompt }));
    const boxes = {};
    for (const [field, label] of FOLLOWUP_FIELDS) {
      const id = `${headingId}-${field}`;
      boxes[field] = element("textarea", { id, rows: "5", class: "ck-answer" });
      boxes[field].value = typeof saved[field] === "string" ? saved[field] : "";
      section.append(element("label", { class: "ck-label", for: id, text: label }), boxes[field]);
    }
    let timer = null;
    const save = () => {
      clearTimeout(timer);
      const values = Object.fromEntries(FOLLOWUP_FIELDS.map(([f]) => [f, boxes[f].value]));
      if (!Object.values(values).some((v) => v.trim())) return;
      const ok = store.write(keyOf("followups", m.module), { ...values, module: m.module, title: m.title, updated: new Date().toISOString() });
      status.textContent = ok ? "Saved in this browser, with your plan." : "Not saved: this browser is not keeping your work. Download your journal before you leave this page.";
    };
    section.addEventListener("input", () => { clearTimeout(timer); timer = setTimeout(save, 600); });
    section.addEventListener("focusout", save);
    window.addEventListener("pagehide", save);
    section.append(status);
    return section;
  });
  el.replaceChildren(element("div", { class: "ck-arc ck-followups" }, ...sections));
  const target = document.getElementById(decodeURIComponent(window.location.hash.slice(1)));
  if (target) target.scrollIntoView();
}
