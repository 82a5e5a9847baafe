// Mounts every reflection box on a static book page (see reflection.js). When the browser
// will not keep the work (storage disabled or full), one warning says so above the first box,
// with a button that downloads this page's answers as Markdown.
import { renderReflection } from "./reflection.js";
import { download } from "./download.js";
import { journalMarkdown } from "./journal-markdown.js";
import { eachMount } from "./mount.js";
import { collect, store, storageWarning } from "./store.js";

const mounted = eachMount("data-coursekit-reflection", "answer box", (prompt, el) => renderReflection({ prompt, el }));
const prompts = mounted.map((m) => m.data);
const mounts = mounted.map((m) => m.el);

// This page's prompts as a small course, so the journal's Markdown can be made from them.
function pageCourse() {
  const modules = [...new Set(prompts.map((p) => p.module))].map((module) => ({
    module, title: `Module ${module}`, prompts: prompts.filter((p) => p.module === module), scenarios: [],
  }));
  return { title: document.title, modules };
}

function warn() {
  if (store.ok || !prompts.length || document.querySelector(".ck-reflection-warning")) return;
  const button = document.createElement("button");
  button.type = "button";
  button.className = "ck-button";
  button.textContent = "Download this page's answers (Markdown)";
  button.addEventListener("click", () =>
    download(`my-answers-${new Date().toISOString().slice(0, 10)}.md`, journalMarkdown(pageCourse(), collect()), "text/markdown"));
  const box = document.createElement("div");
  box.className = "ck-reflection-warning";
  box.append(storageWarning(), button);
  const first = mounts[0].closest("section") ?? mounts[0];
  first.before(box);
}

warn();
store.onChange(warn);
