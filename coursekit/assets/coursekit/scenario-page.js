// Mounts every scenario on a static book page: the same scenario.js as in Jupyter, with a
// small model whose state lives in localStorage (store.js). No kernel; the scenario's data is
// the book's own file beside the page (mount.js), which discussion mode reads too.
import player from "./scenario.js";
import { eachMount } from "./mount.js";
import { scenarioKey, screenKey, store, storageWarning } from "./store.js";
import { element } from "./text.js";

const bookRoot = document.documentElement.dataset.content_root ?? "";

// The anywidget model contract, backed by a plain object and the browser's storage.
function pageModel(scenario) {
  const key = scenarioKey(scenario.id);
  const state = { scenario, book_root: bookRoot, path: store.read(key, {})?.path ?? [],
    screen: store.read(screenKey(scenario.id), null) };
  const handlers = new Map();
  const emit = (name) => (handlers.get(name) ?? []).forEach((fn) => fn(model, state[name.slice(7)]));
  store.onChange((changed) => {
    if (changed !== key) return;
    state.path = store.read(key, {})?.path ?? [];
    emit("change:path");
  });
  const model = {
    get: (name) => state[name],
    set(name, value) {
      state[name] = value;
      // the screen the learner is on is kept at once (not journal work: never exported)
      if (name === "screen" && value) store.write(screenKey(scenario.id), value);
      else if (name === "screen") store.remove(screenKey(scenario.id));
      emit(`change:${name}`);
    },
    save_changes() {
      store.write(key, { path: state.path, title: scenario.title, module: scenario.module, updated: new Date().toISOString() });
    },
    on(name, fn) {
      handlers.set(name, [...(handlers.get(name) ?? []), fn]);
    },
    off(name, fn) {
      handlers.set(name, (handlers.get(name) ?? []).filter((f) => f !== fn));
    },
  };
  return model;
}

// The directive wrote the start view into .ck-stage (no layout shift); the player replaces it
// once the data has loaded.
eachMount("data-coursekit-scenario", "scenario", ({ scenario }, el) => {
  let stage = el.querySelector(".ck-stage");
  if (!stage) el.append((stage = document.createElement("div")));
  player.render({ model: pageModel(scenario), el: stage });
  const warn = () => { if (!store.ok && !el.querySelector(".ck-warning")) el.prepend(storageWarning()); };
  warn();
  store.onChange(warn);
});

// By keyboard, from one scenario to the next without Tabbing through this one: a skip link
// first in each scenario but the last (shown when it has focus), which moves focus to the
// next scenario's own skip link, or to its first button. Made at once, from the start views
// the page holds (their titles), not from the data files.
const mounts = [...document.querySelectorAll("[data-coursekit-scenario]")];
mounts.forEach((el, i) => {
  const next = mounts[i + 1];
  if (!next) return;
  next.id ||= `ck-at-${next.getAttribute("data-coursekit-scenario")}`;
  const title = next.querySelector(".ck-title")?.textContent.trim() ?? "";
  const link = element("a", { class: "ck-skip-next", href: `#${next.id}`,
    text: title ? `Skip to the next scenario: ${title}` : "Skip to the next scenario" });
  link.addEventListener("click", (event) => {
    const target = next.querySelector(".ck-skip-next") ?? next.querySelector(".ck-controls button");
    if (!target) return;
    event.preventDefault();
    target.focus();
    next.scrollIntoView({ block: "start" });
  });
  el.prepend(link);
});
