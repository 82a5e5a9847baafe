// The journal file: pure functions, no page and no storage (node can import this module).
//
// { format: "coursekit-journal", version: 2, course, exported, sha256, content }
// content = { reflections: { <prompt id>: entry }, scenarios: { <scenario id>: entry },
//             confidence: { "<module>-before" | "<module>-after": entry },
//             plans: { <module>: entry }, followups: { <module>: entry },
//             feedback: { <prompt id>: entry } }
// holds the stored entries exactly; sha256 is the SHA-256 (hex) of content written as canonical
// JSON (keys sorted, no spaces): a damage check, not a seal. Version 1 files (reflections and
// scenarios only) still import. A file whose format or version does not fit is refused as a
// whole, with a message naming the file and the field. In a journal whose checksum no longer
// fits, or with an entry that is damaged, every entry is checked on its own: the good ones can
// still be restored (a learner's only backup), and each one left out is named with its field.
import { sha256 } from "./sha256.js";

/**
 * @typedef {(field: string, reason: string) => never} Fail  refuses the file: throws a
 *   JournalError naming the file and the field
 * @typedef {Record<string, any>} Entry  one stored entry (its fields are checked by FIELDS)
 * @typedef {Record<string, Record<string, Entry>>} Content  {kind: {id: entry}}
 * @typedef {[(value: any) => boolean, string]} Check  a check, and what the field must be
 */

export const FORMAT = "coursekit-journal";
export const VERSION = 2;
export const KINDS_BY_VERSION = {
  1: ["reflections", "scenarios"],
  2: ["reflections", "scenarios", "confidence", "plans", "followups", "feedback"],
};
const ID = /^[a-z0-9]+(-[a-z0-9]+)*$/; // as coursekit's content ids
const RESERVED = new Set(["__proto__", "constructor", "prototype"]);
const LIMIT = 20000; // characters in one written field

/**
 * @param {unknown} v
 * @returns {v is Record<string, any>}
 */
export const isObject = (v) => v !== null && typeof v === "object" && !Array.isArray(v);
/** @type {(o: object, k: string) => boolean} */
const own = (o, k) => Object.prototype.hasOwnProperty.call(o, k);

/**
 * @param {unknown} value
 * @returns {string}
 */
export function canonical(value) {
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  if (isObject(value)) {
    return `{${Object.keys(value).sort().map((k) => `${JSON.stringify(k)}:${canonical(value[k])}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

export class JournalError extends Error {}

/**
 * @param {string} name  the file's name, as the learner chose it
 * @param {string} after  what the learner is told happened
 * @returns {Fail}
 */
export function failer(name, after = "Nothing was imported.") {
  return (field, reason) => { throw new JournalError(`${name}: ${field}: ${reason}. ${after}`); };
}

/**
 * Refuses keys that would reach an object's prototype anywhere in the parsed file.
 * @param {unknown} value
 * @param {Fail} fail
 * @param {string} where
 * @returns {void}
 */
export function refuseReserved(value, fail, where = "file") {
  if (Array.isArray(value)) value.forEach((v, i) => refuseReserved(v, fail, `${where}[${i}]`));
  else if (isObject(value)) {
    for (const key of Object.keys(value)) {
      if (RESERVED.has(key)) fail(`${where}["${key}"]`, "is a name this course never uses as a key, so the file is refused");
      refuseReserved(value[key], fail, where === "file" ? key : `${where}.${key}`);
    }
  }
}

/**
 * @param {string} text
 * @param {Fail} fail
 * @returns {unknown}
 */
export function parseJSON(text, fail) {
  /** @type {unknown} */
  let data;
  try { data = JSON.parse(text); } catch { fail("file", "is not valid JSON, so it is not a file downloaded from this course"); }
  refuseReserved(data, fail);
  return data;
}

/** @type {(v: unknown) => boolean} */
const date = (v) => typeof v === "string" && !Number.isNaN(Date.parse(v));
/** @type {(v: unknown) => boolean} */
const text = (v) => typeof v === "string" && v.length <= LIMIT;
/** @type {(v: any) => boolean} */
const rating = (v) => v === null || (Number.isInteger(v) && v >= 1 && v <= 5);

// The ratings of a stored confidence entry that are ratings (whole numbers 1 to 5): a value
// edited by hand in the browser's storage is left out, as if not rated, and never drawn.
/**
 * @param {unknown} ratings
 * @returns {Record<string, number>}
 */
export function cleanRatings(ratings) {
  /** @type {Record<string, number>} */
  const out = {};
  if (!isObject(ratings)) return out;
  for (const [id, r] of Object.entries(ratings)) if (ID.test(id) && !RESERVED.has(id) && r !== null && rating(r)) out[id] = r;
  return out;
}

// What each kind of entry must hold: field -> [check, what it must be].
/** @type {Record<string, Record<string, Check>>} */
const FIELDS = {
  reflections: { text: [text, "text"], checks: [(v) => Array.isArray(v) && v.every((c) => typeof c === "string"), "a list of criteria"] },
  scenarios: {
    path: [(v) => Array.isArray(v) && v.every((s) => isObject(s) && typeof s.node === "string" && Number.isInteger(s.choice)
      && s.choice >= 0 && (s.words === undefined || text(s.words))), "a list of {node, choice, words?} steps"],
  },
  confidence: { ratings: [(v) => isObject(v) && Object.entries(v).every(([k, r]) => ID.test(k) && rating(r)), "a mapping of statement ids to ratings from 1 to 5"] },
  plans: Object.fromEntries(["what", "where", "who", "by"].map((f) => [f, [text, "text"]])),
  followups: { happened: [text, "text"], next: [text, "text"] },
  feedback: { text: [text, "text"], from: [text, "text"] },
};
export const ENTRY_FIELDS = FIELDS;

// The problem with one entry, as [field, reason], or null when it fits.
/**
 * @param {string} kind
 * @param {string} id
 * @param {unknown} entry
 * @param {string} where  the entry's field, as the learner is told it
 * @returns {[string, string] | null}
 */
function entryProblem(kind, id, entry, where) {
  if (!ID.test(id)) return [where, "is not a valid id"];
  if (!isObject(entry)) return [where, "must be a mapping"];
  if (!date(entry.updated)) return [`${where}.updated`, "must be a date and time"];
  for (const [field, [ok, what]] of Object.entries(FIELDS[kind])) {
    if (!own(entry, field) || !ok(entry[field])) return [`${where}.${field}`, `must be ${what}`];
  }
  return null;
}

/**
 * The entries of `content` by kind. Without `left`, the first problem refuses the whole
 * content (fail); with it, each kind or entry that does not fit is left out and described in
 * `left` as [field, reason], and the rest is kept.
 * @param {Record<string, unknown>} content
 * @param {string[]} kinds  the kinds of this file's version
 * @param {Fail} fail
 * @param {string} at
 * @param {[string, string][] | null} left
 * @returns {Content}
 */
export function checkEntries(content, kinds, fail, at = "content", left = null) {
  /** @type {(problem: [string, string]) => void} */
  const problem = ([field, reason]) => { if (left) left.push([field, reason]); else fail(field, reason); };
  for (const kind of Object.keys(content)) if (!kinds.includes(kind)) problem([`${at}.${kind}`, "is not part of a journal"]);
  /** @type {Content} */
  const out = {};
  for (const kind of kinds) {
    out[kind] = Object.create(null);
    const entries = own(content, kind) ? content[kind] : {};
    if (!isObject(entries)) {
      problem([`${at}.${kind}`, "must be a mapping of ids to entries"]);
      continue;
    }
    for (const [id, entry] of Object.entries(entries)) {
      const trouble = entryProblem(kind, id, entry, `${at}.${kind}["${id.slice(0, 60)}"]`);
      if (trouble) problem(trouble);
      else out[kind][id] = entry;
    }
  }
  return out;
}

/**
 * @param {string} title  the course's title
 * @param {object} content  as `collect()` gives it
 * @returns {Promise<string>}
 */
export async function journalFile(title, content) {
  const file = { format: FORMAT, version: VERSION, course: title, exported: new Date().toISOString(),
    sha256: await sha256(canonical(content)), content };
  return JSON.stringify(file, null, 2);
}

/**
 * A journal file read for import: content (every kind of this version present, only the
 * entries that fit), left ("field: reason" of each entry left out), changed (whether the
 * checksum no longer fits the content: the file was edited or damaged).
 * @param {string} name
 * @param {string} text
 * @returns {Promise<{ content: Content, left: string[], changed: boolean }>}
 */
export async function readJournalFile(name, text) {
  /** @type {Fail} */
  const fail = failer(name);
  const data = parseJSON(text, fail);
  if (!isObject(data) || data.format !== FORMAT) fail("format", `must be "${FORMAT}": this is not a journal downloaded from this course`);
  const kinds = KINDS_BY_VERSION[/** @type {1 | 2} */ (data.version)];
  if (!Number.isInteger(data.version) || !kinds) {
    const newer = typeof data.version === "number" && data.version > VERSION;
    fail("version", `is ${String(JSON.stringify(data.version)).slice(0, 20)}; this page reads versions 1 to ${VERSION}` +
      (newer ? " (the file was made by a newer version of the course)" : ""));
  }
  if (!isObject(data.content)) fail("content", "is missing");
  const changed = typeof data.sha256 !== "string" || await sha256(canonical(data.content)) !== data.sha256.toLowerCase();
  /** @type {[string, string][]} */
  const left = [];
  const content = checkEntries(data.content, kinds, fail, "content", left);
  for (const kind of KINDS_BY_VERSION[VERSION]) content[kind] ??= Object.create(null);
  if (!Object.values(content).some((entries) => Object.keys(entries).length)) {
    if (left.length) fail(...left[0]);
    if (changed) fail("sha256", "does not match the content: the file was changed after it was downloaded, or is damaged");
  }
  return { content, left: left.map(([field, reason]) => `${field}: ${reason}`), changed };
}

// Saves a little ahead of this clock (another device's) are normal; further ahead is no save.
export const FUTURE_MS = 10 * 60 * 1000;

// What importing `content` would do. `read(kind, id)` gives this browser's entry. Entries are
// taken only when this browser has none or an older one; an entry this browser holds from
// the same time or later (or undated), or one the file dates in the future (`future: true`:
// no save can be from then, so "newer" means nothing), is only replaced if the learner says so.
/**
 * @typedef {{ kind: string, id: string, incoming: Entry, here: Entry | null, future: boolean }} Planned
 * @param {Content} content
 * @param {(kind: string, id: string) => Entry | null} read
 * @param {number} now  this clock, in milliseconds
 * @returns {{ take: Planned[], newerHere: Planned[] }}
 */
export function planImport(content, read, now = Date.now()) {
  /** @type {Planned[]} */
  const take = [];
  /** @type {Planned[]} */
  const newerHere = [];
  for (const kind of Object.keys(content)) {
    for (const [id, incoming] of Object.entries(content[kind])) {
      const here = read(kind, id);
      if (here !== null && canonical(here) === canonical(incoming)) continue;
      const future = Date.parse(incoming.updated) > now + FUTURE_MS;
      const item = { kind, id, incoming, here, future };
      if (here !== null && (future || !(Date.parse(incoming.updated) > Date.parse(here?.updated)))) newerHere.push(item);
      else take.push(item);
    }
  }
  return { take, newerHere };
}
