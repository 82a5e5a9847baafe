// Mounts the learner's arc on a book page: confidence ratings (and the before/after chart),
// the action plan, and the follow-up page (see arc.js and follow-up.js).
import { renderConfidence, renderPlan } from "./arc.js";
import { renderFollowUps } from "./follow-up.js";
import { eachMount } from "./mount.js";
import { store, storageWarning } from "./store.js";

const render = { confidence: renderConfidence, plan: renderPlan, followups: renderFollowUps };
const mounted = eachMount("data-coursekit-arc", "part of the page", (data, el) => render[data.kind]?.({ data, el }));

function warn() {
  if (store.ok || !mounted.length || document.querySelector(".ck-arc-warning")) return;
  const box = document.createElement("div");
  box.className = "ck-arc-warning";
  box.append(storageWarning());
  mounted[0].el.before(box);
}
warn();
store.onChange(warn);
