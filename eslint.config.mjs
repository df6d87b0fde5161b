// ESLint for the whole repository: typescript-eslint's recommended rules (syntax-level, no type
// information: `npm run typecheck` does the typed checks) and React's hooks rules for the mini-program.
// `npm run lint` must report zero warnings; `npm test` runs it.
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';

export default tseslint.config(
  { ignores: ['**/node_modules/**', '**/dist/**', '.cache/**', '.data/**', '.e2e-artifacts/**', 'coverage/**', 'miniapp/types/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['warn', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none', ignoreRestSiblings: true }],
      // Route handlers, test doubles and JSON from the API are typed at their edges; `any` inside tests is allowed.
      '@typescript-eslint/no-explicit-any': 'warn',
    },
  },
  {
    files: ['miniapp/src/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'warn' },
  },
  {
    files: ['**/test/**', '**/*.test.ts', 'scripts/**', 'bff/test/**'],
    rules: { '@typescript-eslint/no-explicit-any': 'off', '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['**/*.js', '**/*.cjs', '**/*.mjs'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
