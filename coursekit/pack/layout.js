// Lays the facilitator pack's sheets out on printed sides (cards.py writes the sheets; Debian's
// chromium runs this while loading the page, then prints it). Each section of a sheet starts a
// new side; a block that does not fit moves to the next side, and a block taller than a side
// is split between its parts. A sheet with an odd number of sides gets a blank back, so every
// sheet is a front and a back and the backs line up when printed double-sided. Then each side
// gets its label ("Coming back · card 3 of 9 · part 2 of 2 · back"), each "turn the card"
// says where the next section is, and the cover counts each scenario's sheets. Text is only
// moved or set through textContent.
(() => {
  const sheets = document.getElementById("sheets");
  if (!sheets) return;
  const large = document.body.classList.contains("large");
  const smallest = large ? 0.9 : 0.85; // the least a side's type may shrink, as a fraction
  const out = document.createElement("div");
  out.id = "sides";
  sheets.after(out);
  const LONGEST_LABEL = " · part 99 of 99 · front";
  const TURN = { over: "Then turn the card over.", on: "Then take the next sheet of this card, part 99." };

  const content = (side) => [...side.children].filter((c) => !c.matches(".label, .title"));
  const overflows = (side) => side.scrollHeight > side.clientHeight + 1;

  function newSide(sheet, title, continued) {
    const side = document.createElement("section");
    side.className = `side ${sheet.classList[1] ?? ""}`;
    const label = document.createElement("p");
    label.className = "label";
    label.textContent = sheet.dataset.label + LONGEST_LABEL;
    const head = document.createElement("h2");
    head.className = "title";
    head.textContent = continued ? `${title} (continued)` : title;
    side.append(label, head);
    out.append(side);
    return side;
  }

  // How much of a side its content takes, from 0 to 1.
  function filled(side) {
    const last = side.lastElementChild;
    return (last.offsetTop + last.offsetHeight) / side.clientHeight;
  }

  function shrink(side, trying = false) {
    for (let scale = 0.97; overflows(side) && scale >= smallest - 1e-9; scale -= 0.03) side.style.fontSize = `${scale}em`;
    if (overflows(side) && !trying) {
      side.classList.add("overflow"); // printed taller than a page: the build's check names it
      console.error(`does not fit one side: ${side.querySelector(".label").textContent}`);
    }
  }

  // Splits `el`, on a side that runs over, so that what stays fits: returns a copy of `el`
  // holding the rest (null when nothing could move). No heading is left at the foot of a side.
  const HEAD = "h3, h4, .if";
  function split(el, side) {
    const rest = el.cloneNode(false);
    while (overflows(side) && el.children.length) {
      const last = el.lastElementChild;
      const before = [...el.children].slice(0, -1);
      if (before.every((c) => c.matches(HEAD))) {
        // only headings would stay: split inside the last part instead, if it has parts
        const inner = last.children.length ? split(last, side) : null;
        if (inner) rest.prepend(inner);
        break;
      }
      rest.prepend(last);
    }
    while (el.children.length > 1 && el.lastElementChild.matches(HEAD)) rest.prepend(el.lastElementChild);
    return rest.childNodes.length ? rest : null;
  }

  // Puts `block` on the current side of `state`, moving to new sides as needed: a block that
  // does not fit under others starts the next side; one taller than a side is split.
  function place(block, state) {
    const used = filled(state.side);
    state.side.append(block);
    if (!overflows(state.side)) return;
    if (state.side.scrollHeight - state.side.clientHeight < 0.12 * state.side.clientHeight) {
      const was = state.side.style.fontSize; // what the blocks already here needed
      shrink(state.side, true); // a little over: slightly smaller type keeps it on this side
      if (!overflows(state.side)) return;
      state.side.style.fontSize = was;
    }
    if (content(state.side).length > 1 && used > 0.6) {
      block.remove();
      const heading = content(state.side).length > 1 && state.side.lastElementChild.matches(HEAD) ? state.side.lastElementChild : null;
      state.side = newSide(state.sheet, state.title, true);
      state.sides.push(state.side);
      state.side.append(...(heading ? [heading, block] : [block])); // a heading goes with what it heads
      if (!overflows(state.side)) return;
    }
    const others = content(state.side).length > 1;
    const rest = split(block, state.side);
    if (rest && others && [...block.children].every((c) => c.matches(HEAD))) {
      rest.prepend(...block.childNodes); // only its heading would stay: all of it moves on
      block.remove();
    }
    if (overflows(state.side)) shrink(state.side);
    if (!rest) return;
    state.side = newSide(state.sheet, state.title, true);
    state.sides.push(state.side);
    place(rest, state);
  }

  // A label stays on one line: long ones get smaller type.
  function fitLabel(label) {
    for (let scale = 0.95; label.scrollWidth > label.clientWidth && scale > 0.5; scale -= 0.05) label.style.fontSize = `${0.72 * scale}em`;
  }

  const counts = new Map();
  for (const sheet of [...sheets.querySelectorAll(":scope > .sheet")]) {
    const title = sheet.querySelector(":scope > .title")?.textContent ?? "";
    const state = { sheet, title, sides: [], side: null };
    const starts = [];
    for (const [i, section] of [...sheet.querySelectorAll(":scope > .section")].entries()) {
      for (const how of section.querySelectorAll(".turn .how")) how.dataset.section = String(i);
      state.title = section.dataset.title || title;
      state.side = newSide(sheet, state.title, i > 0 && !section.dataset.title);
      state.sides.push(state.side);
      starts.push(state.sides.length - 1);
      for (const block of [...section.children]) place(block, state);
    }
    if (state.sides.length % 2) {
      const blank = newSide(sheet, title, true);
      blank.querySelector(".title").textContent = "This side is left blank.";
      state.sides.push(blank);
    }
    const parts = state.sides.length / 2;
    state.sides.forEach((side, k) => {
      const part = parts > 1 ? ` · part ${Math.floor(k / 2) + 1} of ${parts}` : "";
      const label = side.querySelector(".label");
      label.textContent = `${sheet.dataset.label}${part} · ${k % 2 ? "back" : "front"}`;
      fitLabel(label);
      for (const how of side.querySelectorAll(".turn .how")) {
        const next = starts[Number(how.dataset.section) + 1];
        how.textContent = next === k + 1 && k % 2 === 0 ? TURN.over : TURN.on.replace("99", String(Math.floor(next / 2) + 1));
      }
    });
    if (sheet.dataset.count) counts.set(sheet.dataset.count, (counts.get(sheet.dataset.count) ?? 0) + parts);
  }
  // Last, nothing may be cut off at a side's foot: a side still too full prints taller than a
  // page, and the build's check of the PDF names it.
  for (const side of out.children) if (overflows(side) && !side.classList.contains("overflow")) shrink(side);
  for (const span of out.querySelectorAll("[data-sheets-of]")) span.textContent = String(counts.get(span.dataset.sheetsOf) ?? 0);
  sheets.remove();
  document.body.dataset.sides = String(out.children.length);
})();
