// `npm run integrity:scan`: runs the integrity scan now (housekeeping runs it hourly): rings of
// accounts that share a network or browser signal and vote together, and bursts of young
// accounts' votes on one post. Each new group becomes a case on /admin/integrity. Prints what
// it found and how long it took; never prints a signal.
import { parseCommand, runCommand } from "../src/cli/command.ts";
import { loadEnv } from "../src/config/env.ts";
import { openCtx } from "../src/context.ts";
import { systemClock } from "../src/lib/clock.ts";
import { scanIntegrity } from "../src/modules/integrity/scan.service.ts";

parseCommand({
  name: "npm run integrity:scan --",
  usage: "",
  summary: "Finds vote rings and bursts in the last 30 days and opens a case for each new group (/admin/integrity). Thresholds: INTEGRITY_* in .env.example.",
  options: {},
  optionHelp: {},
});

await runCommand("integrity:scan", async () => {
  const ctx = await openCtx(loadEnv(), systemClock);
  try {
    const r = await scanIntegrity(ctx);
    console.log(`integrity scan: ${r.opened} new case(s); ${r.rings} ring(s) and ${r.bursts} burst(s) found among ${r.sharedSignals} shared signal(s) and ${r.votesRead} vote(s), in ${r.ms} ms`);
    if (r.publicNetworks > 0) console.log(`  ${r.publicNetworks} signal(s) shared by more than 200 accounts were left out (public networks)`);
    if (r.opened > 0) console.log("  open cases: /admin/integrity");
  } finally {
    await ctx.db.$disconnect();
  }
});
