// @ts-check
// Counts user-perceived characters (grapheme clusters): a Korean syllable, an emoji with
// modifiers, a flag and a "\r\n" line break are one each. The server imports this very file
// (src/lib/graphemes.ts), so the browser counter and the server's limits can never disagree.
const segmenter = new Intl.Segmenter("ko", { granularity: "grapheme" });

/**
 * @param {string} text
 * @returns {number}
 */
export function countGraphemes(text) {
  let count = 0;
  for (const _ of segmenter.segment(text)) count++;
  return count;
}
