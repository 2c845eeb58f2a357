// Writing what a stream yields a batch at a time (the imports of filings and designations): a
// batch is written before the next is read, so memory holds one batch whatever the file's size.

/** Hands `items` to `write` in batches of `size`, the last one shorter; nothing is written for no items. */
export async function inBatches<T>(items: AsyncIterable<T>, size: number, write: (batch: T[]) => Promise<void>): Promise<void> {
  let batch: T[] = [];
  for await (const item of items) {
    batch.push(item);
    if (batch.length < size) continue;
    await write(batch);
    batch = [];
  }
  if (batch.length > 0) await write(batch);
}

/** What a batch of an import did; added up over the batches into the command's report. */
export interface BatchCounts {
  added: number;
  updated: number;
  unchanged: number;
}

export function addCounts(total: BatchCounts, batch: BatchCounts): void {
  total.added += batch.added;
  total.updated += batch.updated;
  total.unchanged += batch.unchanged;
}
