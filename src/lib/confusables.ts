// When two nicknames look alike: UTS #39's skeleton, over the Unicode confusables data that the
// `unhomoglyph` package carries (confusables.txt), after NFKC. Two names with the same
// skeleton look the same to a reader (`앨리스` and `앨리스` + a variation selector, Latin `a` and
// Cyrillic `а`, `rn` and `m`), so the second is refused at sign-up (docs/product.md §5).
import unhomoglyph from "unhomoglyph";
import { withoutInvisible } from "./input.ts";

/**
 * skeleton(X) = NFD(map(remove-ignorables(NFD(NFKC(X))))): the key two look-alike names
 * share. It is for comparing only, never for showing (`m` becomes `rn`).
 */
export function nicknameSkeleton(nickname: string): string {
  return unhomoglyph(withoutInvisible(nickname.normalize("NFKC").normalize("NFD"))).normalize("NFD");
}
