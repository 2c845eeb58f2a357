// The layers of docs/architecture.md, checked by `npm run lint` (dependency-cruiser): a file
// that imports against them, or any import cycle, fails the build.
const MODULES = "src/modules";
const mod = (...names) => `^${MODULES}/(${names.join("|")})/`;

/** A module may use the modules named in `may`, never one of `mustNot`. */
const moduleRank = (name, from, mustNot) => ({
  name,
  severity: "error",
  comment: `${from} sits below ${mustNot.join(", ")} (docs/architecture.md)`,
  from: { path: mod(from) },
  to: { path: mod(...mustNot) },
});

module.exports = {
  forbidden: [
    {
      name: "no-circular",
      severity: "error",
      comment: "An import cycle: the layers must point one way.",
      from: {},
      to: { circular: true },
    },
    {
      name: "domain-stands-alone",
      severity: "error",
      comment: "Domain errors know nothing of HTTP, the database or the modules.",
      from: { path: "^src/domain/" },
      to: { path: "^src/", pathNot: "^src/domain/" },
    },
    {
      name: "lib-is-pure",
      severity: "error",
      comment: "src/lib holds pure helpers: they use only each other.",
      from: { path: "^src/lib/" },
      to: { path: "^src/", pathNot: "^src/lib/" },
    },
    {
      name: "config-below-everything",
      severity: "error",
      comment: "Configuration is read before anything else exists.",
      from: { path: "^src/config/" },
      to: { path: "^src/", pathNot: "^src/(config|lib)/" },
    },
    {
      name: "db-knows-no-domain-module",
      severity: "error",
      comment: "src/db is the database, not the domain: no module, no HTTP.",
      from: { path: "^src/db/" },
      to: { path: "^src/(modules|http|cli)/" },
    },
    {
      name: "http-knows-no-module",
      severity: "error",
      comment: "src/http is plumbing shared by every module; the modules use it, not the reverse.",
      from: { path: "^src/http/" },
      to: { path: "^src/modules/" },
    },
    {
      name: "services-know-no-http",
      severity: "error",
      comment: "Services and rules never see requests or responses; they throw domain errors.",
      from: { path: `^${MODULES}/.+\\.(service|rules)\\.ts$` },
      to: { path: "^src/http/" },
    },
    {
      name: "rules-are-pure",
      severity: "error",
      comment: "*.rules.ts files are pure: no database, no context.",
      from: { path: `^${MODULES}/.+\\.rules\\.ts$` },
      to: { path: "^src/(db|generated|context\\.ts)" },
    },
    {
      name: "app-is-the-top",
      severity: "error",
      comment: "Nothing imports the app or the server (but the server, which runs the app).",
      from: { path: "^src/", pathNot: "^src/server\\.ts$" },
      to: { path: "^src/(app|server)\\.ts$" },
    },
    {
      name: "open-interfaces-on-top",
      severity: "error",
      comment: "The JSON API and the feeds read the other modules; no module reads them (docs/architecture.md).",
      from: { path: `^${MODULES}/`, pathNot: mod("api", "feeds") },
      to: { path: mod("api", "feeds") },
    },
    moduleRank("feeds-beside-api", "feeds", ["api"]),
    moduleRank("search-is-lowest", "search", ["boards", "posts", "comments", "jury", "votes", "post-page", "accounts", "viewcounts", "moderation", "quotes"]),
    moduleRank("quotes-on-boards", "quotes", ["posts", "comments", "jury", "votes", "post-page", "moderation", "profiles", "notifications", "accounts", "viewcounts"]),
    moduleRank("base-modules", "(boards|accounts|viewcounts)", ["posts", "comments", "jury", "votes", "post-page", "moderation", "quotes"]),
    moduleRank("notifications-below-events", "notifications", ["posts", "comments", "jury", "votes", "post-page", "moderation", "profiles", "accounts", "boards"]),
    moduleRank("moderation-below-content", "moderation", ["posts", "comments", "jury", "votes", "post-page"]),
    moduleRank("posts-below-reactions", "posts", ["comments", "jury", "votes", "post-page"]),
    moduleRank("comments-below-page", "comments", ["jury", "votes", "post-page"]),
    moduleRank("jury-below-votes", "jury", ["comments", "votes", "post-page"]),
    moduleRank("votes-below-page", "votes", ["comments", "post-page"]),
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    exclude: { path: "^src/generated/" },
    tsPreCompilationDeps: true, // type-only imports count: a cycle in types is still a cycle
    tsConfig: { fileName: "tsconfig.json" },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
