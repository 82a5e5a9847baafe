// The exports of a room tally: a Markdown record of the session (content shown as text) and
// a CSV of the counts (no cell starts a formula). Pure: no DOM, no storage.
import { resolve } from "./paths.js";
import { LETTERS } from "./tally.js";

const oneLine = (text) => String(text ?? "").replace(/\s+/g, " ").trim();
// Markdown that shows text as written: characters with a meaning in Markdown are escaped.
export const mdText = (text) => oneLine(text).replace(/([\\`*_{}[\]<>#|!~])/g, "\\$1");

// A Markdown record of the session: each tallied decision with its counts, the path the
// room took, and the facilitator's notes.
export function tallyMarkdown(scenario, notes, tally, roomPath = [], date = new Date()) {
  const lines = [`# Room tally: ${mdText(scenario.title)}`, "",
    `Scenario \`${scenario.id}\`, exported ${date.toISOString().slice(0, 10)}. Counts as entered by the facilitator; no names.`, ""];
  const facts = new Set();
  const taken = new Map(roomPath.map((s) => [s.node, s.choice]));
  for (const node of scenario.nodes) {
    const counts = tally[node.id];
    if (!counts && !taken.has(node.id)) continue;
    lines.push(`## Decision: ${mdText(resolve(node.text, facts))}`, "", "| Option | Choice | Count |", "|---|---|---|");
    node.choices.forEach((c, i) => lines.push(`| ${LETTERS[i]} | ${mdText(c.text)} | ${counts ? counts[i] : 0} |`));
    if (taken.has(node.id)) lines.push("", `The room went on with option ${LETTERS[taken.get(node.id)]}.`);
    lines.push("");
  }
  if (notes) {
    lines.push("## Facilitator notes", "", `**Key point.** ${mdText(notes.key_point)}`, "",
      `**What groups usually choose.** ${mdText(notes.usual_choice)}`, "",
      `**A common misconception.** ${mdText(notes.misconception)}`, "", "**Debrief questions.**", "",
      ...notes.questions.map((q, i) => `${i + 1}. ${mdText(q)}`), "",
      `**Alternative activity.** ${mdText(notes.alternative)}`, "");
  }
  return lines.join("\n");
}

const csvCell = (value) => {
  let text = String(value ?? "");
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`; // never a formula in a spreadsheet
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};

// One row per option of every tallied decision.
export function tallyCsv(scenario, tally) {
  const rows = [["scenario", "decision", "option", "choice", "count"]];
  for (const node of scenario.nodes) {
    const counts = tally[node.id];
    if (!counts) continue;
    node.choices.forEach((c, i) => rows.push([scenario.id, node.id, LETTERS[i], oneLine(c.text), counts[i]]));
  }
  return rows.map((r) => r.map(csvCell).join(",")).join("\r\n") + "\r\n";
}
