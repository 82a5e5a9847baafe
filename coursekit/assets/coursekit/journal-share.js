// Sharing with an instructor, by consent: the learner ticks the answers to share and downloads
// a submission file for one module; the instructor's feedback comes back as a file the journal
// imports. Both files carry a SHA-256 damage check like the journal:
//   { format: "coursekit-submission", version: 1, course, module: "module1", student, exported,
//     sha256, content: { reflections: { <prompt id>: { text, checks, title, updated } } } }
//   { format: "coursekit-feedback", version: 1, course, module, student, exported, sha256,
//     content: { feedback: { <prompt id>: { text, from, updated } } } }
// sha256 is over canonical(content). Nothing is sent anywhere: the learner hands the file over.
import { sha256 } from "./sha256.js";
import { element } from "./scenario.js";
import { download, today } from "./download.js";
import { canonical, checkEntries, failer, isObject, parseJSON } from "./journal-format.js";
import { answerIn } from "./journal-markdown.js";
import { STUDENT_KEY, store } from "./store.js";

export const SUBMISSION = "coursekit-submission";
export const FEEDBACK = "coursekit-feedback";
const STUDENT = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

export async function submissionFile(course, module, student, answers) {
  const content = { reflections: answers };
  return JSON.stringify({ format: SUBMISSION, version: 1, course: course.title, module, student,
    exported: new Date().toISOString(), sha256: await sha256(canonical(content)), content }, null, 2);
}

export function renderShare({ course, say }) {
  const student = element("input", { type: "text", id: "ck-share-student", autocomplete: "off", spellcheck: "false",
    "aria-describedby": "ck-share-student-help" });
  // Kept in this browser as it is typed, like every other box on these pages.
  const kept = store.read(STUDENT_KEY, "");
  student.value = typeof kept === "string" ? kept.slice(0, 64) : "";
  student.addEventListener("input", () => {
    if (student.value.trim()) store.write(STUDENT_KEY, student.value.slice(0, 64));
    else store.remove(STUDENT_KEY);
  });
  const groups = element("div", { class: "ck-share-modules" });
  const el = element("section", { class: "ck-share", "aria-labelledby": "ck-share-title" },
    element("h2", { id: "ck-share-title", text: "Share answers with your instructor" }),
    element("p", { class: "ck-guide", text: "Only if your instructor asks for it. Tick the answers you choose to share, then download a " +
      "submission file for that module and hand it over yourself. Nothing is shared that you do not tick, and nothing is sent from this page." }),
    element("label", { for: student.id, text: "Your name or student id, as your instructor knows you" }), student,
    element("p", { class: "ck-guide", id: "ck-share-student-help", text: "Letters, digits, dots, dashes and underscores; up to 64." }),
    groups);

  async function downloadFor(module, boxes, content) {
    const who = student.value.trim();
    if (!STUDENT.test(who)) {
      say("Submission: your name or student id: use letters, digits, dots, dashes or underscores (up to 64), then download again.", true);
      return student.focus();
    }
    const answers = {};
    for (const box of boxes.filter((b) => b.checked)) {
      const a = content.reflections[box.value];
      answers[box.value] = { text: a.text, checks: answerIn(content, box.value).checks, title: a.title ?? box.value, updated: a.updated };
    }
    if (!Object.keys(answers).length) return say("Submission: tick at least one answer to share.", true);
    const id = `module${module.module}`;
    download(`${who}-${id}-submission-${today()}.json`, await submissionFile(course, id, who, answers), "application/json");
    say(`Downloaded a submission of ${Object.keys(answers).length} answer${Object.keys(answers).length === 1 ? "" : "s"} for ${module.title}.`);
  }

  function draw(content) {
    groups.replaceChildren(...course.modules.map((module) => {
      const written = module.prompts.filter((p) => answerIn(content, p.id).text.trim());
      if (!written.length) return "";
      const boxes = written.map((p) => element("input", { type: "checkbox", value: p.id, id: `ck-share-${p.id}` }));
      return element("fieldset", { class: "ck-share-module", "data-module": module.module },
        element("legend", { text: module.title }),
        element("ul", { class: "ck-checks" }, ...written.map((p, i) => element("li", {}, boxes[i], element("label", { for: boxes[i].id, text: p.title })))),
        element("button", { type: "button", class: "ck-button", text: `Download a submission for ${module.title}`,
          onclick: () => downloadFor(module, boxes, content) }));
    }));
  }

  const isFeedback = (text) => {
    try { return JSON.parse(text)?.format === FEEDBACK; } catch { return false; }
  };

  async function readFeedback(name, text) {
    const fail = failer(name);
    const data = parseJSON(text, fail);
    if (data.version !== 1) fail("version", `is ${String(JSON.stringify(data.version)).slice(0, 20)}; this page reads version 1`);
    if (!isObject(data.content)) fail("content", "is missing");
    if (typeof data.sha256 !== "string" || await sha256(canonical(data.content)) !== data.sha256.toLowerCase()) {
      fail("sha256", "does not match the content: the file was changed after it was made, or is damaged");
    }
    const known = new Set(course.modules.flatMap((m) => m.prompts.map((p) => p.id)));
    const checked = checkEntries(data.content, ["feedback"], fail);
    for (const id of Object.keys(checked.feedback)) if (!known.has(id)) fail(`content.feedback["${id}"]`, "is not a prompt of this course");
    return checked;
  }

  return { el, draw, isFeedback, readFeedback };
}
