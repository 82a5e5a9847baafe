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
export const keyOf = (kind, id) => KINDS[kind] + id;
export const reflectionKey = (id) => keyOf("reflections", id);
export const scenarioKey = (id) => keyOf("scenarios", id);
// A scenario or prompt skipped for its alternative activity (optout.js): kept in this browser
// only, not a kind of work the journal file carries.
export const skipKey = (kind, id) => `skipped:${kind}:${id}`;

const PREFIX = "coursekit:";
const memory = new Map();
let local; // undefined: not looked at yet; null: unavailable
let writable = true;
let watching = false;

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

export const store = {
  listeners: new Set(),

  // False once this browser has shown it will not keep work (storage off, or a write failed).
  get ok() {
    return writable && storage() !== null;
  },

  read(key, fallback = null) {
    const full = PREFIX + key;
    let raw = memory.get(full) ?? null;
    if (raw === null && storage()) {
      try { raw = local.getItem(full); } catch { raw = null; }
    }
    if (raw === null) return fallback;
    try { return JSON.parse(raw); } catch { return fallback; }
  },

  write(key, value) {
    const full = PREFIX + key;
    const raw = JSON.stringify(value);
    memory.set(full, raw);
    if (!storage()) return false;
    try {
      local.setItem(full, raw);
      memory.delete(full); // kept by the browser now; another tab's change will show
      return true;
    } catch {
      this.fail();
      return false;
    }
  },

  remove(key) {
    memory.delete(PREFIX + key);
    try { storage()?.removeItem(PREFIX + key); } catch { /* nothing stored */ }
  },

  keys() {
    const found = new Set([...memory.keys()]);
    if (storage()) {
      try {
        for (let i = 0; i < local.length; i++) found.add(local.key(i));
      } catch { /* storage went away */ }
    }
    return [...found].filter((k) => k && k.startsWith(PREFIX)).map((k) => k.slice(PREFIX.length));
  },

  fail() {
    if (!writable) return;
    writable = false;
    for (const listener of this.listeners) listener();
  },

  // Calls back when another tab changes a key, or when storage stops working here.
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

// Everything this browser keeps for the course, by kind and id (prototype-free mappings).
export function collect() {
  const content = Object.create(null);
  for (const kind of Object.keys(KINDS)) content[kind] = Object.create(null);
  for (const key of store.keys().sort()) {
    for (const [kind, prefix] of Object.entries(KINDS)) {
      if (!key.startsWith(prefix)) continue;
      const value = store.read(key);
      if (value !== null && typeof value === "object" && !Array.isArray(value)) content[kind][key.slice(prefix.length)] = value;
    }
  }
  return content;
}

// A note shown while storage is unavailable, so no one believes unsaved work is saved.
export function storageWarning() {
  const note = document.createElement("p");
  note.className = "ck-warning";
  note.setAttribute("role", "alert");
  note.textContent =
    "This browser is not saving your work (storage is turned off or full). " +
    "Everything still works on this page, but download your journal before you leave it.";
  return note;
}
