// The client types the code is written against (both generated clients satisfy them).
import type { PrismaClient } from "../generated/prisma/client.ts";

// What the code uses of a client, which both generated clients (SQLite's and PostgreSQL's)
// provide with the same types: every model's queries and raw SQL. (`aggregate` and `groupBy`
// are left out: their generated types differ between the two; raw SQL does their work.)
type Models = "user" | "board" | "post" | "comment" | "vote" | "commentVote" | "follow" | "block" | "postView" | "juryPanel" | "juryMember" | "juryOpinion" | "blindLog" | "loginEvent" | "session" | "report" | "moderationLog" | "postFingerprint" | "postFingerprintBand" | "notification" | "appeal" | "appealVote" | "quote" | "disclosure" | "marketAlert" | "stanceDay" | "clientSignal" | "integrityCase" | "integrityCaseMember" | "cleanbotRule" | "cleanbotEvent" | "twoStep" | "recoveryCode" | "accountToken" | "nicknameHold" | "retiredLoginId";
type Queries = "findUnique" | "findUniqueOrThrow" | "findFirst" | "findFirstOrThrow" | "findMany" | "create" | "createMany" | "update" | "updateMany" | "upsert" | "delete" | "deleteMany" | "count";

/** The client inside a transaction. */
export type Tx = { [M in Models]: Pick<PrismaClient[M], Queries> } & Pick<PrismaClient, "$queryRaw" | "$executeRaw" | "$queryRawUnsafe" | "$executeRawUnsafe">;

/** The process's client: a Tx that can also start transactions and disconnect. */
export interface Db extends Tx {
  $transaction<T>(body: (tx: Tx) => Promise<T>): Promise<T>;
  $disconnect(): Promise<void>;
}
