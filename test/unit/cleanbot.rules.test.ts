// 클린봇's pure parts: reading text as people read it, the shape detectors, the word rules with
// their exceptions, and what an operator may not save (docs/decisions/0033).
import { describe, expect, it } from "vitest";
import { WordAutomaton } from "../../src/lib/aho-corasick.ts";
import { Filter, builtinRules, markedHtml, outcomeOf, refusalMessage, ruleProblem, type Rule } from "../../src/modules/cleanbot/cleanbot.rules.ts";
import { detectShapes } from "../../src/modules/cleanbot/detectors.rules.ts";
import { readNumber, readText, readWord, viewText } from "../../src/modules/cleanbot/reading.rules.ts";
import { ABUSE_CORE_WORDS, PACKAGE_ABUSE_WORDS, PROMISE_WORDS } from "../../src/modules/cleanbot/words.rules.ts";

const builtin = new Filter(builtinRules());
const found = (text: string, filter = builtin) => filter.screen(text).map((f) => `${f.category}:${text.slice(f.from, f.to)}`);

describe("WordAutomaton", () => {
  it("finds every occurrence of every word, overlapping ones too", () => {
    const a = new WordAutomaton([
      { id: 0, text: "he" },
      { id: 1, text: "she" },
      { id: 2, text: "hers" },
    ]);
    const chars = [..."ushers"].map((c) => c.codePointAt(0)!);
    expect(a.find(chars).map((h) => [h.id, h.start, h.end])).toEqual([
      [1, 1, 4],
      [0, 2, 4],
      [2, 2, 6],
    ]);
  });

  it("stops at the limit", () => {
    const a = new WordAutomaton([{ id: 0, text: "a" }]);
    expect(a.find(new Array(1000).fill(0x61), 1000, 7)).toHaveLength(7);
  });
});

describe("readText", () => {
  const letters = (s: string) => viewText(readText(s).letters);
  const folded = (s: string) => viewText(readText(s).folded);

  it("undoes full-width letters, look-alikes, spaces, dots, emoji and stuffed digits", () => {
    expect(letters("ｏｐｅｎ")).toBe("open");
    expect(letters("оpen")).toBe("open"); // Cyrillic о
    expect(letters("수 익.보💰장")).toBe("수익보장");
    expect(letters("시1발")).toBe("시발");
    expect(letters("시\u200b발")).toBe("시발"); // a zero-width space
  });

  it("composes jamo spelled out, and leaves initial consonants alone", () => {
    expect(letters("ㅅㅣㅂㅏㄹ")).toBe("시발");
    expect(letters("ㅂㅏㄹㅏ")).toBe("바라");
    expect(letters("ㅅㅂ")).toBe("ㅅㅂ");
    expect(letters("ㅗㅏ")).toBe("ㅗㅏ");
  });

  it("keeps a number as one # in the folded view, with its digits", () => {
    const text = "10배, 1,234원";
    expect(folded(text)).toBe("#배#원");
    const { folded: v } = readText(text);
    expect([readNumber(text, v.from[0]!, v.to[0]!), readNumber(text, v.from[2]!, v.to[2]!)]).toEqual(["10", "1234"]);
  });

  it("maps every character back to where it was typed", () => {
    const text = "ㅅㅣㅂㅏㄹ 좋다";
    const { letters: v } = readText(text);
    expect(text.slice(v.from[0], v.to[0])).toBe("ㅅㅣ");
    expect(v.gap[2]).toBe(1); // 좋: after a space
  });

  it("reads a rule's # as any number and its digits as themselves", () => {
    const w = readWord("100%환불");
    expect(String.fromCodePoint(...w.folded)).toBe("#환불");
    expect(w.numbers).toEqual(["100", "", ""]);
    expect(readWord("#배확정").numbers[0]).toBe("");
  });
});

describe("detectShapes", () => {
  const shapes = (text: string) => detectShapes(text, readText(text).letters).map((d) => `${d.kind}:${text.slice(d.from, d.to)}`);

  it("finds phone numbers however they are spelled", () => {
    for (const phone of ["010-1234-5678", "01012345678", "공일공 일이삼사 오육칠팔", "0l0 1234 5678", "o1o-1234-5678", "０１０－１２３４－５６７８", "010ㅡ1234ㅡ5678", "0 1 0 1 2 3 4 5 6 7 8", "02-123-4567"]) {
      expect(shapes(`연락 ${phone} 주세요`), phone).toEqual([`phone:${phone}`]);
    }
  });

  it("leaves dates, prices, volumes and short numbers alone", () => {
    for (const text of ["2024-01-01 ~ 2024-12-31", "거래량 12,345,678주", "010 사업부", "고객센터 1588-1234", "5678이에요", "3일 연속 상승", "공시번호 20261201000123"]) {
      expect(shapes(text), text).toEqual([]);
    }
  });

  it("finds 주민등록번호 and account numbers", () => {
    expect(shapes("900101-1234567")).toEqual(["rrn:900101-1234567"]);
    expect(shapes("신한 110-123-456789")).toEqual(["account:110-123-456789"]);
    expect(shapes("국민은행 123456-01-123456")).toEqual(["account:123456-01-123456"]);
    expect(shapes("991399-1234567")).toEqual([]); // no such date
  });

  it("finds chat links through dots, spaces, full-width letters and 닷", () => {
    expect(shapes("open.kakao.com/o/abc")).toHaveLength(1);
    expect(shapes("o p e n . k a k a o")).toHaveLength(1);
    expect(shapes("open닷kakao닷com")).toHaveLength(1);
    expect(shapes("ｔ．ｍｅ／ｊｏｎｇｔｏ")).toHaveLength(1);
    expect(shapes("https://t.me/pump")).toHaveLength(1);
    expect(shapes("chat.me/x")).toEqual([]); // t.me must start a host
  });

  it("finds a messenger id after a chat word, and not the news about the messenger", () => {
    expect(shapes("텔레 아이디 stockking77")).toHaveLength(1);
    expect(shapes("카톡 id vipstock")).toHaveLength(1);
    expect(shapes("텔레그램 실적 발표")).toEqual([]);
    expect(shapes("텔레그램 2024년 매출")).toEqual([]);
    expect(shapes("카카오톡 MAU 4,800만")).toEqual([]);
  });
});

describe("Filter", () => {
  it("catches the four categories with their default actions", () => {
    expect(outcomeOf(builtin.screen("오픈채팅 open.kakao.com/o/x"))).toBe("refuse");
    expect(outcomeOf(builtin.screen("900101-1234567"))).toBe("refuse");
    expect(outcomeOf(builtin.screen("수익 보장 합니다"))).toBe("hold");
    expect(outcomeOf(builtin.screen("ㅅㅂ 이게 뭐냐"))).toBe("fold");
    expect(outcomeOf(builtin.screen("삼성전자 3분기 실적 좋네요"))).toBeNull();
  });

  it("matches a number where a rule has #, and a rule's own digits exactly", () => {
    expect(found("10배 확정")).toEqual(["promise:10배 확정"]);
    expect(found("100% 환불")).toEqual(["promise:100% 환불"]);
    expect(found("90% 환불")).toEqual([]);
  });

  it("reads a short word across a space only where it starts a word", () => {
    expect(found("존 나 좋다")).toContain("abuse:존 나");
    expect(found("기존 나스닥 상장사")).toEqual([]);
  });

  it("lets ordinary words that contain a listed one through, as one word only", () => {
    expect(found("상승의 시발점")).toEqual([]);
    expect(found("시발 점심 먹자")).toContain("abuse:시발");
    expect(found("오늘도 존버합니다")).toEqual([]);
  });

  it("takes an operator's rule and an 허용 that switches a built-in word off", () => {
    const rules: Rule[] = [...builtinRules(), { id: 1, text: "작전세력 모집", category: "promise", action: "refuse" }, { id: 2, text: "새끼", category: "abuse", action: "allow" }];
    const filter = new Filter(rules);
    expect(outcomeOf(filter.screen("작전 세력 모집합니다"))).toBe("refuse");
    expect(filter.screen("강아지 새끼 분양")).toEqual([]);
    expect(outcomeOf(filter.screen("시발"))).toBe("fold");
  });

  it("stays linear on text built to be slow (it finishes, and finds what is there)", () => {
    expect(builtin.screen("1".repeat(24_000))).toEqual([]);
    expect(builtin.screen("ㅅㅏ".repeat(12_000))).toEqual([]);
    expect(builtin.screen("t.me/x ".repeat(3_000)).length).toBeGreaterThan(0);
    expect(builtin.screen("시발".repeat(12_000)).length).toBeLessThanOrEqual(500 + 50);
  });

  it("marks what it found in the text as typed, escaped", () => {
    const text = "<b>연락</b> 010-1234-5678";
    expect(markedHtml(text, builtin.screen(text))).toBe("&lt;b&gt;연락&lt;/b&gt; <mark>010-1234-5678</mark>");
  });

  it("names what it refused", () => {
    const text = "텔레 t.me/pump 010-1234-5678";
    expect(refusalMessage(text, builtin.screen(text), "내용")).toBe(
      "내용에 외부 채팅·리딩방 유도(오픈채팅·메신저 링크, 전화번호)에 해당하는 내용이 있어 등록할 수 없습니다. 표시된 부분을 고쳐 주세요.",
    );
  });
});

describe("ruleProblem", () => {
  it("refuses a rule that would match almost anything", () => {
    expect(ruleProblem("", "refuse")).toMatch(/입력/);
    expect(ruleProblem("##", "refuse")).toMatch(/두 자 이상/);
    expect(ruleProblem("a", "fold")).toMatch(/두 자 이상/);
    expect(ruleProblem("실적", "fold")).toMatch(/평범한 종목토론 문장/);
    expect(ruleProblem("x".repeat(41), "fold")).toMatch(/40자/);
  });

  it("takes a specific one", () => {
    expect(ruleProblem("작전세력 모집", "refuse")).toBeNull();
    expect(ruleProblem("#배 수익 확정", "hold")).toBeNull();
  });
});

describe("the word lists", () => {
  it("keep the package's words except the ones ordinary on a stock board", () => {
    expect(PACKAGE_ABUSE_WORDS.length).toBeGreaterThan(400);
    expect(PACKAGE_ABUSE_WORDS).not.toContain("존버");
    expect(PROMISE_WORDS).toContain("수익보장");
    expect(ABUSE_CORE_WORDS).toContain("시발");
  });
});
