// Roles: members and operators (운영자). Granted and removed only by `npm run user:role`; the
// operator guard asks the database on every /admin request, so a removal takes effect at once.
import type { Ctx } from "../../context.ts";
import { Prisma } from "../../generated/prisma/client.ts";
import { num, type SqlInt } from "../../db/raw.ts";
import { setRole as setRoleOf, userByLoginId } from "../accounts/users.queries.ts";
import type { Role } from "./moderation.rules.ts";

export async function isOperator(ctx: Ctx, userId: number | undefined): Promise<boolean> {
  if (userId === undefined) return false;
  const [row] = await ctx.sql.read<{ role: string }[]>(Prisma.sql`SELECT "role" FROM "User" WHERE "id" = ${userId}`);
  return row?.role === "operator";
}

/** Which of these members are operators (one query), for pages that list members kept elsewhere. */
export async function operatorsAmong(ctx: Ctx, userIds: number[]): Promise<Set<number>> {
  if (userIds.length === 0) return new Set();
  const rows = await ctx.sql.read<{ id: SqlInt }[]>(
    Prisma.sql`SELECT "id" FROM "User" WHERE "role" = 'operator' AND "id" IN (${Prisma.join(userIds)})`,
  );
  return new Set(rows.map((r) => num(r.id)));
}

/** Sets a member's role; null if there is no such login id. */
export async function setRole(ctx: Ctx, loginId: string, role: Role) {
  const user = await userByLoginId(ctx, loginId);
  if (!user) return null;
  if (user.role !== role) await setRoleOf(ctx, user.id, role);
  return { nickname: user.nickname, previous: user.role, role };
}
