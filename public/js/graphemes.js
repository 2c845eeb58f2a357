// @ts-check
// Counts user-perceived characters (grapheme clusters): a Korean syllable, an emoji with
// modifiers, a flag and a "\r\n" line break are one each. The server imports this very file
// (src/lib/graphemes.ts), so the browser counter and the server's limits can never disagree.
const segmenter = new Intl.Segmenter("ko", { granularity: "grapheme" });

// V8's segment iterator costs O(length of the input) per step, so one pass over a long
// string is quadratic (24,000 emoji took 4 s). We segment a window at a time instead: every
// segment but the window's last is final (a boundary depends only on the characters around
// it, and the window starts on a boundary), and the next window starts where the last
// segment began. That keeps the count exact and the cost linear.
const WINDOW = 256;

/**
 * @param {string} text
 * @returns {number}
 */
export function countGraphemes(text) {
  let count = 0;
  let start = 0;
  let size = WINDOW;
  while (start < text.length) {
    let end = start + size;
    // Never cut a surrogate pair: the boundary before the window's last segment depends on
    // that segment's whole first code point.
    const last = text.charCodeAt(end - 1);
    if (last >= 0xd800 && last <= 0xdbff) end++;
    if (end >= text.length) {
      for (const _ of segmenter.segment(text.slice(start))) count++;
      break;
    }
    let segments = 0;
    let lastStart = 0;
    for (const { index } of segmenter.segment(text.slice(start, end))) {
      segments++;
      lastStart = index;
    }
    if (segments < 2) {
      size *= 2; // one cluster longer than the window: look further
      continue;
    }
    count += segments - 1;
    start += lastStart;
    size = WINDOW;
  }
  return count;
}
