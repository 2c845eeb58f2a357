// The one data step the migrators run after the SQL ones: User.nicknameKey, the confusables
// skeleton that SQL cannot compute (src/lib/confusables.ts), for rows written before the
// column existed or by tools that do not set it. A row whose skeleton another row already has
// (two look-alike names older than the rule) keeps null: both names stay, and a new look-alike
// of either is still refused by the other's key. Cheap when there is nothing to do: one
// lookup of null keys on the column's index.
export { nicknameSkeleton } from "../lib/confusables.ts";

/** The two statements, with the driver's placeholders for the id (1) and the key (2). */
export function keyStatements(placeholder: (n: 1 | 2) => string) {
  return {
    missing: `SELECT "id", "nickname" FROM "User" WHERE "nicknameKey" IS NULL ORDER BY "id"`,
    assign: `UPDATE "User" SET "nicknameKey" = ${placeholder(2)} WHERE "id" = ${placeholder(1)}
      AND NOT EXISTS (SELECT 1 FROM "User" o WHERE o."nicknameKey" = ${placeholder(2)})`,
  };
}
