// Lint: typescript-eslint's recommended rules, plus "no explicit any" as an error
// (the no-`any`-in-exported-signatures rule of DEVELOPERS.md, enforced everywhere).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'data/', '.neo4j/', 'client/dist/', 'coverage/', 'test-artifacts/', 'bench/out/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  { files: ['server/bin/**/*.js'], languageOptions: { globals: { process: 'readonly' } } },
  { files: ['server/src/analysis/worker-entry.mjs'], languageOptions: { sourceType: 'module' } },
);
