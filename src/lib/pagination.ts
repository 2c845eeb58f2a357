// Page links in blocks of ten with 이전/다음, as the portal board shows them:
// pages 1-10, then 다음 leads to 11; 이전 from 11-20 leads to 10.
export const PAGE_BLOCK = 10;

export interface PageBlock {
  pages: number[];
  current: number;
  prev: number | null; // the last page of the previous block
  next: number | null; // the first page of the next block
  total: number; // the last page (처음/끝 links)
}

export function pageBlock(current: number, totalPages: number, blockSize = PAGE_BLOCK): PageBlock {
  const total = Math.max(1, totalPages);
  const page = Math.min(Math.max(1, current), total);
  const first = Math.floor((page - 1) / blockSize) * blockSize + 1;
  const last = Math.min(first + blockSize - 1, total);
  const pages: number[] = [];
  for (let p = first; p <= last; p++) pages.push(p);
  return {
    pages,
    current: page,
    prev: first > 1 ? first - 1 : null,
    next: last < total ? last + 1 : null,
    total,
  };
}

export function totalPages(rows: number, perPage: number): number {
  return Math.max(1, Math.ceil(rows / perPage));
}
