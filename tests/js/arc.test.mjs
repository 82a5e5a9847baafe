// Pure journal and calendar logic, in node (no page, no storage):
//   node --experimental-detect-module --test tests/js/
import test from "node:test";
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { canonical, journalFile, planImport, readJournalFile } from "../../coursekit/assets/coursekit/journal-format.js";
import { calendar, escapeText, fold } from "../../coursekit/assets/coursekit/ics.js";

const entry = (text, updated) => ({ text, checks: [], updated });

test("an import asks before replacing an answer from the same time or later", () => {
  const here = { "a-1": entry("mine", "2026-01-02T00:00:00Z"), "a-2": entry("mine", "2026-01-02T00:00:00Z") };
  const read = (kind, id) => here[id] ?? null;
  const file = { reflections: { "a-1": entry("file", "2026-01-02T00:00:00Z"), "a-2": entry("file", "2026-01-03T00:00:00Z"),
    "a-3": entry("new", "2026-01-01T00:00:00Z") } };
  const { take, newerHere } = planImport(file, read);
  assert.deepEqual(take.map((i) => i.id), ["a-2", "a-3"]);
  assert.deepEqual(newerHere.map((i) => i.id), ["a-1"]);
});

test("prototype keys are refused, version 1 files still read, and files round-trip", async () => {
  const sealed = (content, version = 2) => JSON.stringify({ format: "coursekit-journal", version, content,
    sha256: createHash("sha256").update(canonical(content)).digest("hex") });
  await assert.rejects(readJournalFile("p.json", sealed({ reflections: JSON.parse('{"__proto__": {"text": "x"}}') })),
    /p\.json: content\.reflections\["__proto__"\]: is a name/);
  await assert.rejects(readJournalFile("c.json", sealed({ plans: { constructor: {} } })), /c\.json: content\.plans\["constructor"\]/);
  const v1 = await readJournalFile("v1.json", sealed({ reflections: { "m1-a": entry("old", "2025-01-01T00:00:00Z") }, scenarios: {} }, 1));
  assert.equal(v1.reflections["m1-a"].text, "old");
  assert.deepEqual(Object.keys(v1.plans), []);
  await assert.rejects(readJournalFile("v1p.json", sealed({ plans: {} }, 1)), /v1p\.json: content\.plans: is not part of a journal/);
  const content = { plans: { module1: { what: "x", where: "", who: "", by: "", updated: "2026-01-01T00:00:00Z" } } };
  const back = await readJournalFile("rt.json", await journalFile("T", content));
  assert.equal(back.plans.module1.what, "x");
});

test("calendar lines are escaped, folded at 75 octets and end in CRLF", () => {
  assert.equal(escapeText("a,b;c\\d\ne"), "a\\,b\\;c\\\\d\\ne");
  const long = `DESCRIPTION:${"é".repeat(100)}`;
  const folded = fold(long).split("\r\n");
  assert.ok(folded.every((l) => new TextEncoder().encode(l).length <= 75));
  assert.equal(folded.map((l, i) => (i ? l.slice(1) : l)).join(""), long);
  const text = calendar([{ day: new Date(2026, 0, 31), summary: "S", description: "D", url: "http://127.0.0.1/x" }],
    { now: new Date(Date.UTC(2026, 0, 1, 9, 30)), random: (a) => a.fill(7) });
  assert.ok(text.endsWith("\r\n") && !text.replace(/\r\n/g, "").includes("\n"));
  assert.match(text, /\r\nDTSTART;VALUE=DATE:20260131\r\nDTEND;VALUE=DATE:20260201\r\n/);
  assert.match(text, /\r\nDTSTAMP:20260101T093000Z\r\n/);
  assert.match(text, /\r\nUID:0707070707070707070707070707070[7]@coursekit\.invalid\r\n/);
});
