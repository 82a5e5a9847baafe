// Mounts every scenario on a static book page: the same scenario.js as in Jupyter, with a
// small model whose state lives in localStorage (store.js). No kernel; the scenario's data is
// the book's own file beside the page (mount.js), which discussion mode reads too.
import player from "./scenario.js";
import { eachMount } from "./mount.js";
import { scenarioKey, store, storageWarning } from "./store.js";

const bookRoot = document.documentElement.dataset.content_root ?? "";

// The anywidget model contract, backed by a plain object and the browser's storage.
function pageModel(scenario) {
  const key = scenarioKey(scenario.id);
  const state = { scenario, book_root: bookRoot, path: store.read(key, {})?.path ?? [] };
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
