// Pure journal and calendar logic, in node (no page, no storage):
//   node --experimental-detect-module --test tests/js/
import test from "node:test";
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { canonical, cleanRatings, journalFile, planImport, readJournalFile } from "../../coursekit/assets/coursekit/journal-format.js";
import { journalMarkdown, mdText } from "../../coursekit/assets/coursekit/journal-markdown.js";
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
  const { content: v1 } = await readJournalFile("v1.json", sealed({ reflections: { "m1-a": entry("old", "2025-01-01T00:00:00Z") }, scenarios: {} }, 1));
  assert.equal(v1.reflections["m1-a"].text, "old");
  assert.deepEqual(Object.keys(v1.plans), []);
  await assert.rejects(readJournalFile("v1p.json", sealed({ plans: {} }, 1)), /v1p\.json: content\.plans: is not part of a journal/);
  const content = { plans: { module1: { what: "x", where: "", who: "", by: "", updated: "2026-01-01T00:00:00Z" } } };
  const { content: back, left, changed } = await readJournalFile("rt.json", await journalFile("T", content));
  assert.deepEqual([left, changed], [[], false]);
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

const sealed = (content) => JSON.stringify({ format: "coursekit-journal", version: 2, content,
  sha256: createHash("sha256").update(canonical(content)).digest("hex") });

test("an entry the file dates in the future replaces nothing without asking", () => {
  const now = Date.parse("2026-03-01T12:00:00Z");
  const here = { "a-1": entry("mine", "2026-03-01T11:00:00Z") };
  const file = { reflections: { "a-1": entry("file", "2099-01-01T00:00:00Z"), "a-2": entry("new", "2099-01-01T00:00:00Z"),
    "a-3": entry("clock ahead", "2026-03-01T12:05:00Z") } };
  const { take, newerHere } = planImport(file, (kind, id) => here[id] ?? null, now);
  assert.deepEqual(newerHere.map((i) => [i.id, i.future]), [["a-1", true]]);
  assert.deepEqual(take.map((i) => [i.id, i.future]), [["a-2", true], ["a-3", false]]);
});

test("a backup with a damaged entry restores the others and names the one left out", async () => {
  const good = { reflections: { "m1-a": entry("kept", "2026-01-01T00:00:00Z"), "m1-b": entry(42, "2026-01-01T00:00:00Z") },
    plans: { module1: { what: "x", where: "", who: "", by: "", updated: "not a date" } },
    confidence: { "module1-before": { ratings: { "s-1": 3 }, updated: "2026-01-01T00:00:00Z" } } };
  const read = await readJournalFile("backup.json", sealed(good));
  assert.deepEqual(Object.keys(read.content.reflections), ["m1-a"]);
  assert.deepEqual(Object.keys(read.content.confidence), ["module1-before"]);
  assert.deepEqual(read.left, ['content.reflections["m1-b"].text: must be text', 'content.plans["module1"].updated: must be a date and time']);
  assert.equal(read.changed, false);
  // Edited by hand after download: the checksum no longer fits, the entries that fit are offered.
  const edited = JSON.parse(sealed(good));
  edited.content.reflections["m1-a"].text = "edited";
  const again = await readJournalFile("edited.json", JSON.stringify(edited));
  assert.equal(again.changed, true);
  assert.equal(again.content.reflections["m1-a"].text, "edited");
  // Nothing left to restore: refused as a whole, with the first reason.
  await assert.rejects(readJournalFile("bad.json", sealed({ reflections: { "m1-b": entry(42, "2026-01-01T00:00:00Z") } })),
    /bad\.json: content\.reflections\["m1-b"\]\.text: must be text\. Nothing was imported\./);
});

test("ratings edited by hand out of range count as not rated", () => {
  assert.deepEqual(cleanRatings({ "s-1": 3, "s-2": 50, "s-3": "4", "s-4": 0, "S 5": 2, "s-6": 2.5, "s-7": null, "s-8": -1 }), { "s-1": 3 });
  assert.deepEqual(cleanRatings("5"), {});
  assert.deepEqual(cleanRatings(null), {});
});

test("learner and imported text reaches the Markdown as text, never markup", () => {
  assert.equal(mdText("<img src=x onerror=alert(1)>"), "\\<img src=x onerror=alert(1)\\>");
  assert.equal(mdText("# not a heading\n1. not a list\n- nor this\n> nor a quote"),
    "\\# not a heading\n1\\. not a list\n\\- nor this\n\\> nor a quote");
  assert.equal(mdText("a\\b *c* [d](e) `f` &amp; | $x$"), "a\\\\b \\*c\\* \\[d\\](e) \\`f\\` \\&amp; \\| \\$x\\$");
  const course = { title: "T", arc: {}, modules: [{ module: 1, title: "M", scenarios: [], prompts: [
    { id: "m1-a", title: "P", prompt: "Q", words: [1, 500], criteria: [{ criterion: "C" }] }] }] };
  const content = { reflections: { "m1-a": entry("<script>alert(1)</script>", "2026-01-01T00:00:00Z") },
    feedback: { "m1-a": { text: "**bold** <b>x</b>", from: "<img src=x onerror=alert(1)>", updated: "2026-01-01T00:00:00Z" } } };
  const md = journalMarkdown(course, content);
  assert.match(md, /\\<script\\>alert\(1\)\\<\/script\\>/);
  assert.match(md, /Feedback from \\<img src=x onerror=alert\(1\)\\>:/);
  assert.match(md, /\\\*\\\*bold\\\*\\\* \\<b\\>x\\<\/b\\>/);
  assert.doesNotMatch(md, /(^|[^\\])<(img|script|b)\b/);
});
