// Browser storage for the static book: everything a learner does is kept in this browser's
// localStorage under keys starting with "coursekit:", and nothing is sent anywhere.
//
// Reading and writing are separate: storage that is full still reads, so saved work always
// shows. When a write fails (storage full) or storage is turned off, work goes on in memory
// and `store.ok` turns false. Nothing is probed or listened to when this module is imported:
// storage is first touched when the page reads or writes.
//
// The one place the storage keys are spelled: KINDS maps each kind of stored work to its key
// prefix, and `keyOf(kind, id)` builds a key.
export const KINDS = {
  reflections: "reflection:",
  scenarios: "scenario:",
  confidence: "confidence:",
  plans: "plan:",
  followups: "followup:",
  feedback: "feedback:",
};
/** @typedef {keyof typeof KINDS} Kind */
/** @type {(kind: Kind, id: string) => string} */
export const keyOf = (kind, id) => KINDS[kind] + id;
/** @type {(id: string) => string} */
export const reflectionKey = (id) => keyOf("reflections", id);
/** @type {(id: string) => string} */
export const scenarioKey = (id) => keyOf("scenarios", id);
// A scenario or prompt skipped for its alternative activity (optout.js): kept in this browser
// only, not a kind of work the journal file carries.
/** @type {(kind: string, id: string) => string} */
export const skipKey = (kind, id) => `skipped:${kind}:${id}`;
// The name or student id typed into the journal's share form (journal-share.js): kept for the
// next visit, not journal work.
export const STUDENT_KEY = "share:student";
// The screen a scenario was left on (scenario.js's "screen"), for a reload: not journal work.
/** @type {(id: string) => string} */
export const screenKey = (id) => `screen:${id}`;
// What the pages keep beside the work (the screen, the name typed to share): cleared with it.
/** @type {(key: string) => boolean} */
export const isPageState = (key) => key === STUDENT_KEY || key.startsWith("screen:");

const PREFIX = "coursekit:";
/** @type {Map<string, string>} */
const memory = new Map();
/** @type {Storage | null | undefined} */
let local; // undefined: not looked at yet; null: unavailable
let writable = true;
let watching = false;

/** @returns {Storage | null} */
function storage() {
  if (local === undefined) {
    try {
      local = window.localStorage ?? null;
      local?.length; // a blocked storage throws on first use
    } catch {
      local = null;
    }
  }
  return local;
}

/** @typedef {(key?: string) => void} Listener  given the key another tab changed */

export const store = {
  /** @type {Set<Listener>} */
  listeners: new Set(),

  // False once this browser has shown it will not keep work (storage off, or a write failed).
  get ok() {
    return writable && storage() !== null;
  },

  /**
   * The stored value of `key` (parsed JSON), or `fallback` when none or unreadable.
   * @param {string} key
   * @param {any} fallback
   * @returns {any}
   */
  read(key, fallback = null) {
    const full = PREFIX + key;
    let raw = memory.get(full) ?? null;
    const kept = raw === null ? storage() : null;
    if (kept) {
      try { raw = kept.getItem(full); } catch { raw = null; }
    }
    if (raw === null) return fallback;
    try { return JSON.parse(raw); } catch { return fallback; }
  },

  /**
   * Keeps `value` (as JSON) under `key`: true when the browser kept it, false when it is kept
   * in this page's memory only.
   * @param {string} key
   * @param {unknown} value
   * @returns {boolean}
   */
  write(key, value) {
    const full = PREFIX + key;
    const raw = JSON.stringify(value);
    memory.set(full, raw);
    const kept = storage();
    if (!kept) return false;
    try {
      kept.setItem(full, raw);
      memory.delete(full); // kept by the browser now; another tab's change will show
      return true;
    } catch {
      this.fail();
      return false;
    }
  },

  /** @param {string} key */
  remove(key) {
    memory.delete(PREFIX + key);
    try { storage()?.removeItem(PREFIX + key); } catch { /* nothing stored */ }
  },

  /** @returns {string[]} every key the course keeps, without the prefix */
  keys() {
    /** @type {Set<string | null>} */
    const found = new Set([...memory.keys()]);
    const kept = storage();
    if (kept) {
      try {
        for (let i = 0; i < kept.length; i++) found.add(kept.key(i));
      } catch { /* storage went away */ }
    }
    return [...found]
      .filter((k) => k !== null && k.startsWith(PREFIX))
      .map((k) => String(k).slice(PREFIX.length));
  },

  fail() {
    if (!writable) return;
    writable = false;
    for (const listener of this.listeners) listener();
  },

  /**
   * Calls back when another tab changes a key, or when storage stops working here.
   * @param {Listener} listener
   */
  onChange(listener) {
    this.listeners.add(listener);
    if (watching) return;
    watching = true;
    window.addEventListener("storage", (event) => {
      if (!event.key?.startsWith(PREFIX)) return;
      memory.delete(event.key);
      for (const fn of store.listeners) fn(event.key.slice(PREFIX.length));
    });
  },
};

/**
 * Everything this browser keeps for the course, by kind and id (prototype-free mappings).
 * @returns {Record<Kind, Record<string, object>>}
 */
export function collect() {
  const content = Object.create(null);
  for (const kind of Object.keys(KINDS)) content[kind] = Object.create(null);
  for (const key of store.keys().sort()) {
    for (const [kind, prefix] of Object.entries(KINDS)) {
      if (!key.startsWith(prefix)) continue;
      const value = store.read(key);
      if (value !== null && typeof value === "object" && !Array.isArray(value)) {
        content[kind][key.slice(prefix.length)] = value;
      }
    }
  }
  return content;
}

/**
 * A note shown while storage is unavailable, so no one believes unsaved work is saved.
 * @returns {HTMLParagraphElement}
 */
export function storageWarning() {
  const note = document.createElement("p");
  note.className = "ck-warning";
  note.setAttribute("role", "alert");
  note.textContent =
    "This browser is not saving your work (storage is turned off or full). " +
    "Everything still works on this page, but download your journal before you leave it.";
  return note;
}
