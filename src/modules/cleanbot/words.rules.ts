// 클린봇's built-in words (docs/decisions/0033). Operators add to them and switch any of them
// off (an 허용 rule for the same text) in the admin area; these are the defaults a new board
// starts with. `#` in a word stands for any digit.
import badwordsKo from "badwords-ko/src/badwords.ko.config.json" with { type: "json" };

/** 수익 보장·목표가 광고: what a paid 리딩방's advertisement promises (banned since 2024-08). */
export const PROMISE_WORDS = [
  "수익보장", "수익률보장", "원금보장", "원금보전보장", "손실보전", "손실보상해", "손실복구보장", "무료리딩", "리딩방입장",
  "리딩방초대", "리딩방모집", "리딩방무료", "무료추천방", "급등주추천방", "급등주무료", "무료급등주", "종목추천방",
  "추천주무료", "무료종목추천", "#배확정", "#배보장", "#배수익보장", "두배확정", "세배확정", "열배확정", "따블확정",
  "따따블확정", "텐배확정", "상한가확정", "상한가보장", "상한가종목무료", "##%수익보장", "#%수익보장", "확정수익",
  "무조건수익", "무조건상승", "무조건오릅", "수익인증방", "vip방", "vip리딩", "전문가리딩", "매일#%수익", "매월#%수익",
  "매달#%수익", "적중률##%", "세력주정보", "작전주정보", "세력매집주공개", "선취매종목공개", "목표가#원보장",
  "손실시전액환불", "수익안나면환불", "100%환불",
] as const;

/**
 * 욕설·비하 the project keeps itself, matched also in their initial-consonant (ㅅㅂ) and mixed
 * (ㅅ발, 시ㅂ) spellings. A one-syllable word is one nothing ordinary is spelled with.
 */
export const ABUSE_CORE_WORDS = [
  "시발", "씨발", "씌발", "씨빨", "시빨", "씨바", "쉬발", "슈발", "씨팔", "시팔", "병신", "븅신", "빙신", "등신", "개새끼", "개새기",
  "새끼", "쌔끼", "지랄", "존나", "졸라", "좆", "좃", "썅", "닥쳐", "미친놈", "미친년", "미친새끼", "또라이", "엠창", "니애미",
  "느금마", "애미", "애비", "씹새", "씹새끼", "개같은", "꺼져", "뒤져", "염병", "옘병",
] as const;

/** Ordinary words that contain a listed one: a match inside them is not a match (시발점 is a starting point). */
export const ORDINARY_WORDS = [
  "시발점", "시발역", "시발택시", "시바견", "시바이누", "시바코인", "시바토큰", "병신년", "새끼손가락", "새끼발가락",
  "새끼줄", "새끼고양이", "새끼강아지", "애비뉴", "씨바이오",
] as const;

// Words of the badwords-ko list (MIT, github.com/yoonheyjung/badwords-ko, v1.0.4) that are
// ordinary on a stock board or inside ordinary words: 존버 and 닥전 are 종토 slang for holding
// and buying, bubbles 꺼지다, rivals 뒤지다, 설거지 is what a pump crew does to its buyers,
// 노무 is labour cost, 십팔 is eighteen, 후려 is a price cut, 미친 (상승) is praise, 시바 is a coin.
const NOT_ABUSE_ON_A_STOCK_BOARD = new Set([
  "존버", "닥전", "닥후", "닥1", "닥2", "꺼.지", "뒤졌", "뒤지겠", "뒤진다", "설거지론", "노무", "노무노무", "십팔", "후려", "후.려",
  "후1려", "미친~", "미-친", "미1친", "삐걱", "오크", "정병", "자살", "이따위", "쉰내", "뚝배기", "첫빠", "텐덕", "핑끄", "덬",
  "망돌", "존귀", "존귘", "존1", "쫀1", "조온", "지1뢰", "창남", "은년", "한녀", "한년", "한 년", "시녀", "보라니", "보전깨",
  "김여사", "눈나", "상폐녀", "펨코", "펨베", "꼴랑", "그나물에", "까내리", "더럽네", "먹금", "먹.금", "먹1금", "먹끔", "먹.끔",
  "이기야", "부왘", "퍄퍄", "엑윽", "헤으응", "배빵", "누보햄", "로린", "허벌", "소추", "삼일한", "개련", "개넷", "풀발", "빻은",
  "빻았", "느그", "ㅂㄹ", "ㅂㅊ", "ㅅ루", "스.루", "ㅅㅡ루", "스ㄹㅜ", "쉬이이", "쉬이이이", "걸-레", "곱창났", "곱창나", "찍찍이",
  "시바", "ㅉ", "쳐-", "씹-", "앰", "봊", "죶", "쫂", "쬲", "凸", "🖕", "🚬",
]);

/** The badwords-ko list as this board uses it. */
export const PACKAGE_ABUSE_WORDS: readonly string[] = (badwordsKo as { badWords: string[] }).badWords
  .map((w) => w.trim())
  .filter((w) => w !== "" && !NOT_ABUSE_ON_A_STOCK_BOARD.has(w));
