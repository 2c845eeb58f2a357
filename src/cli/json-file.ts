// A JSON file named on a command line (disclosures:import), read as a stream of the items of
// its `list` arrays (src/lib/json-items.ts): memory for one chunk and one item, whatever the size.
import fs from "node:fs";
import { JsonItems, JsonShapeError } from "../lib/json-items.ts";
import { OperatorError } from "../lib/operator-error.ts";
import { unreadable } from "./table-file.ts";

export type JsonEvent = { kind: "item"; value: unknown; index: number; line: number } | { kind: "field"; name: string; value: unknown; response: number };

/** The events of `file`, in order; a file that is not such JSON is an OperatorError naming its line. */
export async function* jsonItemsOf(file: string): AsyncGenerator<JsonEvent> {
  let stream: fs.ReadStream;
  try {
    fs.accessSync(file, fs.constants.R_OK);
    stream = fs.createReadStream(file, { encoding: "utf8", highWaterMark: 256 * 1024 });
  } catch (error) {
    throw unreadable(file, error);
  }
  let ready: JsonEvent[] = [];
  const scanner = new JsonItems({
    item: (value, index, line) => ready.push({ kind: "item", value, index, line }),
    field: (name, value, response) => ready.push({ kind: "field", name, value, response }),
  });
  try {
    let first = true;
    for await (const chunk of stream as AsyncIterable<string>) {
      scanner.push(first ? chunk.replace(/^\uFEFF/, "") : chunk);
      first = false;
      yield* ready;
      ready = [];
    }
    scanner.end();
    yield* ready;
  } catch (error) {
    if (error instanceof JsonShapeError) throw new OperatorError(`${file}:${error.line}: JSON을 읽을 수 없습니다: ${error.message} 아무것도 들여오지 않았습니다.`);
    throw error;
  } finally {
    stream.destroy();
  }
}
