// Lint for the dashboard: typescript-eslint's recommended rules, the rules of React hooks, and
// the import boundaries of a feature-folder layout: shared code (components/, lib/, test/) <- features <- app.
import { readdirSync } from 'node:fs';
import js from '@eslint/js';
import globals from 'globals';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

// Every folder under src/features is a feature, so a new one is covered without editing this file.
const features = readdirSync(new URL('./src/features/', import.meta.url), { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name);

// A parent-relative path could walk around the rules below, so leaving a folder goes through '@/'.
// The scripts/ folder beside src/ is the one exception (tests read the generator's paths).
const noParentPaths = {
  regex: '^(\\.\\./)+(?!\\.\\./|scripts/)',
  message: "Import through '@/…' rather than a parent-relative path, so the import boundaries can see it.",
};
const noApp = {
  regex: '^@/app(/|$)',
  message: 'Only app/ composes: features and shared code do not import from app/.',
};
const noFeatures = {
  regex: '^@/features(/|$)',
  message: 'Shared code (components/, lib/, test/) does not import from a feature; move what both need into shared code.',
};
const otherFeatures = (feature) => ({
  regex: `^@/features/(?!${feature}(/|$))`,
  message: `Features do not import each other: compose them in app/ (e.g. app/routes), or move what both need into components/ or lib/.`,
});
// no-restricted-imports does not look at import(): the same patterns, applied to lazy imports too.
const lazyImports = (patterns) =>
  patterns.map(({ regex, message }) => ({ selector: `ImportExpression > Literal[value=/${regex.replaceAll('/', '\\/')}/]`, message }));
const restrict = (...patterns) => ({
  'no-restricted-imports': ['error', { patterns }],
  'no-restricted-syntax': ['error', ...lazyImports(patterns)],
});
const tests = '**/*.test.{ts,tsx}';

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'src/lib/api/schema.d.ts'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['src/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  { files: ['src/components/**/*.{ts,tsx}', 'src/lib/**/*.{ts,tsx}'], rules: restrict(noFeatures, noApp, noParentPaths) },
  // The test helpers render through the app's provider, so they may import app/, never a feature.
  { files: ['src/test/**/*.{ts,tsx}'], rules: restrict(noFeatures, noParentPaths) },
  ...features.flatMap((feature) => [
    { files: [`src/features/${feature}/**/*.{ts,tsx}`], rules: restrict(otherFeatures(feature), noApp, noParentPaths) },
    // A page's tests render it through the app's router, as a user reaches it.
    { files: [`src/features/${feature}/${tests}`], rules: restrict(otherFeatures(feature), noParentPaths) },
  ]),
  { files: ['scripts/**/*.mjs', '*.config.*'], languageOptions: { globals: { ...globals.node } } },
);
