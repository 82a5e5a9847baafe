// The learner's journal: every reflection and every scenario outcome kept in this browser,
// with downloads (Markdown to read, JSON to import later), import and clear.
//
// The course index is what the {journal} directive writes into the page:
//   { title, modules: [{ module, title, prompts: [<reflection prompt> + href],
//                        scenarios: [{ id, title, module, href, nodes, endings }] }] }
//
// The JSON file: { format: "coursekit-journal", version: 1, course, exported, sha256, content }
// where content = { reflections: { <prompt id>: entry }, scenarios: { <scenario id>: entry } }
// holds the stored entries exactly, and sha256 is the SHA-256 (hex) of content written as
// canonical JSON (keys sorted, no spaces). A file whose checksum, format, version or fields
// do not fit is refused as a whole. Nothing ever leaves the browser.
import { sha256 } from "./sha256.js";
import { skippedStatus } from "./optout.js";
import { store, storageWarning } from "./store.js";
import { element, validPath } from "./scenario.js";
import { wordStatus } from "./reflection.js";

export const FORMAT = "coursekit-journal";
export const VERSION = 1;
const PREFIXES = { reflections: "reflection:", scenarios: "scenario:" };
const ID = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const MAX_FILE_BYTES = 5 * 1024 * 1024;

const plural = (n, word) => `${n} ${word}${n === 1 ? "" : "s"}`;
const isObject = (v) => v !== null && typeof v === "object" && !Array.isArray(v);

// Everything this browser keeps for the course, by kind and id.
export function collect() {
  const content = { reflections: {}, scenarios: {} };
  for (const key of store.keys().sort()) {
    for (const [kind, prefix] of Object.entries(PREFIXES)) {
      const value = key.startsWith(prefix) ? store.read(key) : null;
      if (isObject(value)) content[kind][key.slice(prefix.length)] = value;
    }
  }
  return content;
}

export function canonical(value) {
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  if (isObject(value)) {
    return `{${Object.keys(value).sort().map((k) => `${JSON.stringify(k)}:${canonical(value[k])}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

export class JournalError extends Error {}

export async function journalJSON(course, content = collect()) {
  const file = { format: FORMAT, version: VERSION, course: course.title, exported: new Date().toISOString(),
    sha256: await sha256(canonical(content)), content };
  return JSON.stringify(file, null, 2);
}

// The content of a journal file, checked as a whole; any problem throws a JournalError that
// names the file and the field.
export async function readJournalFile(name, text) {
  const fail = (field, reason) => {
    throw new JournalError(`${name}: ${field}: ${reason}. Nothing was imported.`);
  };
  let data;
  try { data = JSON.parse(text); } catch { fail("file", "is not valid JSON, so it is not a journal downloaded from this course"); }
  if (!isObject(data) || data.format !== FORMAT) fail("format", `must be "${FORMAT}": this is not a journal downloaded from this course`);
  if (data.version !== VERSION) {
    const newer = typeof data.version === "number" && data.version > VERSION;
    fail("version", `is ${String(JSON.stringify(data.version)).slice(0, 20)}; this page reads version ${VERSION}` +
      (newer ? " (the file was made by a newer version of the course)" : ""));
  }
  if (typeof data.sha256 !== "string") fail("sha256", "is missing");
  if (!isObject(data.content)) fail("content", "is missing");
  if (await sha256(canonical(data.content)) !== data.sha256.toLowerCase()) {
    fail("sha256", "does not match the content: the file was changed after it was downloaded, or is damaged");
  }
  const date = (v) => typeof v === "string" && !Number.isNaN(Date.parse(v));
  for (const kind of Object.keys(data.content)) if (!(kind in PREFIXES)) fail(`content.${kind}`, "is not part of a journal");
  for (const kind of Object.keys(PREFIXES)) {
    const entries = data.content[kind] ?? {};
    if (!isObject(entries)) fail(`content.${kind}`, "must be a mapping of ids to entries");
    for (const [id, entry] of Object.entries(entries)) {
      const where = `content.${kind}["${id.slice(0, 60)}"]`;
      if (!ID.test(id)) fail(where, "is not a valid id");
      if (!isObject(entry)) fail(where, "must be a mapping");
      if (!date(entry.updated)) fail(`${where}.updated`, "must be a date and time");
      if (kind === "reflections") {
        if (typeof entry.text !== "string") fail(`${where}.text`, "must be text");
        if (!Array.isArray(entry.checks) || !entry.checks.every((c) => typeof c === "string")) {
          fail(`${where}.checks`, "must be a list of criteria");
        }
      } else if (!Array.isArray(entry.path) || !entry.path.every((s) => isObject(s) && typeof s.node === "string"
        && Number.isInteger(s.choice) && s.choice >= 0)) {
        fail(`${where}.path`, "must be a list of {node, choice} steps");
      }
    }
  }
  return { reflections: data.content.reflections ?? {}, scenarios: data.content.scenarios ?? {} };
}

// What importing `content` would do: entries to take, and entries this browser holds in a
// newer (or undated) version, which are only replaced if the learner says so.
export function planImport(content) {
  const take = [];
  const newerHere = [];
  for (const [kind, prefix] of Object.entries(PREFIXES)) {
    for (const [id, incoming] of Object.entries(content[kind])) {
      const key = prefix + id;
      const here = store.read(key);
      if (here !== null && canonical(here) === canonical(incoming)) continue;
      const item = { key, kind, id, incoming, here };
      if (here !== null && !(Date.parse(incoming.updated) >= Date.parse(here?.updated))) newerHere.push(item);
      else take.push(item);
    }
  }
  return { take, newerHere };
}

// ---- reading the stored work against the course -------------------------------------------

export function outcome(scenario, entry) {
  const steps = validPath(scenario, entry?.path);
  const nodes = new Map(scenario.nodes.map((n) => [n.id, n]));
  const choices = steps.map((s) => nodes.get(s.node).choices[s.choice]);
  const n = steps.length;
  const decisions = plural(n, "decision");
  if (!n) return { state: "not started", text: "Not started.", choices };
  const ending = scenario.endings.find((e) => e.id === choices.at(-1).next);
  if (ending) return { state: "finished", text: `Finished: reached the ending “${ending.title}” after ${decisions}.`, choices };
  return { state: "in progress", text: `In progress: ${decisions} made.`, choices };
}

const answerIn = (content, id) => {
  const a = content.reflections[id];
  return { text: typeof a?.text === "string" ? a.text : "", checks: Array.isArray(a?.checks) ? a.checks : [], updated: a?.updated };
};

function moduleStatus(module, content) {
  const written = module.prompts.filter((p) => answerIn(content, p.id).text.trim()).length;
  const states = module.scenarios.map((s) => outcome(s, content.scenarios[s.id]).state);
  const finished = states.filter((s) => s === "finished").length;
  const going = states.filter((s) => s === "in progress").length;
  const parts = [];
  if (module.prompts.length) parts.push(`Reflections: ${written} of ${module.prompts.length} written.`);
  if (module.scenarios.length) {
    parts.push(`Scenarios: ${finished} of ${module.scenarios.length} finished${going ? `, ${going} in progress` : ""}.`);
  }
  // ---- opting out (facilitator kit, optout.js): a skipped item counts as done ----
  parts.push(...skippedStatus(store, module, (p) => answerIn(content, p.id).text.trim(),
    (s) => outcome(s, content.scenarios[s.id]).state === "finished"));
  return parts.join(" ");
}

const when = (iso) => (iso && !Number.isNaN(Date.parse(iso)) ? new Date(iso).toLocaleString() : "at an unknown time");

// The journal as Markdown a person reads: prompts quoted, answers exactly as written.
export function journalMarkdown(course, content = collect()) {
  const lines = [`# My journal: ${course.title}`, "", `Downloaded ${new Date().toLocaleString()}. ` +
    "Everything here was kept in your browser; this file is the only copy outside it.", ""];
  for (const module of course.modules) {
    lines.push(`## ${module.title}`, "", moduleStatus(module, content), "");
    if (module.prompts.length) lines.push("### Reflections", "");
    for (const p of module.prompts) {
      const a = answerIn(content, p.id);
      lines.push(`#### ${p.title}`, "", ...p.prompt.trim().split("\n").map((l) => `> ${l}`.trimEnd()), "");
      if (!a.text.trim()) lines.push("*Not written yet.*", "");
      else lines.push(`*${wordStatus(a.text, p.words)} Last saved ${when(a.updated)}.*`, "", a.text.trim(), "");
      if (a.text.trim() || a.checks.length) {
        lines.push("Self-check (criteria you believe your answer meets):", "",
          ...p.criteria.map((c) => `- [${a.checks.includes(c.criterion) ? "x" : " "}] ${c.criterion}`), "");
      }
    }
    if (module.scenarios.length) lines.push("### Scenarios", "");
    for (const s of module.scenarios) {
      const o = outcome(s, content.scenarios[s.id]);
      lines.push(`- **${s.title}**: ${o.text}`);
      o.choices.forEach((c, i) => lines.push(`    ${i + 1}. ${c.text}`));
    }
    if (module.scenarios.length) lines.push("");
  }
  return lines.join("\n");
}

// ---- on the page -----------------------------------------------------------------------------


export function download(name, text, type) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = element("a", { href: url, download: name, hidden: "" });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

const today = () => new Date().toISOString().slice(0, 10);

export function renderJournal({ course, el }) {
  const button = (text, onclick, cls = "ck-button") => element("button", { type: "button", class: cls, text, onclick });
  const fileInput = element("input", { type: "file", id: "ck-journal-import", accept: ".json,application/json" });
  const message = element("div", { class: "ck-message", role: "status", "aria-live": "polite" });
  const panel = element("div", { class: "ck-ask", hidden: "" });
  const summary = element("div", { class: "ck-summary" });
  const actions = element("div", { class: "ck-actions" },
    button("Download as Markdown", () => download(`my-journal-${today()}.md`, journalMarkdown(course), "text/markdown")),
    button("Download as JSON (to import later)", () => downloadJSON()),
    element("span", { class: "ck-import" }, element("label", { for: fileInput.id, text: "Import a journal (JSON file)" }), fileInput),
    button("Clear my work from this browser…", () => clearAll()),
  );
  const warning = element("div", { class: "ck-journal-warning" });
  el.replaceChildren(element("div", { class: "ck-journal-app" }, warning, actions, message, panel, summary));

  const say = (text, error = false) => {
    message.className = error ? "ck-message ck-error" : "ck-message";
    message.textContent = text;
  };

  async function downloadJSON() {
    try {
      download(`my-journal-${today()}.json`, await journalJSON(course), "application/json");
    } catch (err) {
      say(err.message, true);
    }
  }

  // An in-page question; resolves to the value of the button chosen ("cancel" on Escape).
  function ask(question, details, choices) {
    const opener = document.activeElement;
    const title = element("p", { class: "ck-ask-title", id: "ck-ask-title", tabindex: "-1", text: question });
    const list = details.length ? element("ul", {}, ...details.map((d) => element("li", { text: d }))) : null;
    return new Promise((resolve) => {
      const finish = (value) => {
        panel.hidden = true;
        panel.replaceChildren();
        if (opener?.isConnected) opener.focus();
        resolve(value);
      };
      panel.setAttribute("role", "group");
      panel.setAttribute("aria-labelledby", title.id);
      panel.onkeydown = (event) => { if (event.key === "Escape") finish("cancel"); };
      panel.replaceChildren(title, list ?? "",
        element("div", { class: "ck-controls" }, ...choices.map(([value, label, cls]) =>
          button(label, () => finish(value), cls ?? "ck-button"))));
      panel.hidden = false;
      title.focus();
    });
  }

  async function importFile(file) {
    if (file.size > MAX_FILE_BYTES) return say(`${file.name}: file: is too large to be a journal. Nothing was imported.`, true);
    let content;
    try {
      content = await readJournalFile(file.name, await file.text());
    } catch (err) {
      return say(err instanceof JournalError ? err.message : `${file.name}: file: could not be read. Nothing was imported.`, true);
    }
    const { take, newerHere } = planImport(content);
    let chosen = take;
    if (newerHere.length) {
      const name = (item) => (item.kind === "reflections" ? "Reflection" : "Scenario") +
        ` “${item.incoming.title ?? item.id}”: yours from ${when(item.here?.updated)}, the file’s from ${when(item.incoming.updated)}`;
      const answer = await ask(
        `${newerHere.length} item${newerHere.length === 1 ? " is" : "s are"} newer in this browser than in ${file.name}. Replace ${newerHere.length === 1 ? "it" : "them"} with the file’s older version?`,
        newerHere.map(name),
        [["keep", "Keep my newer work", "ck-button ck-primary"], ["replace", "Replace with the file’s"], ["cancel", "Cancel the import"]],
      );
      if (answer === "cancel") return say("Import cancelled: nothing was changed.");
      if (answer === "replace") chosen = [...take, ...newerHere];
    }
    const saved = chosen.map((item) => store.write(item.key, item.incoming)).every(Boolean);
    const count = (kind) => chosen.filter((i) => i.kind === kind).length;
    const kept = chosen.length < take.length + newerHere.length ? ` Kept ${plural(newerHere.length, "newer item")} of yours.` : "";
    say(chosen.length
      ? `Imported from ${file.name}: ${plural(count("reflections"), "reflection")} and ${plural(count("scenarios"), "scenario result")}.${kept}` +
        (saved ? "" : " This browser is not saving, so they are on this page only.")
      : `Nothing to import: this browser already holds everything in ${file.name}.${kept}`);
    draw();
  }

  async function clearAll() {
    const content = collect();
    const r = Object.keys(content.reflections).length;
    const s = Object.keys(content.scenarios).length;
    const answer = await ask("Delete all your work from this browser?",
      [`This deletes ${plural(r, "reflection")} and ${plural(s, "scenario result")} kept in this browser. It cannot be undone.`,
        "Download your journal first if you want to keep a copy."],
      [["keep", "Keep my work", "ck-button ck-primary"], ["delete", "Delete everything"]]);
    if (answer !== "delete") return say("Nothing was deleted.");
    for (const key of store.keys()) if (Object.values(PREFIXES).some((p) => key.startsWith(p))) store.remove(key);
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
        element("p", { class: "ck-module-status", text: moduleStatus(module, content) }));
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
        section.append(entry);
      }
      if (module.scenarios.length) {
        const list = element("ul", { class: "ck-outcomes" });
        for (const s of module.scenarios) {
          const o = outcome(s, content.scenarios[s.id]);
          list.append(element("li", { "data-scenario": s.id, "data-state": o.state },
            element("a", { href: s.href, text: s.title }), document.createTextNode(`: ${o.text}`)));
        }
        section.append(element("h3", { text: "Scenarios" }), list);
      }
      return section;
    });
    summary.replaceChildren(...sections);
  }

  draw();
  store.onChange(() => draw());
}

