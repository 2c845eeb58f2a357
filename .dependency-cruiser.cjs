// The layers of docs/architecture.md, checked by `npm run lint` (dependency-cruiser): a file
// that imports against them, or any import cycle, fails the build. The module order is written
// once, here (MODULES); test/unit/architecture.test.ts compares it with docs/architecture.md and
// plants a violation of every rule below in a copy of the tree to show that lint catches it.

/**
 * The modules, top to bottom, each with the modules it may use. Every `uses` entry names a
 * module further down the list (the test checks it), so no two modules can import each other,
 * however indirectly.
 */
const MODULES = [
  { name: "api", uses: ["profiles", "jury", "posts", "comments", "boards"] },
  { name: "feeds", uses: ["posts", "comments", "boards"] },
  { name: "profiles", uses: ["quotes"] },
  { name: "live", uses: ["blocks", "comments", "boards", "notifications"] },
  { name: "personal-data", uses: ["follows", "blocks", "jury", "accounts", "notifications", "integrity"] },
  { name: "follows", uses: ["accounts", "boards"] },
  { name: "blocks", uses: ["accounts"] },
  { name: "post-page", uses: ["votes", "viewcounts", "jury", "comments", "posts", "moderation", "accounts", "boards", "cleanbot"] },
  { name: "operators", uses: ["votes", "jury", "comments", "posts", "moderation", "accounts", "notifications", "search", "integrity", "cleanbot"] },
  { name: "votes", uses: ["jury", "comments", "posts", "accounts", "boards", "integrity"] },
  { name: "viewcounts", uses: ["posts"] },
  { name: "jury", uses: ["comments", "posts", "moderation", "accounts", "boards", "notifications", "search", "integrity", "cleanbot"] },
  { name: "comments", uses: ["posts", "accounts", "boards", "notifications", "cleanbot"] },
  { name: "posts", uses: ["moderation", "accounts", "boards", "search", "cleanbot", "quotes"] },
  { name: "moderation", uses: ["accounts", "boards", "notifications", "search", "cleanbot"] },
  { name: "disclosures", uses: ["boards"] },
  { name: "quotes", uses: ["boards"] },
  { name: "accounts", uses: ["integrity", "cleanbot"] },
  { name: "boards", uses: ["search", "cleanbot"] },
  { name: "notifications", uses: [] },
  { name: "search", uses: [] },
  { name: "integrity", uses: [] },
  { name: "cleanbot", uses: [] },
];

/**
 * What a file in a module is, by the end of its name. Pure files (rules, and the zod fields and
 * schemas routes parse with) reach no I/O; services and queries never see HTTP; routes do.
 */
const ROLES = {
  routes: /\.routes\.ts$/,
  service: /\.service\.ts$/,
  queries: /\.queries\.ts$/,
  rules: /\.(rules|fields|schemas)\.ts$/,
};

const esc = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const inModule = (...names) => `^src/modules/(${names.map(esc).join("|")})/`;
const ROLE = `^src/modules/[^/]+/[^/]+(${Object.values(ROLES).map((r) => r.source.slice(0, -1)).join("|")})$`;
const PURE = `^src/modules/[^/]+/[^/]+\\.(rules|fields|schemas)\\.ts$`;
const NOT_HTTP = `^src/modules/[^/]+/[^/]+\\.(service|queries)\\.ts$`;

// What a pure file may never reach, directly or through anything it imports: our I/O layers,
// the database drivers, Express, and the Node modules that touch files, sockets or processes.
const IO = [
  "^src/(db|generated|http|cli)/",
  "^src/context\\.ts$",
  "^src/modules/[^/]+/[^/]+\\.(service|queries|routes)\\.ts$",
  "node_modules/(better-sqlite3|pg|pg-[^/]+|@prisma|express|express-[^/]+|ioredis|redis|@redis|@node-rs)/",
  "^(node:)?(fs|fs/promises|net|http|https|http2|tls|dgram|dns|child_process|cluster|worker_threads|readline|process)$",
];

const moduleRules = MODULES.map(({ name, uses }) => ({
  name: "module-order",
  severity: "error",
  comment: `${name} may use only ${uses.length ? uses.join(", ") : "no other module"} (docs/architecture.md)`,
  from: { path: inModule(name) },
  to: { path: "^src/modules/", pathNot: inModule(name, ...uses) },
}));

module.exports = {
  forbidden: [
    {
      name: "no-circular",
      severity: "error",
      comment: "An import cycle between files: the layers must point one way.",
      from: {},
      to: { circular: true },
    },
    ...moduleRules,
    {
      name: "module-is-listed",
      severity: "error",
      comment: "Every folder of src/modules is a module named in MODULES (.dependency-cruiser.cjs).",
      from: { path: "^src/modules/", pathNot: inModule(...MODULES.map((m) => m.name)) },
      to: {},
    },
    // A module file without a role would fall outside every rule below: it is caught whether
    // it imports something, is imported, or neither.
    ...[
      { from: { path: "^src/modules/", pathNot: ROLE }, to: {} },
      { from: {}, to: { path: "^src/modules/", pathNot: ROLE } },
      { from: { path: "^src/modules/", pathNot: ROLE, orphan: true }, to: {} },
    ].map((r) => ({ name: "module-file-has-a-role", severity: "error", comment: "A file in a module ends in .routes.ts, .service.ts, .queries.ts, .rules.ts, .fields.ts or .schemas.ts.", ...r })),
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
      comment: "src/lib holds helpers without our modules: they use only each other.",
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
      comment: "src/db is the database: no module, no HTTP, no domain errors.",
      from: { path: "^src/db/" },
      to: { path: "^src/(modules|http|cli|domain)/" },
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
      comment: "Services, queries and rules never see requests or responses; they throw domain errors.",
      from: { path: `^src/modules/[^/]+/[^/]+\\.(service|queries|rules|fields|schemas)\\.ts$` },
      to: { path: "^src/http/" },
    },
    {
      name: "services-know-no-express",
      severity: "error",
      comment: "Services and queries never import Express, not even its types.",
      from: { path: NOT_HTTP },
      to: { path: "node_modules/(express|express-[^/]+|@types/express[^/]*)/" },
    },
    {
      name: "rules-reach-no-io",
      severity: "error",
      comment: "Pure files (*.rules.ts, *.fields.ts, *.schemas.ts) reach no database, context, HTTP or I/O, not even through another file.",
      from: { path: PURE },
      to: { path: IO, reachable: true },
    },
    {
      name: "app-is-the-top",
      severity: "error",
      comment: "Nothing imports the app or the server (but the server, which runs the app).",
      from: { path: "^src/", pathNot: "^src/server\\.ts$" },
      to: { path: "^src/(app|server)\\.ts$" },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    exclude: { path: "^src/generated/" },
    tsPreCompilationDeps: true, // type-only imports count: a cycle in types is still a cycle
    tsConfig: { fileName: "tsconfig.json" },
    reporterOptions: { text: { highlightFocused: true } },
  },
};

// For the architecture test, and kept out of dependency-cruiser's view (its configuration schema
// allows no extra keys; it reads only the enumerable ones).
Object.defineProperty(module.exports, "MODULES", { value: MODULES, enumerable: false });
Object.defineProperty(module.exports, "ROLES", { value: ROLES, enumerable: false });
