// The items of JSON responses read a piece at a time (disclosures:import): a file of one or
// more objects, one after another, each with an array under `list` (DART's OpenAPI answers,
// saved page by page). Each item and each other field is handed on as soon as it is whole, so
// a 100 MB file needs memory for one item, not for the file. Only the structure is scanned
// here; each item's own text is parsed by JSON.parse, so strings and numbers mean what JSON says.

/** The file is not JSON of that shape; `line` is where reading stopped. */
export class JsonShapeError extends Error {
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(message);
  }
}

export interface JsonItemsHandlers {
  /** An element of a `list` array: its parsed value, its place (0-based, over the whole file) and the line it starts on. */
  item(value: unknown, index: number, line: number): void;
  /** Another field of a top-level object (`response` counts the objects from 1). */
  field(name: string, value: unknown, response: number): void;
}

const VALUE_MAX = 64 * 1024; // characters of one item or field: a filing is a few hundred

type Mode = "top" | "key" | "colon" | "value" | "afterValue" | "itemOrEnd" | "afterItem";

export class JsonItems {
  #mode: Mode = "top";
  #line = 1;
  #responses = 0;
  #items = 0;
  #key: string | null = null;
  // A value being collected: its text so far, nesting, string state, where it began.
  #raw: string | null = null;
  #rawIsItem = false;
  #depth = 0;
  #inString = false;
  #escaped = false;
  #rawLine = 1;
  #keyText: string | null = null; // a key being read (keys are short strings)
  #keyEscaped = false;
  #afterComma = false; // a ',' was read: a field or an item must follow (no trailing commas)

  constructor(private readonly on: JsonItemsHandlers) {}

  push(chunk: string): void {
    for (let i = 0; i < chunk.length; i++) {
      const c = chunk[i]!;
      if (this.#raw !== null) {
        i = this.#collect(chunk, i);
        continue;
      }
      if (this.#keyText !== null) {
        this.#readKey(c);
        if (c === "\n") this.#line++;
        continue;
      }
      if (c === "\n") this.#line++;
      if (c === " " || c === "\t" || c === "\r" || c === "\n") continue;
      this.#structure(c);
    }
  }

  /** The end of the file: anything left open is an error. */
  end(): void {
    if (this.#raw !== null && !this.#rawIsItem && this.#depth === 0 && !this.#inString) this.#finishRaw();
    if (this.#mode !== "top" || this.#raw !== null || this.#keyText !== null) throw new JsonShapeError("JSON이 끝나지 않고 잘렸습니다.", this.#line);
    if (this.#responses === 0) throw new JsonShapeError("JSON 객체가 없는 빈 파일입니다.", this.#line);
  }

  #fail(what: string): never {
    throw new JsonShapeError(what, this.#line);
  }

  #structure(c: string): void {
    switch (this.#mode) {
      case "top":
        if (c !== "{") this.#fail(`JSON 객체({)가 있어야 할 곳에 '${c}'가 있습니다.`);
        this.#responses++;
        this.#mode = "key";
        return;
      case "key":
        if (c === "}" && !this.#afterComma) return void (this.#mode = "top");
        if (c !== '"') this.#fail(`필드 이름이 있어야 할 곳에 '${c}'가 있습니다.`);
        this.#afterComma = false;
        this.#keyText = '"';
        this.#keyEscaped = false;
        return;
      case "colon":
        if (c !== ":") this.#fail(`필드 이름 뒤에 ':'가 없습니다.`);
        this.#mode = "value";
        return;
      case "value":
        if (this.#key === "list") {
          if (c !== "[") this.#fail("list 필드는 배열이어야 합니다.");
          this.#mode = "itemOrEnd";
          return;
        }
        this.#startRaw(c, false);
        return;
      case "afterValue":
        if (c === ",") return void ((this.#mode = "key"), (this.#key = null), (this.#afterComma = true));
        if (c === "}") return void ((this.#mode = "top"), (this.#key = null));
        this.#fail(`필드 뒤에 ',' 나 '}'가 있어야 할 곳에 '${c}'가 있습니다.`);
        return;
      case "itemOrEnd":
        if (c === "]" && !this.#afterComma) return void (this.#mode = "afterValue");
        this.#afterComma = false;
        this.#startRaw(c, true);
        return;
      case "afterItem":
        if (c === ",") return void ((this.#mode = "itemOrEnd"), (this.#afterComma = true));
        if (c === "]") return void (this.#mode = "afterValue");
        this.#fail(`list의 항목 뒤에 ',' 나 ']'가 있어야 할 곳에 '${c}'가 있습니다.`);
    }
  }

  #readKey(c: string): void {
    this.#keyText += c;
    if (this.#keyText!.length > 256) this.#fail("필드 이름이 너무 깁니다.");
    if (this.#keyEscaped) return void (this.#keyEscaped = false);
    if (c === "\\") return void (this.#keyEscaped = true);
    if (c !== '"') return;
    try {
      this.#key = JSON.parse(this.#keyText!) as string;
    } catch {
      this.#fail("필드 이름을 읽을 수 없습니다.");
    }
    this.#keyText = null;
    this.#mode = "colon";
  }

  #startRaw(c: string, item: boolean): void {
    this.#raw = "";
    this.#rawIsItem = item;
    this.#depth = 0;
    this.#inString = false;
    this.#escaped = false;
    this.#rawLine = this.#line;
    if (item && c === "]") this.#fail("list의 ',' 뒤에 항목이 없습니다.");
    this.#collect(c, 0);
  }

  /** Collects a value's characters from `chunk[i]`; returns the index of the last one it took. */
  #collect(chunk: string, i: number): number {
    for (; i < chunk.length; i++) {
      const c = chunk[i]!;
      if (this.#inString) {
        this.#raw += c;
        if (c === "\n") this.#fail("문자열 안에서 줄이 바뀌었습니다 (따옴표가 닫히지 않았습니다).");
        if (this.#escaped) this.#escaped = false;
        else if (c === "\\") this.#escaped = true;
        else if (c === '"') {
          this.#inString = false;
          if (this.#depth === 0) return this.#done(i);
        }
      } else if (c === '"') {
        this.#raw += c;
        this.#inString = true;
      } else if (c === "{" || c === "[") {
        this.#raw += c;
        this.#depth++;
      } else if (c === "}" || c === "]") {
        if (this.#depth === 0) {
          // A scalar ended by its object's or array's close: that close is structure.
          this.#finishRaw();
          this.#structure(c);
          return i;
        }
        this.#raw += c;
        if (--this.#depth === 0) return this.#done(i);
      } else if (this.#depth === 0 && (c === "," || c === " " || c === "\t" || c === "\r" || c === "\n")) {
        this.#finishRaw();
        if (c === "\n") this.#line++;
        if (c === ",") this.#structure(c);
        return i;
      } else {
        if (c === "\n") this.#line++;
        this.#raw += c;
      }
      if (this.#raw!.length > VALUE_MAX) this.#fail(`${this.#rawIsItem ? `${this.#items + 1}번째 항목` : `${this.#key} 필드`}이 ${VALUE_MAX.toLocaleString("ko-KR")}자를 넘습니다.`);
    }
    return i;
  }

  #done(i: number): number {
    this.#finishRaw();
    return i;
  }

  #finishRaw(): void {
    const text = this.#raw!;
    const item = this.#rawIsItem;
    this.#raw = null;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      throw new JsonShapeError(item ? `${this.#items + 1}번째 항목을 JSON으로 읽을 수 없습니다.` : `${this.#key} 필드를 JSON으로 읽을 수 없습니다.`, this.#rawLine);
    }
    if (item) {
      this.on.item(value, this.#items++, this.#rawLine);
      this.#mode = "afterItem";
    } else {
      this.on.field(this.#key!, value, this.#responses);
      this.#mode = "afterValue";
    }
  }
}
