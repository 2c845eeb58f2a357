// Portal boards show who wrote a post without giving away the login id: `abcd****`.
// At most half the id (and at most four characters) stays visible, and the stars are a fixed
// four so the id's length does not leak.
// A withdrawn member's placeholder id ('#' + row id, src/lib/withdrawn.ts) shows nothing.
export function maskLoginId(loginId: string): string {
  if (loginId.startsWith("#")) return "";
  const visible = Math.min(4, Math.ceil(loginId.length / 2));
  return `${loginId.slice(0, visible)}****`;
}
