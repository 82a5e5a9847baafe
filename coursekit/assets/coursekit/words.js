// Word counts against a prompt's guidance: pure functions, shared by the reflection box and
// the journal.

/**
 * Words are runs of non-space holding a letter or digit: a spaced dash or a lone "&" is not one.
 * @param {unknown} text
 * @returns {number}
 */
export function wordCount(text) {
  return (String(text ?? "").match(/\S+/g) ?? []).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;
}

/**
 * "312 words: within the guidance of 250–450" and the like; words outside show in words.
 * @param {unknown} text
 * @param {number[]} guidance  [min, max]
 * @returns {string}
 */
export function wordStatus(text, [min, max]) {
  const n = wordCount(text);
  const count = `${n} word${n === 1 ? "" : "s"}`;
  if (n === 0) return `${count}. Aim for ${min}–${max} words.`;
  if (n < min) return `${count}: ${min - n} more to reach the guidance of ${min}–${max}.`;
  if (n > max) return `${count}: ${n - max} over the guidance of ${min}–${max}.`;
  return `${count}: within the guidance of ${min}–${max}.`;
}
