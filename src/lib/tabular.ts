// Reading the tables Korean exchanges and data vendors publish: a CSV, or the ".xls" that is
// really an HTML <table> (KRX's 상장법인목록 download), in UTF-8 or CP949/EUC-KR. Decoding uses
// iconv-lite and the tables use csv-parse and htmlparser2: each is a job with many corner
// cases (a byte-order mark, quoted commas and line breaks, entities, unclosed tags) that a
// well-kept library does better than a hand-written loop (docs/decisions/0019).
import iconv from "iconv-lite";
import { parse as parseCsv } from "csv-parse/sync";
import { Parser } from "htmlparser2";
import { OperatorError } from "./operator-error.ts";

export type Encoding = "utf-8" | "cp949";

/** A file that cannot be read as a table at all (a command prints it as one line). */
export class TableError extends OperatorError {}

/**
 * The text of a file. A UTF-8 byte-order mark or bytes that are valid UTF-8 mean UTF-8; an
 * HTML file's own <meta charset> is believed next; anything else is CP949 (a superset of
 * EUC-KR), the encoding of Korean exports. `encoding` overrides all of this.
 */
export function decodeText(bytes: Buffer, encoding?: Encoding): { text: string; encoding: Encoding } {
  const chosen = encoding ?? detectEncoding(bytes);
  const text = chosen === "utf-8" ? new TextDecoder("utf-8").decode(bytes) : iconv.decode(bytes, "cp949");
  return { text: text.replace(/^\uFEFF/, ""), encoding: chosen };
}

function detectEncoding(bytes: Buffer): Encoding {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return "utf-8";
  try {
    new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    return "utf-8";
  } catch {
    const head = bytes.subarray(0, 2048).toString("latin1");
    const declared = /<meta[^>]+charset\s*=\s*["']?\s*([\w-]+)/i.exec(head)?.[1]?.toLowerCase();
    if (declared === "utf-8" || declared === "utf8") throw new TableError("파일이 UTF-8이라고 밝히지만 UTF-8로 읽을 수 없는 바이트가 있습니다.");
    return "cp949";
  }
}

export interface TableRow {
  line: number; // where the row is in the file (1-based), for reports
  cells: string[];
}

/** The rows of a CSV or HTML table, each cell trimmed; empty rows are left out. */
export function readTable(text: string): TableRow[] {
  return /<table[\s>]/i.test(text) ? readHtmlTable(text) : readCsv(text);
}

/** How every CSV is read, whole (here) or streamed (src/cli/table-stream.ts). */
export const CSV_OPTIONS = { relax_column_count: true, skip_empty_lines: true, trim: true, info: true } as const;

/** csv-parse's refusal (an unclosed quote, a broken row) as one line for the operator. */
export function csvError(error: unknown): TableError {
  const line = (error as { lines?: number }).lines;
  return new TableError(`CSV를 읽을 수 없습니다${line ? ` (${line}번째 줄)` : ""}: 따옴표가 닫히지 않았거나 형식이 깨졌습니다.`);
}

function readCsv(text: string): TableRow[] {
  try {
    const records = parseCsv(text, CSV_OPTIONS) as unknown as { record: string[]; info: { lines: number } }[];
    return records.map((r) => ({ line: r.info.lines, cells: r.record }));
  } catch (error) {
    throw csvError(error);
  }
}

function readHtmlTable(text: string): TableRow[] {
  // Line starts, to turn the parser's character offsets into line numbers.
  const lineStarts = [0];
  for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) lineStarts.push(i + 1);
  const lineAt = (offset: number) => {
    let lo = 0;
    let hi = lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (lineStarts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  };
  const rows: TableRow[] = [];
  let row: TableRow | null = null;
  let cell: string | null = null;
  const endCell = () => {
    if (row && cell !== null) row.cells.push(cell.replace(/\s+/g, " ").trim());
    cell = null;
  };
  const endRow = () => {
    endCell();
    if (row && row.cells.some((c) => c !== "")) rows.push(row);
    row = null;
  };
  const parser = new Parser(
    {
      onopentag(name) {
        if (name === "tr") {
          endRow();
          row = { line: lineAt(parser.startIndex), cells: [] };
        } else if (name === "td" || name === "th") {
          endCell();
          if (row) cell = "";
        } else if (name === "br" && cell !== null) cell += " ";
      },
      ontext(data) {
        if (cell !== null) cell += data;
      },
      onclosetag(name) {
        if (name === "td" || name === "th") endCell();
        else if (name === "tr" || name === "table") endRow();
      },
    },
    { decodeEntities: true, lowerCaseTags: true },
  );
  parser.end(text);
  endRow();
  return rows;
}

/** The index of the first header cell named one of `names` (spaces ignored), or -1. */
export function columnOf(header: string[], names: readonly string[]): number {
  const wanted = names.map((n) => n.replace(/\s+/g, "").toLowerCase());
  return header.findIndex((h) => wanted.includes(h.replace(/\s+/g, "").toLowerCase()));
}
