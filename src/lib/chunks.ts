// A long list in slices of at most `size`: one statement per slice, where a statement may bind
// only so many parameters (SQLite's limit; PostgreSQL's is larger but finite).
export function* chunks<T>(items: readonly T[], size: number): Generator<T[]> {
  for (let i = 0; i < items.length; i += size) yield items.slice(i, i + size);
}
