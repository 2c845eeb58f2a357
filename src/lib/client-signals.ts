// The two signals kept of a member's client (docs/decisions/0032): the network it comes from,
// cut to the block one household, office or carrier NAT shares (IPv4 /24, IPv6 /48), and the
// browser (its id cookie). Pure: the HTTP layer turns both into keyed hashes before any module
// sees them, so no address or cookie value is ever stored, shown or logged.

export interface ClientSignals {
  network: string | null; // the keyed hash of networkPrefix(ip); null when the address is unknown
  browser: string | null; // the keyed hash of the browser's id cookie; null before it has one
}

export const NO_SIGNALS: ClientSignals = { network: null, browser: null };

/**
 * The network block of an address: "v4:203.0.113", "v6:2001:db8:1"; null for garbage and for
 * addresses that are not a client's own network — loopback, private, link-local and unique-local
 * ones are what a proxy in front of the app (with TRUST_PROXY unset) or a developer's machine
 * shows for everyone, and would make every member "share" one network.
 */
export function networkPrefix(ip: string): string | null {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  const v4 = mapped ? mapped[1]! : ip;
  const octets = v4.split(".");
  if (octets.length === 4 && octets.every((o) => /^\d{1,3}$/.test(o) && Number(o) <= 255)) {
    const [a, b] = octets.map(Number) as [number, number];
    const local = a === 127 || a === 10 || a === 0 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168) || (a === 169 && b === 254) || (a === 100 && b >= 64 && b <= 127);
    return local ? null : `v4:${octets.slice(0, 3).map(Number).join(".")}`;
  }
  const groups = expandIpv6(ip.replace(/%.*$/, ""));
  if (!groups) return null;
  const local = groups.slice(0, 7).every((g) => g === 0) || (groups[0]! & 0xfe00) === 0xfc00 || (groups[0]! & 0xffc0) === 0xfe80;
  return local ? null : `v6:${groups.slice(0, 3).map((g) => g.toString(16)).join(":")}`;
}

/** The eight 16-bit groups of an IPv6 address, or null. */
function expandIpv6(ip: string): number[] | null {
  if (!/^[0-9a-f:]+$/i.test(ip) || ip.split("::").length > 2) return null;
  const [head, tail] = ip.includes("::") ? ip.split("::") : [ip, undefined];
  const part = (s: string | undefined) => (s ? s.split(":") : []);
  const left = part(head);
  const right = part(tail);
  const missing = 8 - left.length - right.length;
  if (tail === undefined ? missing !== 0 : missing < 1) return null;
  const groups = [...left, ...Array<string>(tail === undefined ? 0 : missing).fill("0"), ...right];
  if (groups.some((g) => !/^[0-9a-f]{1,4}$/i.test(g))) return null;
  return groups.map((g) => parseInt(g, 16));
}
