// A market's listing file for the benchmark: the five seeded companies and made-up ones up to
// `count`, with Korean, Latin and mixed names, as KRX's CSV download writes it (CP949).
import fs from "node:fs";
import iconv from "iconv-lite";
import { SEED_BOARDS } from "../src/modules/boards/seed.service.ts";

const FIRST = ["삼성", "현대", "엘지", "한화", "대한", "동양", "한국", "신세계", "롯데", "코리아", "에코", "하이", "우리", "제일", "세아", "효성", "카카오", "네오", "바이오", "케이"];
const SECOND = ["전자", "화학", "제약", "건설", "중공업", "에너지", "반도체", "바이오", "금융", "홀딩스", "테크", "소재", "로직스", "엔터", "시스템", "물산", "모빌리티", "푸드", "리츠", "네트웍스"];
const LATIN = ["SK", "LG", "KT", "CJ", "GS", "HD", "LS", "DB", "OCI", "BNK"];

export function writeListing(file: string, count: number): void {
  const lines = ["회사명,시장구분,종목코드"];
  for (const b of SEED_BOARDS) lines.push(`${b.stockName},${b.market},${b.stockCode}`);
  const seeded = new Set<string>(SEED_BOARDS.map((b) => b.stockCode));
  const names = new Set<string>(SEED_BOARDS.map((b) => b.stockName));
  for (let i = 0; lines.length <= count; i++) {
    const code = String(100_000 + i * 7).padStart(6, "0");
    if (seeded.has(code)) continue;
    const base = i % 7 === 0 ? `${LATIN[i % LATIN.length]}${SECOND[(i >> 2) % SECOND.length]}` : `${FIRST[i % FIRST.length]}${SECOND[Math.floor(i / FIRST.length) % SECOND.length]}`;
    let name = base;
    for (let n = 2; names.has(name); n++) name = `${base}${n}`;
    names.add(name);
    lines.push(`${name},${i % 3 === 0 ? "KOSDAQ" : "KOSPI"},${code}`);
  }
  fs.writeFileSync(file, iconv.encode(lines.join("\r\n") + "\r\n", "cp949"));
}
