// A table file read as a stream (alerts:import): the rows of a CSV of any size, in UTF-8 or
// CP949, with memory bounded by csv-parse's buffer, not by the file. The encoding is found by
// one pass over the bytes first (a stray byte late in a file decides it as well as an early one).
import fs from "node:fs";
import iconv from "iconv-lite";
import { parse } from "csv-parse";
import { csvError, CSV_OPTIONS, TableError, type Encoding, type TableRow } from "../lib/tabular.ts";
import { unreadable } from "./table-file.ts";

function opened(file: string): fs.ReadStream {
  try {
    fs.accessSync(file, fs.constants.R_OK);
  } catch (error) {
    throw unreadable(file, error);
  }
  return fs.createReadStream(file, { highWaterMark: 256 * 1024 });
}

/** `encoding` as typed on the command line (checked), else UTF-8 when every byte reads as UTF-8, else CP949. */
export async function fileEncoding(file: string, encoding: string | undefined): Promise<Encoding> {
  if (encoding !== undefined) {
    if (encoding !== "utf-8" && encoding !== "cp949") throw new TableError(`--encoding ${encoding}: utf-8이나 cp949여야 합니다`);
    return encoding;
  }
  const decoder = new TextDecoder("utf-8", { fatal: true });
  try {
    for await (const chunk of opened(file)) decoder.decode(chunk as Buffer, { stream: true });
    decoder.decode();
    return "utf-8";
  } catch (error) {
    if (error instanceof TableError) throw error;
    return "cp949";
  }
}

/** The rows of a CSV file, each cell trimmed, empty rows left out; a broken quote is a TableError naming its line. */
export async function* csvRows(file: string, encoding: Encoding): AsyncGenerator<TableRow> {
  const parser = opened(file)
    .pipe(iconv.decodeStream(encoding === "utf-8" ? "utf8" : "cp949"))
    .pipe(parse({ ...CSV_OPTIONS, bom: true }));
  try {
    for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
      yield { line: info.lines, cells: record };
    }
  } catch (error) {
    throw error instanceof TableError ? error : csvError(error);
  }
}
