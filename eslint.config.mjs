import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

const config = [
  ...nextVitals,
  ...nextTs,
  {
    ignores: [".next*/**", "generated/**", "node_modules/**", "test-results/**", "playwright-report/**", "next-env.d.ts", "data/**"],
  },
  {
    // Every string a person reads comes from messages/*.json (next-intl).
    files: ["app/**/*.tsx", "components/**/*.tsx"],
    rules: {
      "react/jsx-no-literals": [
        "error",
        { noStrings: false, ignoreProps: true, allowedStrings: ["·", "#", "(", ")", "A", "Accord", "UTC", "/", "—", ":", "⚠", "(%)", "JSON", "Markdown", "HTML", "DOCX", "CSV"] },
      ],
    },
  },
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "no-console": ["error", { allow: ["warn", "error", "log"] }],
    },
  },
];

export default config;
