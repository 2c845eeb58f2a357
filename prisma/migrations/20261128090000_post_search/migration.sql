-- Full-text index for the board search (docs/decisions/0010-search.md). Not modelled in
-- schema.prisma: Prisma has no notion of virtual tables. Rows are keyed by Post.id and hold
-- the tokens made by src/modules/search/search.rules.ts; only live, visible posts are kept.
-- Contentless: the tokens are not stored twice, only the index.
CREATE VIRTUAL TABLE "PostSearch" USING fts5(
    title,
    body,
    content = '',
    contentless_delete = 1,
    tokenize = 'unicode61 remove_diacritics 0'
);
