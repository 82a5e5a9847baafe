// A question asked in the page's native <dialog> (showModal: focus stays inside, the page
// behind is inert, Escape cancels). Resolves to the value of the button chosen, or "cancel".
import { element } from "./scenario.js";

export function ask(question, details, choices) {
  const opener = document.activeElement;
  const title = element("p", { class: "ck-dialog-title", id: "ck-ask-title", tabindex: "-1", text: question });
  const list = details.length ? element("ul", {}, ...details.map((d) => element("li", { text: d }))) : null;
  const dialog = element("dialog", { class: "ck-dialog", "aria-labelledby": title.id });
  return new Promise((resolve) => {
    let done = false;
    const finish = (value) => {
      if (done) return;
      done = true;
      if (dialog.open) dialog.close();
      dialog.remove();
      if (opener?.isConnected) opener.focus();
      resolve(value);
    };
    dialog.append(title, list ?? "", element("div", { class: "ck-controls" }, ...choices.map(([v, label, cls]) =>
      element("button", { type: "button", class: cls ?? "ck-button", text: label, onclick: () => finish(v) }))));
    dialog.addEventListener("keydown", (event) => { // Escape answers at once (the close event comes later)
      if (event.key === "Escape") { event.preventDefault(); finish("cancel"); }
    });
    dialog.addEventListener("cancel", (event) => { event.preventDefault(); finish("cancel"); });
    dialog.addEventListener("close", () => finish("cancel"));
    (opener?.closest?.(".ck-journal-app, .ck-arc") ?? document.body).append(dialog);
    dialog.showModal();
    title.focus();
  });
}
