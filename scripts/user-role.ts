// `npm run user:role -- <loginId> operator|member`: grants or removes the operator role
// (운영자). There is no default operator account: the first one is made here, by whoever runs
// the server.
import { parseCommand, runCommand } from "../src/cli/command.ts";
import { loadEnv } from "../src/config/env.ts";
import { openCtx } from "../src/context.ts";
import { driverFor } from "../src/db/driver.ts";
import { systemClock } from "../src/lib/clock.ts";
import { OperatorError } from "../src/lib/operator-error.ts";
import { ROLES, type Role } from "../src/modules/moderation/moderation.rules.ts";
import { setRole } from "../src/modules/moderation/roles.service.ts";

const { positionals } = parseCommand({
  name: "npm run user:role --",
  usage: "<loginId> operator|member",
  summary: "Grants the operator role (운영자) to a member, or takes it back.",
  positionals: true,
  notes: ["Operators see /admin/reports and act on reports; their actions are public at /moderation."],
});

await runCommand("user:role", async () => {
  const [loginId, role, ...rest] = positionals;
  if (!loginId || !role || rest.length > 0) throw new OperatorError("usage: npm run user:role -- <loginId> operator|member");
  if (!(ROLES as readonly string[]).includes(role)) throw new OperatorError(`the role must be operator or member, not "${role}"`);
  const env = loadEnv();
  // The same migrations `npm start` applies: on a fresh clone the database may not exist yet.
  await driverFor(env.DATABASE_URL).migrate(env.SQLITE_BUSY_TIMEOUT_MS);
  const ctx = await openCtx(env, systemClock);
  try {
    const changed = await setRole(ctx, loginId, role as Role);
    if (!changed) throw new OperatorError(`no member with the login id "${loginId}"`);
    console.log(
      changed.previous === role
        ? `${loginId} (${changed.nickname}) is already ${role}`
        : `${loginId} (${changed.nickname}): ${changed.previous} → ${role}`,
    );
  } finally {
    await ctx.db.$disconnect();
  }
});
