// Before every reflection prompt on a book page: the choice to skip it for an alternative
// activity (optout.js). The journal counts a skipped prompt as done.
import { store } from "./store.js";
import { skipControl } from "./optout.js";

const ALTERNATIVE = "Choose another prompt from this module, or write a few lines on one idea from the reading "
  + "you want to think more about. You never need to write about your own experiences.";

for (const el of document.querySelectorAll("[data-coursekit-reflection]")) {
  el.before(skipControl(store, "prompt", el.dataset.coursekitReflection, ALTERNATIVE));
}
