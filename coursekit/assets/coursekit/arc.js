// The learner's arc on the book's pages: confidence ratings before and after a module, the
// before/after chart (an SVG with a table beside it), and the action plan with its calendar
// reminders. Kept in this browser only (store.js); nothing leaves it unless the learner
// downloads it. The data is what the {confidence} and {action-plan} directives write:
//   { kind: "confidence", module, title, when: "before"|"after", statements: [{ id, text }] }
//   { kind: "plan", module, title, prompt, follow_up_href }
// All text goes onto the page with textContent.
import { element } from "./scenario.js";
import { keyOf, store } from "./store.js";
import { download } from "./download.js";
import { addDays, calendar } from "./ics.js";
import { PLAN_FIELDS } from "./journal-markdown.js";
import { cleanRatings } from "./journal-format.js";

const SCALE = ["Not at all confident", "A little confident", "Somewhat confident", "Confident", "Very confident"];
const SVG = "http://www.w3.org/2000/svg";
let counter = 0;

export const confidenceKey = (module, when) => keyOf("confidence", `${module}-${when}`);
// Only ratings from 1 to 5: a value edited by hand in storage counts as not rated.
export const readRatings = (module, when) => cleanRatings(store.read(confidenceKey(module, when))?.ratings);

export function renderConfidence({ data, el }) {
  const uid = `ck-confidence-${data.module}-${data.when}-${++counter}`;
  const status = element("p", { class: "ck-status", role: "status", "aria-live": "polite" });
  const ratings = readRatings(data.module, data.when);
  const groups = data.statements.map((s) => element("fieldset", { class: "ck-rating", "data-statement": s.id },
    element("legend", { text: s.text }),
    element("div", { class: "ck-scale" }, ...SCALE.map((label, i) => {
      const id = `${uid}-${s.id}-${i + 1}`;
      const radio = element("input", { type: "radio", name: `${uid}-${s.id}`, id, value: String(i + 1) });
      radio.checked = ratings[s.id] === i + 1;
      return element("span", { class: "ck-scale-point" }, radio, element("label", { for: id, text: `${i + 1}`, title: label },
        element("span", { class: "ck-visually-hidden", text: `: ${label}` })));
    }))));
  const form = element("form", { class: "ck-confidence-form", "aria-describedby": `${uid}-scale` },
    element("p", { class: "ck-guide", id: `${uid}-scale`, text: "1 means not at all confident, 5 means very confident. " +
      "There is no right answer, and only you see it: it is kept in this browser." }), ...groups, status);
  form.addEventListener("submit", (e) => e.preventDefault());
  form.addEventListener("change", () => {
    const now = {};
    for (const s of data.statements) {
      const picked = form.querySelector(`input[name="${uid}-${s.id}"]:checked`);
      if (picked) now[s.id] = Number(picked.value);
    }
    const saved = store.write(confidenceKey(data.module, data.when),
      { ratings: now, module: data.module, when: data.when, updated: new Date().toISOString() });
    status.textContent = saved ? `Saved in this browser (${Object.keys(now).length} of ${data.statements.length} rated).`
      : "Not saved: this browser is not keeping your work. Download your journal before you leave this page.";
    chart?.draw();
  });
  const chart = data.when === "after" ? renderChart(data) : null;
  el.replaceChildren(element("div", { class: "ck-arc ck-confidence" }, form, chart?.el ?? ""));
  store.onChange(() => chart?.draw());
}

// Before and after for each statement: paired bars (before outlined, after filled; the
// difference never rests on colour alone) and the same figures as a table. The chart is
// drawn as wide as its box (at most 560 px) with one unit a CSS pixel, so its labels keep
// their size on a phone: it is drawn again when the box changes width.
export function renderChart(data) {
  const box = element("figure", { class: "ck-chart" });
  const titleId = `ck-chart-${data.module}-title`;
  let width = 560;
  if (typeof ResizeObserver === "function") {
    new ResizeObserver(([entry]) => {
      const now = Math.max(200, Math.min(560, Math.floor(entry.contentRect.width)));
      if (entry.contentRect.width > 0 && now !== width) {
        width = now;
        draw();
      }
    }).observe(box);
  }
  function draw() {
    const before = readRatings(data.module, "before");
    const after = readRatings(data.module, "after");
    const rowH = 44;
    const left = 40;
    const scale = (width - left - 10) / 5;
    const svg = document.createElementNS(SVG, "svg");
    const add = (parent, tag, attrs, text) => {
      const node = document.createElementNS(SVG, tag);
      for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
      if (text !== undefined) node.textContent = text;
      parent.append(node);
      return node;
    };
    svg.setAttribute("viewBox", `0 0 ${width} ${data.statements.length * rowH + 30}`);
    svg.setAttribute("width", String(width));
    svg.setAttribute("role", "img");
    svg.setAttribute("aria-labelledby", `${titleId} ${titleId}-desc`);
    add(svg, "title", { id: titleId }, `Your confidence in ${data.title}, before and after`);
    const said = data.statements.map((s, i) => `${i + 1}: before ${before[s.id] ?? "not rated"}, after ${after[s.id] ?? "not rated"}`);
    add(svg, "desc", { id: `${titleId}-desc` }, `Statement ${said.join("; statement ")}. The table below gives each statement in full.`);
    for (let v = 0; v <= 5; v++) {
      add(svg, "line", { x1: left + v * scale, x2: left + v * scale, y1: 0, y2: data.statements.length * rowH, class: "ck-chart-grid" });
      add(svg, "text", { x: left + v * scale, y: data.statements.length * rowH + 18, "text-anchor": "middle", class: "ck-chart-label" }, String(v));
    }
    data.statements.forEach((s, i) => {
      const y = i * rowH + 6;
      add(svg, "text", { x: 4, y: y + 20, class: "ck-chart-label" }, String(i + 1));
      if (before[s.id]) add(svg, "rect", { x: left, y, width: before[s.id] * scale, height: 14, class: "ck-bar-before" });
      if (after[s.id]) add(svg, "rect", { x: left, y: y + 18, width: after[s.id] * scale, height: 14, class: "ck-bar-after" });
    });
    const table = element("table", { class: "ck-arc-table" },
      element("caption", { text: "The same figures as a table (1 = not at all confident, 5 = very confident)" }),
      element("thead", {}, element("tr", {}, ...["#", "Statement", "Before", "After"].map((t) => element("th", { scope: "col", text: t })))),
      element("tbody", {}, ...data.statements.map((s, i) => element("tr", {}, element("td", { text: String(i + 1) }),
        element("th", { scope: "row", text: s.text }),
        element("td", { text: before[s.id] ? String(before[s.id]) : "not rated" }),
        element("td", { text: after[s.id] ? String(after[s.id]) : "not rated" })))));
    const legend = element("p", { class: "ck-chart-legend" },
      element("span", { class: "ck-key ck-key-before", "aria-hidden": "true" }), document.createTextNode(" Before (outlined, upper bar)  "),
      element("span", { class: "ck-key ck-key-after", "aria-hidden": "true" }), document.createTextNode(" After (filled, lower bar)"));
    box.replaceChildren(element("figcaption", { text: "Your own before and after. No one else sees it." }), legend, svg, table);
  }
  draw();
  return { el: box, draw };
}

export function renderPlan({ data, el }) {
  const uid = `ck-plan-${data.module}-${++counter}`;
  const key = keyOf("plans", data.module);
  const saved = store.read(key) ?? {};
  const status = element("p", { class: "ck-status", role: "status", "aria-live": "polite" });
  const inputs = {};
  const hints = { what: data.prompt, where: "A place, meeting, group or conversation.", who: "Someone you will do it with, or tell.",
    by: "A date within the next few weeks. The reminders fall a week before it and on it (with no date: in 2 and 6 weeks)." };
  const rows = PLAN_FIELDS.map(([field, label]) => {
    const id = `${uid}-${field}`;
    inputs[field] = field === "what" ? element("textarea", { id, rows: "4", class: "ck-answer ck-plan-what", "aria-describedby": `${id}-hint` })
      : element("input", { id, type: field === "by" ? "date" : "text", class: "ck-plan-input", "aria-describedby": `${id}-hint` });
    inputs[field].value = typeof saved[field] === "string" ? saved[field] : "";
    return element("div", { class: "ck-plan-row" }, element("label", { for: id, text: label }),
      element("p", { class: "ck-guide", id: `${id}-hint`, text: hints[field] }), inputs[field]);
  });
  let timer = null;
  const save = () => {
    clearTimeout(timer);
    const plan = Object.fromEntries(PLAN_FIELDS.map(([f]) => [f, inputs[f].value]));
    if (!Object.values(plan).some((v) => v.trim())) return;
    const ok = store.write(key, { ...plan, module: data.module, title: data.title, updated: new Date().toISOString() });
    status.textContent = ok ? "Your plan is saved in this browser." : "Not saved: this browser is not keeping your work. Download your journal before you leave this page.";
  };
  const remind = element("button", { type: "button", class: "ck-button ck-primary", text: "Download calendar reminders (.ics)",
    onclick: () => {
      // focus first: leaving the button saves the plan, which says so in the status line
      if (!inputs.what.value.trim()) {
        inputs.what.focus();
        status.textContent = "Write what you will do first: the reminders carry your plan.";
        return;
      }
      if (!reminderDays(inputs.by.value)) {
        inputs.by.focus();
        status.textContent = "The date under “By when” has passed: choose a later one, or clear it for reminders in 2 and 6 weeks.";
        return;
      }
      save();
      download(`my-plan-${data.module}.ics`, planCalendar(data, Object.fromEntries(PLAN_FIELDS.map(([f]) => [f, inputs[f].value]))), "text/calendar");
      const n = reminderDays(inputs.by.value)?.length ?? 0;
      status.textContent = `Downloaded. Open the file to add the ${n === 1 ? "reminder" : `${n} reminders`} to your calendar.`;
    } });
  const form = element("form", { class: "ck-plan-form" }, ...rows,
    element("div", { class: "ck-controls" }, remind), status,
    element("p", { class: "ck-guide" }, document.createTextNode("Each reminder links to "),
      element("a", { href: data.follow_up_href, text: "the follow-up page" }),
      document.createTextNode(", where you note what happened and what you would do next.")));
  form.addEventListener("submit", (e) => e.preventDefault());
  form.addEventListener("input", () => { clearTimeout(timer); timer = setTimeout(save, 600); });
  form.addEventListener("focusout", save);
  window.addEventListener("pagehide", save);
  el.replaceChildren(element("div", { class: "ck-arc ck-plan" }, form));
}

// When the reminders fall. With the learner's own date ("YYYY-MM-DD", as a date input gives
// it): one a week before it (tomorrow, when that is sooner) and one on it. With no date: in 2
// and 6 weeks. A date today or earlier: null (no reminder can come before it).
export function reminderDays(by, now = new Date()) {
  const today = addDays(now, 0);
  const parts = /^(\d{4})-(\d{2})-(\d{2})$/.exec(typeof by === "string" ? by.trim() : "");
  if (!parts) {
    return [14, 42].map((days) => ({ day: addDays(today, days), label: `Follow up your plan (${days / 7} weeks)` }));
  }
  const date = new Date(Number(parts[1]), Number(parts[2]) - 1, Number(parts[3]));
  if (!(date > today)) return null;
  const weekBefore = addDays(date, -7);
  const before = weekBefore > today ? weekBefore : addDays(today, 1);
  const left = Math.round((date.getTime() - before.getTime()) / 86400000);
  const days = [];
  if (left > 0) days.push({ day: before, label: `Your plan is due ${left === 1 ? "tomorrow" : `in ${left} days`}` });
  days.push({ day: date, label: "Your plan is due today" });
  return days;
}

// The address a reminder opens: the published book's when the book names it (html.baseurl in
// _config.yml gives every page a canonical link), so a phone's calendar can open it even from
// the offline copy or a copy on this computer; else this page's own address.
export function publishedHref(relative) {
  const canonical = document.querySelector('link[rel="canonical"]');
  const base = canonical instanceof HTMLLinkElement && /^https?:$/.test(new URL(canonical.href).protocol)
    ? canonical.href : window.location.href;
  return new URL(relative, base).href;
}

export function planCalendar(data, plan, now = new Date()) {
  const url = publishedHref(data.follow_up_href);
  const lines = PLAN_FIELDS.map(([f, label]) => `${label}: ${plan[f].trim() || "(not written)"}`);
  const what = plan.what.trim().replace(/\s+/g, " ");
  return calendar((reminderDays(plan.by, now) ?? []).map(({ day, label }) => ({
    day,
    summary: `${label}: ${what.length > 60 ? `${what.slice(0, 59)}…` : what}`,
    description: `${data.title}: your action plan.\n${lines.join("\n")}\n\nWhat happened, and what would you do next? Note it here: ${url}`,
    url,
  })), { now });
}
