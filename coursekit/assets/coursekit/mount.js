// Finds the mount points a directive wrote into a book page and hands each one its data:
// the JSON in the mount's <script type="application/json">, or, for the large data kept out
// of the page (scenarios, the journal), the data file the mount names in data-ck-src.
// Damaged or missing data is reported in place of the widget, never left as a blank.

const loading = new Map();

// A data file is a classic script that files its data in globalThis.coursekitData under its
// name (coursekit/mount.py, data_file_text). It is loaded with a <script> element because
// that works on file:// pages too (the offline copy), where fetch() cannot read a file. Each
// file is loaded once per page, however many mounts name it.
export function loadData(src) {
  if (!loading.has(src)) {
    const name = src.split("/").pop().replace(/\.js(\?.*)?$/, "");
    loading.set(src, new Promise((resolve, reject) => {
      const script = document.createElement("script");
      script.src = src;
      script.addEventListener("load", () => {
        const data = globalThis.coursekitData?.[name];
        if (data === undefined) reject(new Error(`${src} holds no data`));
        else resolve(data);
      });
      script.addEventListener("error", () => reject(new Error(`${src} could not be loaded`)));
      document.head.append(script);
    }));
  }
  return loading.get(src);
}

function damaged(el, what, where) {
  el.textContent = `This ${what} could not be loaded: ${where}. Rebuild the book.`;
}

// Calls render(data, el) for each mount with the attribute. Mounts with their data in the page
// are rendered at once, and returned; those with a data file once it has loaded.
export function eachMount(attribute, what, render) {
  const rendered = [];
  for (const el of document.querySelectorAll(`[${attribute}]`)) {
    const src = el.getAttribute("data-ck-src");
    if (src) {
      loadData(src).then((data) => render(data, el),
        () => damaged(el, what, `its data file ${src} is missing or damaged`));
      continue;
    }
    let data;
    try {
      data = JSON.parse(el.querySelector('script[type="application/json"]').textContent);
    } catch {
      damaged(el, what, "its data on the page is damaged");
      continue;
    }
    render(data, el);
    rendered.push({ data, el });
  }
  return rendered;
}
