// Browser storage for the static book: everything a learner does is kept in this browser's
// localStorage under keys starting with "coursekit:", and nothing is sent anywhere.
// When storage is disabled or full, work goes on in memory and `store.ok` turns false.

const PREFIX = "coursekit:";
const memory = new Map();

function backend() {
  try {
    const probe = `${PREFIX}probe`;
    window.localStorage.setItem(probe, "1");
    window.localStorage.removeItem(probe);
    return window.localStorage;
  } catch {
    return null;
  }
}

export const store = {
  ok: backend() !== null,
  listeners: new Set(),

  read(key, fallback = null) {
    const full = PREFIX + key;
    let raw = memory.get(full) ?? null;
    if (this.ok) {
      try { raw = window.localStorage.getItem(full) ?? raw; } catch { this.fail(); }
    }
    if (raw === null) return fallback;
    try { return JSON.parse(raw); } catch { return fallback; }
  },

  write(key, value) {
    const full = PREFIX + key;
    const raw = JSON.stringify(value);
    memory.set(full, raw);
    if (!this.ok) return false;
    try {
      window.localStorage.setItem(full, raw);
      return true;
    } catch {
      this.fail();
      return false;
    }
  },

  remove(key) {
    memory.delete(PREFIX + key);
    try { window.localStorage.removeItem(PREFIX + key); } catch { /* nothing stored */ }
  },

  keys() {
    const found = new Set([...memory.keys()]);
    if (this.ok) {
      try {
        for (let i = 0; i < window.localStorage.length; i++) found.add(window.localStorage.key(i));
      } catch { /* storage went away */ }
    }
    return [...found].filter((k) => k && k.startsWith(PREFIX)).map((k) => k.slice(PREFIX.length));
  },

  fail() {
    if (!this.ok) return;
    this.ok = false;
    for (const listener of this.listeners) listener();
  },

  // Calls back when another tab changes a key, or when storage stops working here.
  onChange(listener) {
    this.listeners.add(listener);
  },
};

window.addEventListener("storage", (event) => {
  if (event.key && event.key.startsWith(PREFIX)) for (const listener of store.listeners) listener(event.key.slice(PREFIX.length));
});

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
