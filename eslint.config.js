// ESLint: typescript-eslint's recommended rules over the TypeScript tree; Prettier owns the formatting.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'data/**', '.kg/**', 'seeds/**', 'test/fixtures/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2023, sourceType: 'module' },
    rules: {
      // The text normaliser matches lone combining marks and joiners on purpose.
      'no-misleading-character-class': 'off',
      // `_name` marks a parameter kept for its position in a signature.
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none', ignoreRestSiblings: true },
      ],
    },
  },
  // Plain Node scripts.
  { files: ['**/*.mjs'], languageOptions: { globals: { console: 'readonly', process: 'readonly', URL: 'readonly' } } },
  // Memory tests drop references on purpose (`x = undefined`) so the collector can take them.
  { files: ['bench/memory-model.ts', 'test/cli/memory.test.ts'], rules: { 'no-useless-assignment': 'off' } },
  // Ids beyond 2^53 are the point of this test: kg must keep their digits as written.
  { files: ['test/pipeline/ingest-dedupe.test.ts'], rules: { 'no-loss-of-precision': 'off' } },
);
