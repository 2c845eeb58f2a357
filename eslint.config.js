// @ts-check
import js from "@eslint/js";
import tseslint from "typescript-eslint";

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
        FormData: "readonly",
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
    // One reader of the environment (src/config/env.ts): defaults and rules live there once.
    files: ["src/**/*.ts", "scripts/**/*.ts", "prisma/**/*.ts", "*.ts"],
    ignores: ["src/config/env.ts"],
    rules: {
      "no-restricted-properties": ["error", { object: "process", property: "env", message: "read settings through src/config/env.ts" }],
    },
  },
);
