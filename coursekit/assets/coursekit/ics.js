// Calendar reminders as an iCalendar file (RFC 5545), made in the browser: pure functions.
// Lines end in CRLF and are folded at 75 octets (never inside a UTF-8 character); text is
// escaped (backslash, semicolon, comma, newline); every event has a UID and a DTSTAMP.

/**
 * @param {unknown} text
 * @returns {string}
 */
export function escapeText(text) {
  return String(text).replace(/\\/g, "\\\\").replace(/;/g, "\\;").replace(/,/g, "\\,").replace(/\r?\n|\r/g, "\\n");
}

const encoder = new TextEncoder();

/**
 * One content line, folded: at most 75 octets per physical line, continuations start with a
 * space.
 * @param {string} line
 * @returns {string}
 */
export function fold(line) {
  const parts = [];
  let current = "";
  let octets = 0;
  for (const char of line) {
    const size = encoder.encode(char).length;
    const limit = parts.length ? 74 : 75; // a continuation line's leading space counts
    if (octets + size > limit) {
      parts.push(current);
      current = "";
      octets = 0;
    }
    current += char;
    octets += size;
  }
  parts.push(current);
  return parts.join("\r\n ");
}

/** @type {(n: number) => string} */
const pad = (n) => String(n).padStart(2, "0");
/** @type {(d: Date) => string} */
export const dateValue = (d) => `${d.getFullYear()}${pad(d.getMonth() + 1)}${pad(d.getDate())}`;
/** @type {(d: Date) => string} */
export const stamp = (d) => d.toISOString().replace(/[-:]/g, "").replace(/\.\d{3}/, "");

/**
 * @param {Date} date
 * @param {number} days
 * @returns {Date}
 */
export function addDays(date, days) {
  const d = new Date(date.getFullYear(), date.getMonth(), date.getDate());
  d.setDate(d.getDate() + days);
  return d;
}

/**
 * @typedef {(bytes: Uint8Array<ArrayBuffer>) => Uint8Array<ArrayBuffer>} Random  fills the bytes with random values
 * @typedef {{ day: Date, summary: string, description: string, url: string }} Reminder
 *   an all-day event
 */

/** @param {Random} random */
function uid(random) {
  const bytes = random(new Uint8Array(16));
  return `${[...bytes].map((b) => b.toString(16).padStart(2, "0")).join("")}@coursekit.invalid`;
}

/**
 * @param {Reminder[]} events
 * @param {{ now?: Date, random?: Random }} options  the clock and the randomness (tests pass
 *   their own)
 * @returns {string}
 */
export function calendar(events, { now = new Date(), random = (a) => crypto.getRandomValues(a) } = {}) {
  const lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//coursekit//learner action plan//EN", "CALSCALE:GREGORIAN", "METHOD:PUBLISH"];
  for (const e of events) {
    lines.push("BEGIN:VEVENT", `UID:${uid(random)}`, `DTSTAMP:${stamp(now)}`,
      `DTSTART;VALUE=DATE:${dateValue(e.day)}`, `DTEND;VALUE=DATE:${dateValue(addDays(e.day, 1))}`,
      `SUMMARY:${escapeText(e.summary)}`, `DESCRIPTION:${escapeText(e.description)}`, `URL:${e.url}`,
      "TRANSP:TRANSPARENT",
      "BEGIN:VALARM", "ACTION:DISPLAY", "TRIGGER;RELATED=START:PT9H", `DESCRIPTION:${escapeText(e.summary)}`, "END:VALARM",
      "END:VEVENT");
  }
  lines.push("END:VCALENDAR");
  return lines.map(fold).join("\r\n") + "\r\n";
}
