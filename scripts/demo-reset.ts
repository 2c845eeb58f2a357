// The first step of `npm run demo`: reads the demo's options (an unknown one is refused
// before anything happens) and removes the previous demo database — unless a running board
// still has it open, which it refuses (a second demo would otherwise delete the first's
// database under it).
import path from "node:path";
import { parseCommand, runCommand } from "../src/cli/command.ts";
import { removeDatabase } from "../src/db/backup.ts";

export const DEMO_DATABASE = "prisma/demo.db";

parseCommand({
  name: "npm run demo",
  summary: `운영배심원 데모 보드를 새 데이터베이스(${DEMO_DATABASE}, 실행할 때마다 새로 만듭니다)에 만들고 띄웁니다: 게시판 999999, 데모 배심원 계정, 내릴 스팸 글. 내 데이터베이스(DATABASE_URL)는 건드리지 않습니다.`,
  notes: ["주소: http://localhost:3000 (PORT로 바꿀 수 있습니다). 이미 실행 중인 데모가 있으면 그 데모를 먼저 멈춰 주세요."],
});

await runCommand("demo", async () => {
  removeDatabase(path.resolve(DEMO_DATABASE), "npm run demo 를 실행해 주세요.");
});
