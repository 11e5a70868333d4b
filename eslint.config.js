// Lint: typescript-eslint's strict rules, plus the import boundaries between execution contexts
// (shared/design/architecture.md, "Folders are execution contexts").
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const CONTEXTS = ['core', 'shared', 'page', 'content', 'background', 'platform', 'ui'];

/** Forbid imports of the listed src/ folders (relative paths of any depth) and of the listed packages. */
function boundary(files, forbidden, packages = []) {
  return {
    files,
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: packages.map((name) => ({ name, message: `${name} does not belong in this context.` })),
          patterns: forbidden.map((folder) => ({
            group: [`**/${folder}/*`, `../${folder}`, `../../${folder}`],
            message: `Files here may not import from src/${folder}/: it runs in another context.`,
          })),
        },
      ],
    },
  };
}
const others = (...allowed) => CONTEXTS.filter((c) => !allowed.includes(c));

export default tseslint.config(
  // Captured third-party creatives (test fixtures, Apache-2.0) are kept as they were captured.
  { ignores: ['dist/**', 'node_modules/**', 'test-results/**', '.cache/**', 'test/fixtures/pages/creatives/**'] },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    languageOptions: { parserOptions: { projectService: false } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/ban-ts-comment': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      'no-console': ['error', { allow: ['error', 'warn'] }],
    },
  },
  {
    // Extension code talks to the browser through webextension-polyfill, never the chrome global.
    files: ['src/**/*.{ts,tsx}'],
    rules: { 'no-restricted-globals': ['error', { name: 'chrome', message: 'Use webextension-polyfill (browser.*) instead.' }] },
  },
  boundary(['src/shared/**'], others('shared'), ['webextension-polyfill', 'preact', 'tldts']),
  boundary(['src/core/**'], others('core', 'shared'), ['webextension-polyfill', 'preact']),
  boundary(['src/page/**'], others('page', 'shared'), ['webextension-polyfill', 'preact']),
  boundary(['src/content/**'], others('content', 'shared', 'core'), ['preact']),
  boundary(['src/background/**'], others('background', 'shared', 'core', 'platform'), ['preact']),
  boundary(['src/platform/**'], others('platform', 'shared', 'core'), ['preact']),
  boundary(['src/ui/**'], ['page', 'content', 'background']),
  boundary(['scripts/**'], ['page', 'content', 'background', 'platform', 'ui']),
);
