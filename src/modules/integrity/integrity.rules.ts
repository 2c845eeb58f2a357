// Finding accounts that vote together (docs/product.md §9, docs/decisions/0032). Pure: the
// scan (scan.service.ts) reads the last 30 days' signals and votes, these rules group them.
//
// A ring: accounts that share a network or browser signal and voted the same way on at least
// `commonPosts` posts, each time within `windowMinutes` of each other; pairs that qualify are
// joined into groups (a ring of five shows as one case, not ten pairs).
// A burst: at least `burstVotes` votes of one direction on one post within `burstSeconds`, all
// from accounts under 30 days old at the time of their vote.

export type VoteValue = "UP" | "DOWN";

export interface ScanVote {
  postId: number;
  userId: number;
  value: VoteValue;
  at: number; // ms
}

/** A signal key ("network:<hash>", "browser:<hash>") and the accounts seen with it. */
export interface SharedSignal {
  signal: string;
  userIds: number[];
}

export interface Evidence {
  accounts: number[];
  /** The shared signals as labels ("네트워크 1"), never their values, with who shares each. */
  signals: { label: string; accounts: number[] }[];
  posts: number[];
  votes: { postId: number; userId: number; value: VoteValue; at: string }[];
}

export interface FoundCase {
  kind: "ring" | "burst";
  /**
   * The group with its votes as they are: found again unchanged, the same key (nothing new to
   * open); with a vote more or changed — after a dismissal, or after a confirmation voided the
   * old ones — a new key.
   */
  key: string;
  /** The same accounts (and, for a burst, the same post and direction), whatever their votes: the key's start. */
  family: string;
  /** For a burst, the post and direction (a larger burst on it supersedes a smaller one). */
  subject: string | null;
  evidence: Evidence;
}

const lastVote = (votes: ScanVote[]) => Math.max(...votes.map((v) => v.at));

export const YOUNG_ACCOUNT_DAYS = 30;
export const SIGNAL_RETENTION_DAYS = 30;
/** A signal shared by more accounts than this is a public network (a carrier's NAT, a PC방). */
export const MAX_ACCOUNTS_PER_SIGNAL = 200;

const LABELS = { network: "네트워크", browser: "브라우저" } as const;

/** Rings among the accounts that share signals, from their votes (userId → postId → vote). */
export function findRings(shared: SharedSignal[], votes: Map<number, Map<number, ScanVote>>, rule: { commonPosts: number; windowMinutes: number }): FoundCase[] {
  const windowMs = rule.windowMinutes * 60_000;
  const pairs = new Map<string, [number, number]>();
  for (const s of shared) {
    if (s.userIds.length > MAX_ACCOUNTS_PER_SIGNAL) continue;
    const ids = [...new Set(s.userIds)].sort((a, b) => a - b);
    for (let i = 0; i < ids.length; i++) for (let j = i + 1; j < ids.length; j++) pairs.set(`${ids[i]}:${ids[j]}`, [ids[i]!, ids[j]!]);
  }
  const parent = new Map<number, number>();
  const find = (x: number): number => {
    let root = x;
    while (parent.get(root) !== root) root = parent.get(root)!;
    parent.set(x, root);
    return root;
  };
  const postsOf = new Map<number, Set<number>>(); // an account's posts in a qualifying pair
  for (const [a, b] of pairs.values()) {
    const va = votes.get(a);
    const vb = votes.get(b);
    if (!va || !vb) continue;
    const [small, large] = va.size <= vb.size ? [va, vb] : [vb, va];
    const common: number[] = [];
    for (const [postId, x] of small) {
      const y = large.get(postId);
      if (y && y.value === x.value && Math.abs(y.at - x.at) <= windowMs) common.push(postId);
    }
    if (common.length < rule.commonPosts) continue;
    for (const id of [a, b]) {
      if (!parent.has(id)) parent.set(id, id);
      let set = postsOf.get(id);
      if (!set) postsOf.set(id, (set = new Set()));
      for (const p of common) set.add(p);
    }
    parent.set(find(a), find(b));
  }
  const groups = new Map<number, number[]>();
  for (const id of parent.keys()) {
    const root = find(id);
    groups.set(root, [...(groups.get(root) ?? []), id]);
  }
  return [...groups.values()].map((members) => {
    const accounts = members.sort((a, b) => a - b);
    const posts = [...new Set(accounts.flatMap((id) => [...postsOf.get(id)!]))].sort((a, b) => a - b);
    const inGroup = new Set(accounts);
    const signals = labelled(shared.map((s) => ({ signal: s.signal, userIds: s.userIds.filter((id) => inGroup.has(id)) })).filter((s) => s.userIds.length > 1));
    const groupVotes = accounts.flatMap((id) => posts.flatMap((p) => (votes.get(id)?.get(p) ? [votes.get(id)!.get(p)!] : [])));
    const family = `ring:${accounts.join(",")}|`;
    return { kind: "ring" as const, key: `${family}${posts.join(",")}|${lastVote(groupVotes)}`, family, subject: null, evidence: evidenceOf(accounts, signals, posts, groupVotes) };
  });
}

/** Bursts among young accounts' votes: per post and direction, the spans where `burstVotes` fall within `burstSeconds`. */
export function findBursts(votes: ScanVote[], rule: { burstVotes: number; burstSeconds: number }): FoundCase[] {
  const windowMs = rule.burstSeconds * 1000;
  const byTarget = new Map<string, ScanVote[]>();
  for (const v of votes) {
    const key = `${v.postId}:${v.value}`;
    byTarget.set(key, [...(byTarget.get(key) ?? []), v]);
  }
  const found: FoundCase[] = [];
  for (const [subject, list] of byTarget) {
    if (list.length < rule.burstVotes) continue;
    list.sort((a, b) => a.at - b.at);
    // Mark every vote inside some window of `burstVotes` votes; runs of marked votes that
    // touch are one burst.
    const inBurst = new Array<boolean>(list.length).fill(false);
    for (let i = 0; i + rule.burstVotes - 1 < list.length; i++) {
      const last = i + rule.burstVotes - 1;
      if (list[last]!.at - list[i]!.at <= windowMs) for (let k = i; k <= last; k++) inBurst[k] = true;
    }
    let run: ScanVote[] = [];
    const flush = () => {
      if (run.length >= rule.burstVotes) {
        const accounts = [...new Set(run.map((v) => v.userId))].sort((a, b) => a - b);
        const postId = run[0]!.postId;
        const family = `burst:${subject}:${accounts.join(",")}|`;
        found.push({ kind: "burst", key: `${family}${lastVote(run)}`, family, subject, evidence: evidenceOf(accounts, [], [postId], run) });
      }
      run = [];
    };
    list.forEach((v, i) => (inBurst[i] ? run.push(v) : flush()));
    flush();
  }
  return found;
}

/**
 * Whether a group of the same accounts as a case an operator dismissed (at `dismissedAt`)
 * brings new evidence: votes cast or changed after the dismissal on at least `rule.commonPosts`
 * posts (a ring), or at least `rule.burstVotes` such votes (a burst). A dismissal judged the
 * votes it saw, not the accounts' future ones.
 */
export function bringsNewEvidence(found: FoundCase, dismissedAt: Date | null, rule: { commonPosts: number; burstVotes: number }): boolean {
  if (!dismissedAt) return true;
  const newer = found.evidence.votes.filter((v) => Date.parse(v.at) > dismissedAt.getTime());
  return found.kind === "ring" ? new Set(newer.map((v) => v.postId)).size >= rule.commonPosts : newer.length >= rule.burstVotes;
}

function labelled(shared: SharedSignal[]): Evidence["signals"] {
  const counters = { network: 0, browser: 0 };
  return shared
    .sort((a, b) => a.signal.localeCompare(b.signal))
    .map((s) => {
      const kind = s.signal.startsWith("network:") ? "network" : "browser";
      return { label: `${LABELS[kind]} ${++counters[kind]}`, accounts: [...s.userIds].sort((a, b) => a - b) };
    });
}

function evidenceOf(accounts: number[], signals: Evidence["signals"], posts: number[], votes: ScanVote[]): Evidence {
  return {
    accounts,
    signals,
    posts,
    votes: [...votes].sort((a, b) => a.at - b.at || a.userId - b.userId).map((v) => ({ postId: v.postId, userId: v.userId, value: v.value, at: new Date(v.at).toISOString() })),
  };
}

/** A vote counts toward a burst when its account was under 30 days old when it voted. */
export function isYoungAt(joinedAt: number, votedAt: number): boolean {
  return votedAt - joinedAt < YOUNG_ACCOUNT_DAYS * 86_400_000;
}

/**
 * Panel selection (docs/product.md §4): walking the ranking from the top, a candidate who
 * shares any signal with someone already seated is passed over.
 */
export function sharesSignal(seated: Iterable<number>, candidate: number, signalsOf: Map<number, Set<string>>): boolean {
  const mine = signalsOf.get(candidate);
  if (!mine || mine.size === 0) return false;
  for (const other of seated) for (const s of signalsOf.get(other) ?? []) if (mine.has(s)) return true;
  return false;
}
