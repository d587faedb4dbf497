import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

// The SPA is checked by vue-tsc and its own tests; this covers the server side.
export default tseslint.config(
  { ignores: ['**/dist/**', '**/node_modules/**', 'apps/web/**', '.data/**', 'coverage/**', 'test-results/**', 'openapi/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts', '**/*.js', '**/*.mjs', '**/*.cjs'],
    languageOptions: { globals: { ...globals.node } },
    rules: {
      'no-restricted-syntax': [
        'error',
        { selector: 'ExportAllDeclaration', message: 'Export by name: an index says exactly what others may use (STYLE 10).' },
      ],
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['@zhongshu/*/*'], message: 'Import a library by its name only; deep imports bypass its index.' },
            { group: ['**/libs/*/src/**'], message: 'Import another library as @zhongshu/<name>, not by relative path.' },
          ],
        },
      ],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-unsafe-function-type': 'off',
    },
  },
  {
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
