import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

// The server side, and the SPA's TypeScript modules; its .vue files are checked by
// vue-tsc (types, templates, directive values) and its component tests.
export default tseslint.config(
  {
    ignores: [
      '**/dist/**',
      '**/node_modules/**',
      // Generated: the API types (openapi-typescript) and the component registry (unplugin).
      'apps/web/src/api/schema.d.ts',
      'apps/web/src/components.d.ts',
      '.data/**',
      'coverage/**',
      'test-results/**',
      'openapi/**',
    ],
  },
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
          paths: [
            {
              name: '@nestjs/common',
              importNames: ['ParseUUIDPipe'],
              message: "Use ParseUuidPipe from @zhongshu/platform: its 400 names the parameter (Nest's says only 'uuid is expected').",
            },
          ],
        },
      ],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-unsafe-function-type': 'off',
    },
  },
  {
    files: ['apps/web/src/**/*.ts'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
