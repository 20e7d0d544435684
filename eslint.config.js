// ESLint runs beside Biome (the main linter) for one thing only: every regular expression in the
// repository must run in linear time, so that no text a person or a service sends can make a regex
// backtrack for seconds and block the event loop. eslint-plugin-regexp analyses each regex literal
// (and each `new RegExp("…")` with a literal pattern) and reports the ones that can backtrack
// super-linearly, whether matched from one position or searched for from every position.
// Each workspace's `lint` script runs `eslint .` after Biome; contract-tests/test/regex/regex-lint.test.ts
// proves the gate (super-linear snippets rejected, linear ones accepted, every workspace wired).
import regexp from "eslint-plugin-regexp";
import tseslint from "typescript-eslint";

/** The rules: only the regex-complexity checks, as errors. */
export const regexRules = {
  "regexp/no-super-linear-backtracking": ["error", { report: "potential" }],
  "regexp/no-super-linear-move": ["error", { report: "potential", ignoreSticky: false, ignorePartial: false }],
  "regexp/no-misleading-capturing-group": ["error", { reportBacktrackingEnds: true }],
};

export default [
  {
    ignores: ["**/node_modules/**", "**/generated/**", "**/dist/**", "**/data/**", "**/coverage/**", "**/out/**"],
  },
  {
    files: ["**/*.{ts,tsx,mts,cts,js,mjs,cjs}"],
    languageOptions: {
      parser: tseslint.parser,
      ecmaVersion: "latest",
      sourceType: "module",
    },
    linterOptions: { reportUnusedDisableDirectives: "error" },
    plugins: { regexp },
    rules: regexRules,
  },
];
