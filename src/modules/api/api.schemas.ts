// The JSON API's inputs and outputs as zod schemas: the handlers parse their queries with
// them, and the OpenAPI document (openapi.routes.ts) is generated from them, so the two cannot drift.
// Tests validate real responses against the generated document (test/http/api.test.ts).
import { z } from "zod";

export const MAX_LIMIT = 50;
export const DEFAULT_LIMIT = 20;

/** Named schemas become components of the OpenAPI document. */
export const registry = z.registry<{ id: string; description?: string }>();
const named = <T extends z.ZodType>(schema: T, id: string, description?: string): T => {
  registry.add(schema, { id, description });
  return schema;
};

// Query values arrive as text: a whole number is digits only ("1e3", "-1", "1.5" are 400).
const wholeNumber = (description: string, max: number) =>
  z
    .string()
    .regex(/^[1-9][0-9]{0,9}$/, "1 이상의 정수여야 합니다.")
    .transform(Number)
    .refine((n) => n <= max, `${max} 이하여야 합니다.`)
    .meta({ description });

export const limitParam = z
  .string()
  .regex(/^[1-9][0-9]{0,9}$/, "1 이상의 정수여야 합니다.")
  .transform(Number)
  .refine((n) => n <= MAX_LIMIT, `${MAX_LIMIT} 이하여야 합니다.`)
  .optional()
  .meta({ description: `How many items (1–${MAX_LIMIT}, default ${DEFAULT_LIMIT}).` });

export const boardsQuery = z.strictObject({
  q: z.string().max(30, "30자 이내로 입력해 주세요.").optional().meta({ description: "A code prefix, part of a name, initial consonants (ㅅㅅㅈㅈ) or mixed input (삼성ㅈ), as in the board search." }),
  page: wholeNumber("The page (1-based).", 1_000_000).optional(),
  limit: limitParam,
});

export const postsQuery = z.strictObject({
  before: wholeNumber("Only posts with a number below this (the `next` link carries it).", 2_147_483_647).optional(),
  limit: limitParam,
});

export const postQuery = z.strictObject({
  commentsAfter: wholeNumber("Only comments with an id above this (the `nextComments` link carries it).", 2_147_483_647).optional(),
  limit: limitParam,
});

export const noQuery = z.strictObject({});

const when = z.iso.datetime().meta({ description: "UTC, ISO 8601" });
const count = z.int().min(0);

export const Author = named(z.object({ id: z.int(), nickname: z.string(), operator: z.boolean() }), "Author");

export const Board = named(
  z.object({
    code: z.string().regex(/^[0-9]{6}$/),
    name: z.string(),
    market: z.string(),
    delisted: z.boolean().meta({ description: "상장폐지: the board is read-only." }),
    posts: count.meta({ description: "Post numbers handed out (deleted posts included)." }),
    url: z.string(),
  }),
  "Board",
);

export const BoardList = named(z.object({ boards: z.array(Board), page: z.int(), limit: z.int(), total: count }), "BoardList");

const Blinded = z.object({ number: z.int(), blinded: z.literal(true) }).meta({ description: "Blinded by the jury: nothing of it is public." });
const Hidden = z.object({ number: z.int(), hidden: z.literal(true) }).meta({ description: "Hidden by an operator." });

// What a list shows of a post the public can read (a post's own answer adds its text).
const ShownPost = z.object({
  number: z.int(),
  title: z.string(),
  author: Author,
  createdAt: when,
  views: count,
  up: count,
  down: count,
  comments: count,
  url: z.string(),
});

export const PostSummary = named(z.union([ShownPost, Blinded, Hidden]), "PostSummary");

export const PostList = named(
  z.object({ board: Board, posts: z.array(PostSummary), next: z.string().nullable().meta({ description: "The next (older) page, or null at the first post." }) }),
  "PostList",
);

export const Comment = named(
  z.union([
    z.object({
      id: z.int(),
      replyTo: z.int().nullable(),
      author: Author,
      body: z.string(),
      folded: z.boolean().meta({ description: "클린봇 folds it for readers (욕설·비하): show it behind a notice." }),
      createdAt: when,
    }),
    z.object({ id: z.int(), deleted: z.literal(true) }),
    z.object({ id: z.int(), hidden: z.literal(true) }),
  ]),
  "Comment",
);

export const PostDetail = named(
  z.object({
    board: Board,
    post: z.union([
      ShownPost.extend({
        body: z.string(),
        folded: z.boolean().meta({ description: "클린봇 folds its text for readers (욕설·비하): show it behind a notice." }),
        editedAt: when.nullable(),
      }),
      Blinded,
      Hidden,
      z.object({ number: z.int(), deleted: z.literal(true) }),
    ]),
    comments: z.array(Comment).meta({ description: "Oldest first; empty for a post that is not shown." }),
    nextComments: z.string().nullable(),
  }),
  "PostDetail",
);

export const Jury = named(
  z.object({
    board: Board,
    month: z.string().meta({ description: "The KST month the panel serves, YYYY-MM." }),
    panel: z.array(z.object({ rank: z.int(), member: z.object({ id: z.int(), nickname: z.string() }), score: count, posts: count, comments: count, upsReceived: count })),
    blindings: z.array(z.object({ number: z.int(), opinions: count, up: count, down: count, at: when })).meta({ description: "The newest 20 blindings." }),
    appeals: z.array(
      z.object({
        number: z.int(),
        restoreVotes: count,
        upholdVotes: count,
        result: z.enum(["restored", "upheld"]).nullable(),
        filedAt: when,
        decidedAt: when.nullable(),
      }),
    ),
  }),
  "Jury",
);

export const Profile = named(
  z.object({
    id: z.int(),
    nickname: z.string(),
    operator: z.boolean(),
    joinedAt: when,
    posts: count,
    comments: count,
    juror: z.array(z.object({ month: z.string(), board: z.string(), rank: z.int() })),
    url: z.string(),
  }),
  "Profile",
);

export const ApiError = named(
  z.object({
    error: z.object({
      code: z.enum(["validation", "not_found", "rate_limited", "bad_request", "busy", "server_error"]).meta({ description: "Stable: programs branch on it." }),
      message: z.string().meta({ description: "Korean, for people." }),
      messageEn: z.string().meta({ description: "The same in English." }),
      fields: z.record(z.string(), z.string()).optional().meta({ description: "For validation: the problem of each query parameter." }),
      requestId: z.string().optional(),
    }),
  }),
  "Error",
);
