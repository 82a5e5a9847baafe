// Beside every scenario on a book page (and every scenario in the facilitator notes): a
// "Discuss with a group" button that opens the projector view (discussion.js); on the
// learner's pages also "Share my path" and the choice to skip the scenario (optout.js).
// The data is the scenario's own file, the one its player loads (mount.js); nothing is sent.
import { eachMount } from "./mount.js";
import { element } from "./text.js";
import { scenarioKey, store } from "./store.js";
import { openDiscussion } from "./discussion.js";
import { sharedPath, sharerOf, skipControl } from "./optout.js";
import { download } from "./download.js";

function shareControls(scenario) {
  const words = element("input", { type: "checkbox", id: `ck-share-words-${scenario.id}` });
  const share = element("button", { type: "button", class: "ck-button ck-discuss", text: "Share my path" });
  share.addEventListener("click", () => {
    const path = store.read(scenarioKey(scenario.id), {})?.path ?? [];
    download(`${scenario.id}-my-path.json`, JSON.stringify(sharedPath(scenario.id, path, words.checked, sharerOf(store)), null, 1),
      "application/json");
  });
  return element("span", { class: "ck-share" }, share,
    element("label", { for: words.id }, words, document.createTextNode(" include what I wrote")));
}

eachMount("data-coursekit-discussion", "discussion", (data, el) => {
  const { scenario, notes } = data;
  const open = element("button", { type: "button", class: "ck-button ck-discuss",
    text: "Discuss with a group", "aria-label": `Discuss with a group: ${scenario.title} (projector view)` });
  open.addEventListener("click", () => {
    const dialog = openDiscussion(data, store);
    dialog.addEventListener("close", () => open.focus());
  });
  const tools = element("div", { class: "ck-facilitator-tools" }, open);
  // Right after the player (not in the facilitator notes): share and skip.
  if (el.previousElementSibling?.matches("[data-coursekit-scenario]")) {
    tools.append(shareControls(scenario),
      skipControl(store, "scenario", scenario.id, notes?.alternative ?? "Read the scenario's debrief questions and write a short answer to one of them."));
  }
  el.before(tools);
});
