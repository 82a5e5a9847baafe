// The room tally of discussion mode: counts cleaned, shares for the bars, and the exports
// (Markdown shows content as text; CSV never starts a cell with a formula).
import { test } from "node:test";
import assert from "node:assert/strict";
import { cleanCount, cleanTally, shares, roomTally, total } from "../../coursekit/assets/coursekit/tally.js";
import { tallyMarkdown, tallyCsv, mdText } from "../../coursekit/assets/coursekit/tally-export.js";

const scenario = {
  id: "s1", title: "A *test* <b>scenario</b>",
  nodes: [
    { id: "one", text: [{ when: [], text: "First | decision" }], choices: [{ text: "=cmd()" }, { text: 'Say "no", kindly' }], },
    { id: "two", text: [{ when: ["x"], text: "x text" }, { when: [], text: "plain" }], choices: [{ text: "A" }, { text: "B" }, { text: "C" }] },
  ],
  endings: [],
};
const notes = { key_point: "Key", usual_choice: "Usual", misconception: "Wrong", questions: ["Q1?", "Q2?", "Q3?"], alternative: "Alt" };

test("counts are whole numbers from 0 to 9999", () => {
  assert.equal(cleanCount("7"), 7);
  assert.equal(cleanCount("-3"), 0);
  assert.equal(cleanCount("abc"), 0);
  assert.equal(cleanCount("123456"), 9999);
});

test("a stored tally is checked against the scenario", () => {
  const t = cleanTally(scenario, { one: [3, "x", 9], gone: [1, 2], two: "bad" });
  assert.deepEqual(t, { one: [3, 0] });
  assert.deepEqual(cleanTally(scenario, null), {});
});

test("a session's tally: counts come in one way, clearing can be undone", () => {
  const tally = roomTally(scenario);
  const seen = [];
  tally.onChange((t) => seen.push(JSON.stringify(t)));
  assert.deepEqual(tally.counts("one"), [0, 0]);
  assert.ok(tally.count("one", 0, { add: 1 }));
  tally.count("one", 0, { add: 1 });
  tally.count("one", 1, { set: "4" });
  tally.count("one", 1, { add: -5 });
  assert.deepEqual(tally.counts("one"), [2, 0], "never below zero");
  assert.equal(tally.count("one", 1, { add: -1 }), false, "no change, no call");
  assert.equal(tally.count("one", 2, { add: 1 }), false, "no such option");
  assert.equal(tally.count("gone", 0, { add: 1 }), false, "no such decision");
  assert.equal(tally.count("one", 0, { set: "99999" }), true);
  assert.deepEqual(tally.counts("one"), [9999, 0]);
  assert.equal(seen.length, 5);
  tally.clear();
  assert.deepEqual(tally.all, {});
  assert.ok(tally.canUndo);
  tally.undo();
  assert.deepEqual(tally.all, { one: [9999, 0] });
  assert.equal(total(tally.all), 9999);
  assert.deepEqual(roomTally(scenario, { one: [1, 2], two: ["x"] }).all, { one: [1, 2], two: [0, 0, 0] });
});

test("shares give each bar its percent of the room", () => {
  assert.deepEqual(shares([3, 1]), [{ count: 3, percent: 75 }, { count: 1, percent: 25 }]);
  assert.deepEqual(shares([0, 0]), [{ count: 0, percent: 0 }, { count: 0, percent: 0 }]);
});

test("the Markdown export has counts, the room's path and the notes, with content escaped", () => {
  const md = tallyMarkdown(scenario, notes, { one: [5, 2] }, [{ node: "one", choice: 1 }], new Date("2026-01-02"));
  assert.match(md, /^# Room tally: A \\\*test\\\* \\<b\\>scenario\\<\/b\\>/);
  assert.match(md, /\| A \| =cmd\(\) \| 5 \|/);
  assert.match(md, /First \\\| decision/);
  assert.match(md, /The room went on with option B\./);
  assert.match(md, /1\. Q1\?\n2\. Q2\?\n3\. Q3\?/);
  assert.ok(!md.includes("## Decision: plain"), "untallied decisions the room never reached are left out");
  assert.equal(mdText("a_b"), "a\\_b");
});

test("the CSV export has one row per option and no formula", () => {
  const csv = tallyCsv(scenario, { one: [5, 2] });
  assert.equal(csv, 'scenario,decision,option,choice,count\r\ns1,one,A,\'=cmd(),5\r\ns1,one,B,"Say ""no"", kindly",2\r\n');
});
