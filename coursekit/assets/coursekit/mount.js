// Finds the mount points a directive wrote into a book page and hands each one its data
// (the JSON in the mount's <script type="application/json">). Damaged data is reported in
// place of the widget, never left as a blank.
export function eachMount(attribute, what, render) {
  const rendered = [];
  for (const el of document.querySelectorAll(`[${attribute}]`)) {
    let data;
    try {
      data = JSON.parse(el.querySelector('script[type="application/json"]').textContent);
    } catch {
      el.textContent = `This ${what} could not be loaded: its data on the page is damaged. Rebuild the book.`;
      continue;
    }
    render(data, el);
    rendered.push({ data, el });
  }
  return rendered;
}
