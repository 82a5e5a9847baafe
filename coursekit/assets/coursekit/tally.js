// The room tally of discussion mode. Pure: no DOM, no storage.
//
// A tally is {nodeId: [count per choice]}: how many people in the room chose each option at
// each decision. It holds numbers only, never a name. `roomTally` keeps one session's tally;
// its `count` is the one place counts come in, whether from the facilitator's keys, the count
// boxes, or votes sent from phones.
export const LETTERS = "ABCDEFGHI";

/**
 * @typedef {Record<string, number[]>} Tally  {node id: [count per choice]}
 * @typedef {import("./paths.js").Scenario} Scenario
 */

/**
 * A count as typed: a whole number from 0 to 9999, anything else is 0.
 * @param {unknown} value
 * @returns {number}
 */
export const cleanCount = (value) => {
  const n = Number.parseInt(String(value ?? "").trim(), 10);
  return Number.isFinite(n) && n >= 0 ? Math.min(n, 9999) : 0;
};

/**
 * The stored tally checked against the scenario: unknown nodes dropped, one count per choice.
 * @param {Scenario} scenario
 * @param {unknown} stored
 * @returns {Tally}
 */
export function cleanTally(scenario, stored) {
  /** @type {Tally} */
  const out = {};
  const source = /** @type {Record<string, unknown>} */ (
    stored && typeof stored === "object" && !Array.isArray(stored) ? stored : {}
  );
  for (const node of scenario.nodes) {
    const found = source[node.id];
    const counts = Array.isArray(found) ? found : [];
    if (counts.length) out[node.id] = node.choices.map((_, i) => cleanCount(counts[i]));
  }
  return out;
}

/**
 * How many counts a tally holds, in all.
 * @param {Tally} tally
 * @returns {number}
 */
export const total = (tally) => Object.values(tally).flat().reduce((a, b) => a + b, 0);

// One session's tally. `count(nodeId, index, {add} | {set})` changes one option's count;
// `clear()` empties it and `undo()` brings back what the last change replaced. `onChange`
// listeners get the whole tally after every change.
/**
 * @param {Scenario} scenario
 * @param {unknown} start  a stored tally
 */
export function roomTally(scenario, start = {}) {
  const sizes = new Map(scenario.nodes.map((n) => [n.id, n.choices.length]));
  let tally = cleanTally(scenario, start);
  /** @type {Tally | null} */
  let before = null;
  /** @type {Set<(tally: Tally) => void>} */
  const listeners = new Set();
  /** @param {Tally} next */
  const change = (next) => {
    before = tally;
    tally = next;
    for (const fn of listeners) fn(tally);
  };
  return {
    get all() { return tally; },
    /** @type {(nodeId: string) => number[]} */
    counts: (nodeId) => tally[nodeId] ?? Array(sizes.get(nodeId) ?? 0).fill(0),
    /**
     * @param {string} nodeId
     * @param {number} index  the choice
     * @param {{ add?: number, set?: unknown }} change  add to the count, or set it as typed
     * @returns {boolean} whether the count changed
     */
    count(nodeId, index, { add, set }) {
      const n = sizes.get(nodeId);
      if (n === undefined || !Number.isInteger(index) || index < 0 || index >= n) return false;
      const counts = [...(tally[nodeId] ?? Array(n).fill(0))];
      const added = counts[index] + (Number.isInteger(add) ? Number(add) : 0);
      counts[index] = cleanCount(set !== undefined ? set : added);
      if (counts[index] === (tally[nodeId] ?? [])[index]) return false;
      change({ ...tally, [nodeId]: counts });
      return true;
    },
    clear() { if (total(tally)) change({}); },
    get canUndo() { return before !== null; },
    undo() {
      if (before === null) return;
      const back = before;
      change(back);
      before = null;
    },
    /** @type {(fn: (tally: Tally) => void) => void} */
    onChange: (fn) => listeners.add(fn),
  };
}

/**
 * Each option's count and its share of the room, for the bars: [{count, percent}].
 * @param {number[]} counts
 * @returns {{ count: number, percent: number }[]}
 */
export function shares(counts) {
  const sum = counts.reduce((a, b) => a + b, 0);
  return counts.map((count) => ({ count, percent: sum ? Math.round((100 * count) / sum) : 0 }));
}
