// A table file named on a command line (boards:import, quotes:import): the file read here, its
// text decoded and parsed by src/lib/tabular.ts, which stays free of I/O for the rules that use it.
import fs from "node:fs";
import { decodeText, readTable, TableError, type Encoding, type TableRow } from "../lib/tabular.ts";

/** A file a command could not open, as one line: `test/x.csv: 읽을 수 없습니다 (ENOENT)`. */
export function unreadable(file: string, error: unknown): TableError {
  return new TableError(`${file}: 읽을 수 없습니다 (${(error as NodeJS.ErrnoException).code ?? "error"})`);
}

/**
 * A file named on a command line, read as a table: `encoding` is the command's --encoding as
 * typed (checked here), the file's own otherwise. Refusals are one line for the operator.
 */
export function readTableFile(file: string, encoding: string | undefined): { rows: TableRow[]; encoding: Encoding } {
  if (encoding !== undefined && encoding !== "utf-8" && encoding !== "cp949") throw new TableError(`--encoding ${encoding}: utf-8이나 cp949여야 합니다`);
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(file);
  } catch (error) {
    throw unreadable(file, error);
  }
  const decoded = decodeText(bytes, encoding);
  return { rows: readTable(decoded.text), encoding: decoded.encoding };
}
