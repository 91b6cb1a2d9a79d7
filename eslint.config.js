import path from "node:path";
import js from "@eslint/js";
import { createNodeResolver, importX } from "eslint-plugin-import-x";
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["build/**", "data/**", "node_modules/**", "test-results/**", "playwright-report/**", "tests/.tmp/**"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { process: "readonly", console: "readonly", Buffer: "readonly", URL: "readonly", setTimeout: "readonly", confirm: "readonly", fetch: "readonly" } },
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", destructuredArrayIgnorePattern: "^_" }],
      "@typescript-eslint/no-non-null-assertion": "off",
      "no-restricted-properties": ["error", { object: "process", property: "env", message: "Read configuration through app/utils/env.server.ts" }],
    },
  },
  {
    files: ["app/utils/env.server.ts", "tests/**", "*.mjs", "*.config.*", "db/drizzle.config.ts"],
    rules: { "no-restricted-properties": "off" },
  },
  // Dependency direction (docs/decisions/005): routes → components and modules → utils and db, never back; no cycles.
  {
    files: ["app/**/*.{ts,tsx}", "db/**/*.ts", "emails/**/*.{ts,tsx}"],
    plugins: { "import-x": importX },
    settings: {
      "import-x/extensions": [".ts", ".tsx", ".js", ".mjs"],
      "import-x/parsers": { "@typescript-eslint/parser": [".ts", ".tsx"] },
      "import-x/resolver-next": [
        createNodeResolver({
          extensions: [".ts", ".tsx", ".js", ".mjs", ".json"],
          // An absolute path: with a relative one the resolver answers relative paths, and no-cycle never
          // recognises the file it started from.
          tsconfig: { configFile: path.join(import.meta.dirname, "tsconfig.json") },
        }),
      ],
    },
    rules: {
      "import-x/no-restricted-paths": [
        "error",
        {
          zones: [
            {
              target: ["./db", "./app/utils"],
              from: ["./app/modules", "./app/routes"],
              message: "db/ and app/utils/ are the layer below the domain: move the shared code down, or the caller up.",
            },
            { target: "./app/modules", from: "./app/routes", message: "Modules do not know the routes that call them." },
            { target: "./app/components", from: "./app/routes", message: "Components are shared UI: routes compose them, never the other way round." },
          ],
        },
      ],
      "import-x/no-cycle": ["error", { ignoreExternal: true }],
    },
  },
);
