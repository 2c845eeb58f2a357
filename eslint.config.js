// @ts-check
import js from "@eslint/js";
import tseslint from "typescript-eslint";

// Every spelling of an environment read (one reader: src/config/env.ts).
const ENV_READS = [
  "MemberExpression[object.name='process'][property.name='env']",
  "MemberExpression[object.name='process'][computed=true]",
  "MemberExpression[property.name='process'][object.name=/^(globalThis|global|window|self)$/]",
  "VariableDeclarator[init.name='process']",
  "AssignmentExpression[right.name='process']",
  "CallExpression > Identifier.arguments[name='process']",
].map((selector) => ({ selector, message: "read settings through src/config/env.ts (docs/architecture.md)" }));

export default tseslint.config(
  { ignores: ["node_modules/", "src/generated/", "dist/", "test/.tmp/", ".scratch/", "bench/data/"] },
  { files: ["**/*.cjs"], languageOptions: { sourceType: "commonjs", globals: { module: "writable", require: "readonly" } } },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: {
        process: "readonly",
        console: "readonly",
        document: "readonly",
        window: "readonly",
        SubmitEvent: "readonly",
        Event: "readonly",
        performance: "readonly",
        fetch: "readonly",
        URL: "readonly",
        URLSearchParams: "readonly",
        HTMLTextAreaElement: "readonly",
        HTMLButtonElement: "readonly",
        HTMLFormElement: "readonly",
        HTMLTemplateElement: "readonly",
        HTMLAnchorElement: "readonly",
        HTMLInputElement: "readonly",
        HTMLElement: "readonly",
        HTMLDetailsElement: "readonly",
        Node: "readonly",
        FormData: "readonly",
        EventSource: "readonly",
        MessageEvent: "readonly",
        Intl: "readonly",
        setTimeout: "readonly",
        clearTimeout: "readonly",
      },
    },
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "no-control-regex": "off", // control characters are exactly what input checks look for
    },
  },
  {
    // One reader of the environment (src/config/env.ts), in every folder: defaults and rules
    // live there once. Each spelling of a read is named, so none slips through by its shape:
    // process.env, process["env"], globalThis.process, an import of node:process, an alias of
    // process, `const { env } = process`, or process handed to a function (Reflect.get).
    files: ["**/*.{ts,js,mjs,cjs}"],
    ignores: ["src/config/env.ts", "public/js/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        { paths: ["process", "node:process"].map((name) => ({ name, message: "use the global process; read settings through src/config/env.ts" })) },
      ],
      "no-restricted-syntax": [
        "error",
        ...ENV_READS,
      ],
    },
  },
  {
    // One data path for request code (docs/architecture.md): ctx.sql, never Prisma's models or
    // raw queries. Prisma writes only the seed and the demo data (and the test factories).
    files: ["src/modules/**/*.ts", "src/http/**/*.ts", "src/app.ts", "src/housekeeping.ts"],
    ignores: ["src/modules/boards/seed.service.ts", "src/modules/jury/demo.service.ts"],
    rules: {
      "no-restricted-syntax": [
        "error",
        ...ENV_READS, // a later block's list replaces an earlier one's, so both are here
        ...["MemberExpression[object.property.name='db'][object.object.name=/^(ctx|deps|appDeps)$/]", "MemberExpression[object.name='db'][property.name=/^(\\$queryRaw|\\$executeRaw|\\$queryRawUnsafe|\\$executeRawUnsafe|\\$transaction|user|post|comment|board)$/]"].map((selector) => ({
          selector,
          message: "request code reaches the database through ctx.sql (docs/architecture.md, One way to the data)",
        })),
      ],
    },
  },
);
