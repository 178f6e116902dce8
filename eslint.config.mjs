import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', 'data/**', 'coverage/**', 'screenshots/**', '.tmp/**', '**/*.js', '**/*.mjs'] },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    languageOptions: { parserOptions: { project: './tsconfig.json', tsconfigRootDir: import.meta.dirname } },
    rules: {
      eqeqeq: 'error',
      'no-shadow': 'off',
      '@typescript-eslint/no-shadow': 'error',
      'prefer-const': 'error',
      'require-await': 'off',
      '@typescript-eslint/require-await': 'error',
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      'no-console': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      'no-restricted-syntax': [
        'error',
        { selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']", message: 'Read the time from the Clock.' },
        { selector: 'NewExpression[callee.name="Date"][arguments.length=0]', message: 'Read the time from the Clock.' },
        { selector: "ThrowStatement > NewExpression[callee.name='Error']", message: 'Throw a DomainError subclass (src/shared/errors.ts).' },
      ],
    },
  },
  {
    files: ['src/engine/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [
          { group: ['express', 'handlebars', 'kysely', 'pg', 'agenda', '@agendajs/*', '@electric-sql/*'], message: 'The engine is free of HTTP, HTML, SQL and the scheduler: use a port (src/engine/ports.ts).' },
          { group: ['**/db/**', '**/api/**', '**/ui/**', '**/scheduler/**', '**/config/**'], message: 'The engine imports only src/shared and itself.' },
        ] },
      ],
    },
  },
  {
    files: ['src/shared/clock.ts', 'src/shared/virtual-clock.ts'],
    rules: { 'no-restricted-syntax': 'off' },
  },
  {
    files: ['src/cli/**/*.ts', 'bench/**/*.ts', 'scripts/**/*.ts'],
    rules: { 'no-console': 'off' },
  },
  {
    files: ['test/**/*.ts', 'bench/**/*.ts', 'scripts/**/*.ts'],
    rules: { 'no-restricted-syntax': 'off', '@typescript-eslint/no-non-null-assertion': 'off' },
  },
);
