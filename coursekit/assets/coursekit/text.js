// The player's small DOM kit: every piece of text goes in through textContent, so content
// files and stored progress can never inject HTML. Shared with the book's reflection and
// journal modules. The same text rules as coursekit/textformat.py (the page's start view).

/**
 * Builds an element; text only ever goes in through textContent.
 * @param {string} tag
 * @param {Record<string, any>} attrs  class, text, on<event> handlers, other attributes
 * @param {...(Node | string | null | undefined | false)} children  falsy ones are left out
 * @returns {HTMLElement}
 */
export const element = (tag, attrs = {}, ...children) => {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (key === "class") node.className = value;
    else if (key === "text") node.textContent = value;
    else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value);
  }
  for (const child of children) if (child) node.append(child);
  return node;
};

/**
 * Paragraphs from blank lines, <em> from *asterisks*; every piece is a text node.
 * @param {unknown} text
 * @param {string} tag
 * @returns {DocumentFragment}
 */
export function formatText(text, tag = "p") {
  const frag = document.createDocumentFragment();
  for (const para of String(text ?? "").split(/\n\s*\n/)) {
    const clean = para.replace(/\s*\n\s*/g, " ").trim();
    if (!clean) continue;
    const p = element(tag);
    clean.split(/(\*[^*\n]+\*)/).forEach((part, i) => {
      if (i % 2 === 1) p.append(element("em", { text: part.slice(1, -1) }));
      else if (part) p.append(document.createTextNode(part));
    });
    frag.append(p);
  }
  return frag;
}

/**
 * @param {string} text
 * @param {(event: MouseEvent) => void} onclick
 * @param {string} cls
 */
export const button = (text, onclick, cls = "ck-button") => element("button", { type: "button", class: cls, text, onclick });

/**
 * "<strong>Label: </strong>text" as one element.
 * @param {string} tag
 * @param {string} cls
 * @param {string} label
 * @param {string} text
 */
export const labelled = (tag, cls, label, text) =>
  element(tag, { class: cls }, element("strong", { text: `${label}: ` }), document.createTextNode(text));
