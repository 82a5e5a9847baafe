// The room tally of discussion mode: counts cleaned, shares for the bars, and the exports
// (Markdown shows content as text; CSV never starts a cell with a formula).
import { test } from "node:test";
import assert from "node:assert/strict";
import { cleanCount, cleanTally, shares, tallyMarkdown, tallyCsv, mdText } from "../../coursekit/assets/coursekit/tally.js";

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
