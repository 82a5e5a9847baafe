// The journal read against the course, and written as Markdown a person reads: pure functions
// (no page, no storage). `course` is what the {journal} directive writes into the page:
//   { title, arc: { <module id>: { confidence: [{ id, text }], plan_prompt, follow_up_prompt } },
//     modules: [{ module, title, prompts: [<reflection prompt> + href],
//                 scenarios: [{ id, title, module, href, nodes, endings }] }] }
//   (nodes: [{ id, choices: [{ text, remember, next }] }], next in the player's normalized form)
// `content` is the stored work by kind and id (see journal-format.js).
import { walk } from "./paths.js";
import { wordStatus } from "./words.js";
import { skippedStatus } from "./optout.js";
import { cleanRatings } from "./journal-format.js";

export const plural = (n, word) => `${n} ${word}${n === 1 ? "" : "s"}`;
export const when = (iso) => (iso && !Number.isNaN(Date.parse(iso)) ? new Date(iso).toLocaleString() : "at an unknown time");
// A learner's or an imported file's text in the Markdown file: shown as written, never read as
// markup. Every character that could start Markdown, HTML, an entity or math is escaped
// (CommonMark's backslash escapes), and so is whatever would make a line a heading, list,
// quote, rule or table.
export const mdText = (text) => String(text ?? "")
  .replace(/[\\`*_[\]<>&|~$!{}]/g, "\\$&")
  .replace(/^([ \t]*)([#>+=-]|\d+[.)])/gm, (_, space, mark) => `${space}${mark.replace(/([#>+=.)-])$/, "\\$1")}`);
const entry = (content, kind, id) => (Object.prototype.hasOwnProperty.call(content[kind] ?? {}, id) ? content[kind][id] : undefined);

export function outcome(scenario, saved) {
  const walked = walk(scenario, saved?.path);
  const steps = walked.kept;
  const nodes = new Map(scenario.nodes.map((n) => [n.id, n]));
  const choices = steps.map((s, i) => {
    const words = saved.path[i]?.words;
    return { ...nodes.get(s.node).choices[s.choice], words: typeof words === "string" && words.trim() ? words.trim() : "" };
  });
  const n = steps.length;
  const decisions = plural(n, "decision");
  if (!n) return { state: "not started", text: "Not started.", choices };
  const ending = walked.ending;
  if (ending) return { state: "finished", text: `Finished: reached the ending “${ending.title}” after ${decisions}.`, choices };
  return { state: "in progress", text: `In progress: ${decisions} made.`, choices };
}

export const answerIn = (content, id) => {
  const a = entry(content, "reflections", id);
  return { text: typeof a?.text === "string" ? a.text : "", checks: Array.isArray(a?.checks) ? a.checks : [], updated: a?.updated };
};

// With `store` (the page's), items skipped for the alternative activity count as done (optout.js).
export function moduleStatus(module, content, store = null) {
  const written = module.prompts.filter((p) => answerIn(content, p.id).text.trim()).length;
  const states = module.scenarios.map((s) => outcome(s, entry(content, "scenarios", s.id)).state);
  const finished = states.filter((s) => s === "finished").length;
  const going = states.filter((s) => s === "in progress").length;
  const parts = [];
  if (module.prompts.length) parts.push(`Reflections: ${written} of ${module.prompts.length} written.`);
  if (module.scenarios.length) {
    parts.push(`Scenarios: ${finished} of ${module.scenarios.length} finished${going ? `, ${going} in progress` : ""}.`);
  }
  if (store) {
    parts.push(...skippedStatus(store, module, (p) => answerIn(content, p.id).text.trim(),
      (s) => outcome(s, entry(content, "scenarios", s.id)).state === "finished"));
  }
  return parts.join(" ");
}

// The learner's arc for one module: confidence before and after, the plan and its follow-up.
export function arcOf(course, module, content) {
  const id = `module${module.module}`;
  const statements = course.arc?.[id]?.confidence ?? [];
  const ratings = (when) => cleanRatings(entry(content, "confidence", `${id}-${when}`)?.ratings);
  const before = ratings("before");
  const after = ratings("after");
  const rows = statements.map((s) => ({ id: s.id, text: s.text, before: before[s.id] ?? null, after: after[s.id] ?? null }));
  return { id, rows, rated: rows.some((r) => r.before || r.after),
    plan: entry(content, "plans", id), followup: entry(content, "followups", id) };
}

export const PLAN_FIELDS = [["what", "What I will do"], ["where", "Where"], ["who", "With whom"], ["by", "By when"]];
export const FOLLOWUP_FIELDS = [["happened", "What happened"], ["next", "What I would do next"]];
const rated = (v) => (v ? `${v} of 5` : "not rated");

function arcMarkdown(arc) {
  const lines = [];
  if (arc.rated) {
    lines.push("### Confidence to act, before and after", "", "| Statement | Before | After |", "| --- | --- | --- |",
      ...arc.rows.map((r) => `| ${r.text.replace(/\|/g, "\\|")} | ${rated(r.before)} | ${rated(r.after)} |`), "");
  }
  if (arc.plan) {
    lines.push("### My action plan", "", ...PLAN_FIELDS.map(([f, label]) => `- **${label}:** ${mdText(String(arc.plan[f] ?? "").trim()) || "(not written)"}`),
      "", `*Last saved ${when(arc.plan.updated)}.*`, "");
  }
  if (arc.followup) {
    lines.push("### Follow-up", "");
    for (const [f, label] of FOLLOWUP_FIELDS) lines.push(`**${label}:**`, "", mdText(String(arc.followup[f] ?? "").trim()) || "(not written)", "");
    lines.push(`*Last saved ${when(arc.followup.updated)}.*`, "");
  }
  return lines;
}

// The journal as Markdown a person reads: prompts quoted; answers, words, plans and feedback
// as written, escaped so that no renderer reads them as markup (mdText).
export function journalMarkdown(course, content) {
  const lines = [`# My journal: ${course.title}`, "", `Downloaded ${new Date().toLocaleString()}. ` +
    "Everything here was kept in your browser; this file is the only copy outside it.", ""];
  for (const module of course.modules) {
    lines.push(`## ${module.title}`, "", moduleStatus(module, content), "");
    lines.push(...arcMarkdown(arcOf(course, module, content)));
    if (module.prompts.length) lines.push("### Reflections", "");
    for (const p of module.prompts) {
      const a = answerIn(content, p.id);
      lines.push(`#### ${p.title}`, "", ...p.prompt.trim().split("\n").map((l) => `> ${l}`.trimEnd()), "");
      if (!a.text.trim()) lines.push("*Not written yet.*", "");
      else lines.push(`*${wordStatus(a.text, p.words)} Last saved ${when(a.updated)}.*`, "", mdText(a.text.trim()), "");
      if (a.text.trim() || a.checks.length) {
        lines.push("Self-check (criteria you believe your answer meets):", "",
          ...p.criteria.map((c) => `- [${a.checks.includes(c.criterion) ? "x" : " "}] ${c.criterion}`), "");
      }
      const feedback = entry(content, "feedback", p.id);
      if (feedback) lines.push(`Feedback from ${mdText(feedback.from) || "your instructor"}:`, "", mdText(String(feedback.text ?? "").trim()), "");
    }
    if (module.scenarios.length) lines.push("### Scenarios", "");
    for (const s of module.scenarios) {
      const o = outcome(s, entry(content, "scenarios", s.id));
      lines.push(`- **${s.title}**: ${o.text}`);
      o.choices.forEach((c, i) => {
        lines.push(`    ${i + 1}. ${c.text}`);
        if (c.words) lines.push(`       In my own words: ${mdText(c.words.replace(/\s*\n\s*/g, " "))}`);
      });
    }
    if (module.scenarios.length) lines.push("");
  }
  return lines.join("\n");
}
