// The learner's journal page: every reflection, scenario outcome, confidence rating, action
// plan and follow-up kept in this browser, with downloads (Markdown to read, JSON to import
// later), import and clear. The file format is journal-format.js, the Markdown and the reading
// of stored work against the course journal-markdown.js; this module is the page.
import { collect, isPageState, keyOf, KINDS, store, storageWarning } from "./store.js";
import { element } from "./scenario.js";
import { wordStatus } from "./words.js";
import { ask } from "./dialog.js";
import { download, today } from "./download.js";
import { journalFile, JournalError, planImport, readJournalFile } from "./journal-format.js";
import { answerIn, arcOf, FOLLOWUP_FIELDS, journalMarkdown, moduleStatus, outcome, PLAN_FIELDS, plural, when } from "./journal-markdown.js";
import { renderShare } from "./journal-share.js";

const MAX_FILE_BYTES = 5 * 1024 * 1024;
const NAMES = { reflections: "reflection", scenarios: "scenario result", confidence: "confidence rating",
  plans: "action plan", followups: "follow-up", feedback: "feedback note" };

const button = (text, onclick, cls = "ck-button") => element("button", { type: "button", class: cls, text, onclick });

export function countsText(items) {
  const kinds = Object.keys(NAMES).filter((k) => items.some((i) => i.kind === k));
  const parts = kinds.map((k) => plural(items.filter((i) => i.kind === k).length, NAMES[k]));
  return parts.length > 1 ? `${parts.slice(0, -1).join(", ")} and ${parts.at(-1)}` : parts[0] ?? "nothing";
}

function arcSection(course, module, content) {
  const arc = arcOf(course, module, content);
  const parts = [];
  if (arc.rated) {
    const table = element("table", { class: "ck-arc-table" },
      element("caption", { text: "Confidence to act, before and after (1 = not at all, 5 = very)" }),
      element("thead", {}, element("tr", {}, ...["Statement", "Before", "After"].map((t) => element("th", { scope: "col", text: t })))),
      element("tbody", {}, ...arc.rows.map((r) => element("tr", {}, element("th", { scope: "row", text: r.text }),
        element("td", { text: r.before ? String(r.before) : "–" }), element("td", { text: r.after ? String(r.after) : "–" })))));
    parts.push(table);
  }
  const fields = (entry, list) => element("dl", { class: "ck-plan-fields" }, ...list.flatMap(([f, label]) =>
    [element("dt", { text: label }), element("dd", { class: "ck-answer-text", text: entry[f] || "(not written)" })]));
  if (arc.plan) parts.push(element("h4", { text: "My action plan" }), fields(arc.plan, PLAN_FIELDS));
  if (arc.followup) parts.push(element("h4", { text: "Follow-up" }), fields(arc.followup, FOLLOWUP_FIELDS));
  if (!parts.length) return null;
  return element("div", { class: "ck-arc-summary", "data-arc": arc.id }, element("h3", { text: "Confidence and action plan" }), ...parts);
}

export function renderJournal({ course, el }) {
  const fileInput = element("input", { type: "file", id: "ck-journal-import", accept: ".json,application/json" });
  const message = element("div", { class: "ck-message", role: "status", "aria-live": "polite" });
  const summary = element("div", { class: "ck-summary" });
  const actions = element("div", { class: "ck-actions" },
    button("Download as Markdown", () => download(`my-journal-${today()}.md`, journalMarkdown(course, collect()), "text/markdown")),
    button("Download as JSON (to import later)", () => downloadJSON()),
    element("span", { class: "ck-import" }, element("label", { for: fileInput.id, text: "Import a journal or feedback (JSON file)" }), fileInput),
    button("Clear my work from this browser…", () => clearAll()),
  );
  const warning = element("div", { class: "ck-journal-warning" });
  const say = (text, error = false) => {
    message.className = error ? "ck-message ck-error" : "ck-message";
    message.textContent = text;
  };
  const share = renderShare({ course, say });
  el.replaceChildren(element("div", { class: "ck-journal-app" }, warning, actions, message, summary, share.el));

  async function downloadJSON() {
    try {
      download(`my-journal-${today()}.json`, await journalFile(course.title, collect()), "application/json");
    } catch (err) {
      say(err.message, true);
    }
  }

  async function importFile(file) {
    if (file.size > MAX_FILE_BYTES) return say(`${file.name}: file: is too large to be a journal. Nothing was imported.`, true);
    let read;
    try {
      const text = await file.text();
      read = share.isFeedback(text)
        ? { content: await share.readFeedback(file.name, text), left: [], changed: false }
        : await readJournalFile(file.name, text);
    } catch (err) {
      return say(err instanceof JournalError ? err.message : `${file.name}: file: could not be read. Nothing was imported.`, true);
    }
    const { content, left, changed } = read;
    const leftOut = left.length ? ` Left out ${left.length} damaged ${left.length === 1 ? "entry" : "entries"}: ${left.join("; ")}.` : "";
    if (changed) {
      const answer = await ask(
        `${file.name} was changed after it was downloaded, or is damaged (its checksum does not match). ` +
        "Restore the entries in it that still fit?",
        [...left.map((l) => `Left out: ${l}`), "Check what was restored against your own copy."],
        [["cancel", "Cancel the import", "ck-button ck-primary"], ["restore", "Restore what fits"]],
      );
      if (answer !== "restore") return say("Import cancelled: nothing was changed.");
    }
    const { take, newerHere } = planImport(content, (kind, id) => store.read(keyOf(kind, id)));
    let chosen = take;
    if (newerHere.length) {
      const name = (item) => `${NAMES[item.kind][0].toUpperCase()}${NAMES[item.kind].slice(1)} “${item.incoming.title ?? item.id}”: ` +
        `yours from ${when(item.here?.updated)}, the file’s from ${when(item.incoming.updated)}` +
        (item.future ? " (a date still to come: no save can be from then)" : "");
      const future = newerHere.filter((i) => i.future).length;
      const answer = await ask(
        (future === newerHere.length
          ? `${plural(future, "item")} in ${file.name} ${future === 1 ? "is" : "are"} dated in the future, so ${future === 1 ? "it" : "they"} may not be newer than yours. `
          : `${newerHere.length} item${newerHere.length === 1 ? " is" : "s are"} as new or newer in this browser than in ${file.name}` +
            (future ? `, or dated in the future in the file. ` : ". ")) +
        `Replace ${newerHere.length === 1 ? "it" : "them"} with the file’s version?`,
        newerHere.map(name),
        [["keep", "Keep my work", "ck-button ck-primary"], ["replace", "Replace with the file’s"], ["cancel", "Cancel the import"]],
      );
      if (answer === "cancel") return say("Import cancelled: nothing was changed.");
      if (answer === "replace") chosen = [...take, ...newerHere];
    }
    const saved = chosen.map((item) => store.write(keyOf(item.kind, item.id), item.incoming)).every(Boolean);
    const kept = chosen.length < take.length + newerHere.length ? ` Kept ${plural(newerHere.length, "item")} of yours.` : "";
    say((chosen.length
      ? `Imported from ${file.name}: ${countsText(chosen)}.${kept}` + (saved ? "" : " This browser is not saving, so they are on this page only.")
      : `Nothing to import: this browser already holds everything in ${file.name}.${kept}`) + leftOut, Boolean(left.length));
    draw();
  }

  async function clearAll() {
    const content = collect();
    const items = Object.keys(KINDS).flatMap((kind) => Object.keys(content[kind]).map((id) => ({ kind, id })));
    const answer = await ask("Delete all your work from this browser?",
      [`This deletes ${countsText(items)} kept in this browser. It cannot be undone.`,
        "Download your journal first if you want to keep a copy."],
      [["keep", "Keep my work", "ck-button ck-primary"], ["delete", "Delete everything"]]);
    if (answer !== "delete") return say("Nothing was deleted.");
    for (const item of items) store.remove(keyOf(item.kind, item.id));
    for (const key of store.keys()) if (isPageState(key)) store.remove(key);
    say("Your work was deleted from this browser.");
    draw();
  }

  fileInput.addEventListener("change", () => {
    const file = fileInput.files?.[0];
    fileInput.value = "";
    if (file) importFile(file);
  });

  function draw() {
    const content = collect();
    if (!store.ok && !warning.childElementCount) warning.append(storageWarning());
    const sections = course.modules.map((module) => {
      const headingId = `ck-journal-module-${module.module}`;
      const section = element("section", { class: "ck-module", "aria-labelledby": headingId },
        element("h2", { id: headingId, text: module.title }),
        element("p", { class: "ck-module-status", text: moduleStatus(module, content, store) }));
      const arc = arcSection(course, module, content);
      if (arc) section.append(arc);
      if (module.prompts.length) section.append(element("h3", { text: "Reflections" }));
      for (const p of module.prompts) {
        const a = answerIn(content, p.id);
        const entry = element("div", { class: "ck-entry", "data-prompt": p.id },
          element("h4", {}, element("a", { href: p.href, text: p.title })));
        if (!a.text.trim()) {
          entry.append(element("p", { class: "ck-meta", text: "Not written yet." }));
        } else {
          entry.append(element("p", { class: "ck-meta", text: `${wordStatus(a.text, p.words)} Last saved ${when(a.updated)}.` }),
            element("div", { class: "ck-answer-text", text: a.text }));
        }
        const met = p.criteria.filter((c) => a.checks.includes(c.criterion)).map((c) => c.criterion);
        if (met.length) entry.append(element("p", { class: "ck-meta", text: `You believe it meets: ${met.join("; ")}.` }));
        const feedback = content.feedback[p.id];
        if (feedback) {
          entry.append(element("div", { class: "ck-feedback" }, element("p", { class: "ck-meta", text: `Feedback from ${feedback.from || "your instructor"}:` }),
            element("div", { class: "ck-answer-text", text: feedback.text })));
        }
        section.append(entry);
      }
      if (module.scenarios.length) {
        const list = element("ul", { class: "ck-outcomes" });
        for (const s of module.scenarios) {
          const o = outcome(s, content.scenarios[s.id]);
          const item = element("li", { "data-scenario": s.id, "data-state": o.state },
            element("a", { href: s.href, text: s.title }), document.createTextNode(`: ${o.text}`));
          const words = o.choices.filter((c) => c.words);
          if (words.length) {
            item.append(element("ul", { class: "ck-words" }, ...words.map((c) =>
              element("li", { text: `${c.text} — in your own words: “${c.words}”` }))));
          }
          list.append(item);
        }
        section.append(element("h3", { text: "Scenarios" }), list);
      }
      return section;
    });
    summary.replaceChildren(...sections);
    share.draw(content);
  }

  draw();
  store.onChange(() => draw());
}
