// The player's path semantics against every shared case in tests/fixtures/path-cases.json
// (pytest runs the same cases against the Python side). Run: node --test tests/js/
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { holds, mostDecisions, resolve, resolveNext, validPath, walk } from "../../coursekit/assets/coursekit/paths.js";

const fixture = JSON.parse(readFileSync(new URL("../fixtures/path-cases.json", import.meta.url), "utf-8"));
const { scenario } = fixture;

for (const c of fixture.cases) {
  test(`path case: ${c.name}`, () => {
    const w = walk(scenario, c.path);
    assert.deepEqual(w.kept, c.expect.kept);
    assert.deepEqual(validPath(scenario, c.path), c.expect.kept);
    assert.deepEqual([...w.facts].sort(), c.expect.facts);
    assert.equal(w.here, c.expect.here);
    const shown = w.node ? resolve(w.node.text, w.facts) : resolve(w.ending.text, w.facts);
    assert.equal(shown, c.expect.shown);
    assert.equal(w.last ? resolve(w.last.feedback, w.facts) : null, c.expect.feedback);
  });
}

test("conditions: a fact, its negation, all of a list", () => {
  const facts = new Set(["a"]);
  assert.ok(holds([], facts));
  assert.ok(holds(["a"], facts));
  assert.ok(!holds(["not a"], facts));
  assert.ok(holds(["a", "not b"], facts));
  assert.ok(!holds(["a", "b"], facts));
  assert.ok(holds("a", facts), "a single condition as a string");
});

test("resolve: first variant that holds; a plain string is one variant", () => {
  const variants = [{ when: ["x"], text: "X" }, { when: [], text: "default" }];
  assert.equal(resolve(variants, new Set(["x"])), "X");
  assert.equal(resolve(variants, new Set()), "default");
  assert.equal(resolve("plain", new Set()), "plain");
  assert.equal(resolveNext([{ when: ["not x"], next: "a" }, { when: [], next: "b" }], new Set(["x"])), "b");
});

test("a next that resolves to no node or ending cuts the path there", () => {
  const broken = structuredClone(scenario);
  broken.nodes[0].choices[0].next = [{ when: [], next: "nowhere" }];
  assert.deepEqual(validPath(broken, [{ node: "first", choice: 0 }]), []);
});

test("most decisions counts every conditional target", () => {
  assert.equal(mostDecisions(scenario), 2);
});
