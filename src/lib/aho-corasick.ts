// Many words found in one pass over a text (Aho–Corasick, 1975): the automaton is built once
// from the words, then a text of n characters is read in O(n + matches) steps however many
// words there are. No backtracking, so no input can make it slow (docs/decisions/0033).

/** A word's end at `end` (exclusive, in the searched string's units); `id` is the word's. */
export interface WordHit {
  id: number;
  start: number;
  end: number;
}

interface Node {
  next: Map<number, number>; // by code point
  fail: number;
  // Words ending here, including (through `dict`) those ending at the fail chain's nodes.
  words: { id: number; length: number }[];
  dict: number; // the nearest node down the fail chain with words, or -1
}

export class WordAutomaton {
  private readonly nodes: Node[] = [{ next: new Map(), fail: 0, words: [], dict: -1 }];
  // Which characters start a word, as bits over the BMP: at the root (where a text spends most
  // of its characters) a miss costs one array read instead of a map lookup.
  private readonly starts = new Uint32Array(2048);

  constructor(words: readonly { id: number; text: string }[]) {
    for (const { id, text } of words) {
      const chars = [...text].map((c) => c.codePointAt(0)!);
      if (chars.length === 0) continue;
      let at = 0;
      if (chars[0]! <= 0xffff) this.starts[chars[0]! >>> 5]! |= 1 << (chars[0]! & 31);
      else this.starts.fill(0xffffffff); // an astral first character: no shortcut at all
      for (const c of chars) {
        let to = this.nodes[at]!.next.get(c);
        if (to === undefined) {
          to = this.nodes.push({ next: new Map(), fail: 0, words: [], dict: -1 }) - 1;
          this.nodes[at]!.next.set(c, to);
        }
        at = to;
      }
      this.nodes[at]!.words.push({ id, length: chars.length });
    }
    // Breadth first: a node's fail link is the longest proper suffix that is also a prefix.
    const queue: number[] = [];
    for (const child of this.nodes[0]!.next.values()) queue.push(child);
    for (let head = 0; head < queue.length; head++) {
      const at = queue[head]!;
      const node = this.nodes[at]!;
      for (const [c, child] of node.next) {
        let fail = node.fail;
        while (fail !== 0 && !this.nodes[fail]!.next.has(c)) fail = this.nodes[fail]!.fail;
        const target = this.nodes[fail]!.next.get(c);
        const childNode = this.nodes[child]!;
        childNode.fail = target !== undefined && target !== child ? target : 0;
        const failNode = this.nodes[childNode.fail]!;
        childNode.dict = failNode.words.length > 0 ? childNode.fail : failNode.dict;
        queue.push(child);
      }
    }
  }

  get size(): number {
    return this.nodes.length;
  }

  /**
   * Every occurrence of every word in the first `length` of `chars` (code points), in order of their
   * ends; `limit` bounds how many are collected (a text of one word repeated 100,000 times
   * needs only the first few to be judged).
   */
  find(chars: ArrayLike<number>, length = chars.length, limit = Infinity): WordHit[] {
    const hits: WordHit[] = [];
    let at = 0;
    const starts = this.starts;
    for (let i = 0; i < length; i++) {
      const c = chars[i]!;
      if (at === 0 && c <= 0xffff && (starts[c >>> 5]! & (1 << (c & 31))) === 0) continue;
      let to = this.nodes[at]!.next.get(c);
      while (to === undefined && at !== 0) {
        at = this.nodes[at]!.fail;
        to = this.nodes[at]!.next.get(c);
      }
      at = to ?? 0;
      for (let n = this.nodes[at]!.words.length > 0 ? at : this.nodes[at]!.dict; n !== -1; n = this.nodes[n]!.dict) {
        for (const word of this.nodes[n]!.words) {
          hits.push({ id: word.id, start: i + 1 - word.length, end: i + 1 });
          if (hits.length >= limit) return hits;
        }
      }
    }
    return hits;
  }
}
