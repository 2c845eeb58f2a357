// Where to go after signing in: only a path on this site. The value is parsed, and the checks
// apply to what would be sent back in `Location`: parsing turns dot segments such as
// `/.//evil.com` into `//evil.com`, which a browser reads as another site.
const BASE = "http://jongto.invalid";

/** A path browsers resolve on this origin: one leading slash, never `//` or `/\`. */
function isLocalPath(path: string): boolean {
  return path.startsWith("/") && !path.startsWith("//") && !path.startsWith("/\\");
}

export function safeReturnTo(value: unknown): string | null {
  if (typeof value !== "string" || value.length === 0 || value.length > 2000) return null;
  // Browsers drop tabs and line breaks inside URLs and read `\` as `/`: refuse them outright.
  if (!isLocalPath(value) || /[\u0000-\u001f\u007f\\]/.test(value)) return null;
  let url: URL;
  try {
    url = new URL(value, BASE);
  } catch {
    return null;
  }
  if (url.origin !== BASE) return null;
  const result = url.pathname + url.search + url.hash;
  return isLocalPath(result) ? result : null;
}
