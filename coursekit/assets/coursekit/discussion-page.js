// Beside every scenario on a book page (and every scenario in the facilitator notes): a
// "Discuss with a group" button that opens the projector view (discussion.js). The data
// comes from the page (a JSON script the facilitator extension wrote); nothing is fetched.
import { eachMount } from "./mount.js";
import { element } from "./text.js";
import { store } from "./store.js";
import { openDiscussion } from "./discussion.js";

eachMount("data-coursekit-discussion", "discussion", (data, el) => {
  const open = element("button", { type: "button", class: "ck-button ck-discuss",
    text: "Discuss with a group", "aria-label": `Discuss with a group: ${data.scenario.title} (projector view)` });
  open.addEventListener("click", () => {
    const dialog = openDiscussion(data, store);
    dialog.addEventListener("close", () => open.focus());
  });
  el.before(element("div", { class: "ck-facilitator-tools" }, open));
});
