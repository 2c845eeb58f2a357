// `npm run user:role -- <loginId> operator|member`: grants or removes the operator role
// (운영자). There is no default operator account: the first one is made here, by whoever runs
// the server.
import { withJosa } from "../src/lib/particles.ts";
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
  summary: "회원에게 운영자 역할을 주거나 거둡니다.",
  positionals: true,
  notes: ["운영자는 /admin/reports에서 신고를 처리합니다. 운영 조치는 /moderation에 공개됩니다."],
});

await runCommand("user:role", async () => {
  const [loginId, role, ...rest] = positionals;
  if (!loginId || !role || rest.length > 0) throw new OperatorError("사용법: npm run user:role -- <loginId> operator|member");
  if (!(ROLES as readonly string[]).includes(role)) throw new OperatorError(`역할은 operator나 member여야 합니다: "${role}"`);
  const env = loadEnv();
  // The same migrations `npm start` applies: on a fresh clone the database may not exist yet.
  await driverFor(env.DATABASE_URL).migrate(env.SQLITE_BUSY_TIMEOUT_MS);
  const ctx = await openCtx(env, systemClock);
  try {
    const changed = await setRole(ctx, loginId, role as Role);
    if (!changed) throw new OperatorError(`아이디가 "${loginId}"인 회원이 없습니다`);
    console.log(
      changed.previous === role
        ? `${withJosa(`${loginId} (${changed.nickname})`, "은/는")} 이미 ${role}입니다`
        : `${loginId} (${changed.nickname}): ${changed.previous} → ${role}`,
    );
  } finally {
    await ctx.db.$disconnect();
  }
});
