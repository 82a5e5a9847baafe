// Opting out: the journal counts skipped prompts and scenarios as done; a shared path holds
// the scenario id and the choices, the learner's words only when asked for.
import { test } from "node:test";
import assert from "node:assert/strict";
import { isSkipped, sharedPath, sharerOf, skipKey, skippedStatus } from "../../coursekit/assets/coursekit/optout.js";

const memoryStore = (entries = {}) => ({ read: (k, fallback = null) => entries[k] ?? fallback });
const module = { prompts: [{ id: "p1" }, { id: "p2" }], scenarios: [{ id: "s1" }, { id: "s2" }] };

test("skipped items are counted, and a module with everything done or skipped is complete", () => {
  const store = memoryStore({ [skipKey("prompt", "p2")]: { skipped: true }, [skipKey("scenario", "s2")]: { skipped: true } });
  assert.equal(isSkipped(store, "prompt", "p2"), true);
  assert.equal(isSkipped(store, "prompt", "p1"), false);
  const written = (p) => p.id === "p1";
  const finished = (s) => s.id === "s1";
  assert.deepEqual(skippedStatus(store, module, written, finished),
    ["Skipped for the alternative activity: 2 items.", "Module complete."]);
  assert.deepEqual(skippedStatus(memoryStore(), module, written, finished), []);
  assert.deepEqual(skippedStatus(memoryStore(), module, () => true, () => true), ["Module complete."]);
});

test("a stored mark that is not {skipped: true} does not count", () => {
  assert.equal(isSkipped(memoryStore({ [skipKey("scenario", "s1")]: "yes" }), "scenario", "s1"), false);
});

test("a shared path has the choices only, words when ticked, and drops malformed steps", () => {
  const path = [{ node: "a", choice: 1, words: "mine" }, { node: "b", choice: "x" }, { node: "c", choice: 0, extra: 1 }];
  assert.deepEqual(sharedPath("s1", path), { coursekit: "coursekit shared path", scenario: "s1",
    path: [{ node: "a", choice: 1 }, { node: "c", choice: 0 }] });
  assert.deepEqual(sharedPath("s1", path, true).path[0], { node: "a", choice: 1, words: "mine" });
  assert.deepEqual(sharedPath("s1", null).path, []);
  assert.equal(sharedPath("s1", path, false, "0".repeat(32)).sharer, "0".repeat(32));
});

test("a browser's sharer number is made once, random, and kept", () => {
  const memoryStore = (entries) => ({ read: (k, fallback = null) => entries[k] ?? fallback,
    write: (k, v) => { entries[k] = v; return true; } });
  const store = memoryStore({});
  const first = sharerOf(store);
  assert.match(first, /^[0-9a-f]{32}$/);
  assert.equal(sharerOf(store), first);
  assert.notEqual(sharerOf(memoryStore({})), first);
  assert.match(sharerOf(memoryStore({ sharer: "<b>not a number</b>" })), /^[0-9a-f]{32}$/);
});
