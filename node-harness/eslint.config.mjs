// ESLint's flat config for node-harness: `npx eslint` from this folder
// (.ci/run runs it). The host library and the pages run in browsers and
// Node alike; the entry points, the Node environment and the tests run under Node only.
import js from '@eslint/js';
import globals from 'globals';

export default [
  { ignores: ['node_modules/'] },
  js.configs.recommended,
  {
    files: ['**/*.mjs'],
    languageOptions: {
      ecmaVersion: 2025,
      sourceType: 'module',
      globals: { ...globals.browser, ...globals.worker },
    },
    rules: {
      'no-unused-vars': ['error', { args: 'after-used', argsIgnorePattern: '^_' }],
      eqeqeq: ['error', 'always'],
      'prefer-const': 'error',
      'no-var': 'error',
      'max-lines': ['error', { max: 300, skipBlankLines: true, skipComments: true }],
      'max-lines-per-function': ['error', { max: 60, skipBlankLines: true, skipComments: true }],
    },
  },
  {
    files: ['*.mjs', 'lib/env/node/**', 'test/**'],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    files: ['lib/env/browser/import-map.js'],
    languageOptions: { ecmaVersion: 2025, sourceType: 'script', globals: globals.browser },
  },
];
