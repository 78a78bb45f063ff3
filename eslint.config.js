// Lint: typescript-eslint's recommended rules, plus the determinism rule of
// DESIGN.md: under src/, only the clock and random modules may touch ambient
// time or randomness.
import tseslint from 'typescript-eslint';

const ambient = [
  { selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']", message: 'Use the injected Clock (model/clock.ts), not Date.now().' },
  { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: 'Use the injected Clock, not new Date().' },
  { selector: "CallExpression[callee.object.name='Math'][callee.property.name='random']", message: 'Use the seeded Random (model/random.ts), not Math.random().' },
  { selector: "CallExpression[callee.name='setTimeout']", message: 'Schedule through the clock or an injected RxJS scheduler, not setTimeout.' },
  { selector: "CallExpression[callee.name='setInterval']", message: 'Schedule through the clock or an injected RxJS scheduler, not setInterval.' },
];

export default tseslint.config(
  { ignores: ['node_modules/**', '.chronokube/**', 'test/artifacts/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['src/**/*.ts'],
    ignores: ['src/runtime/**/*clock*.ts', 'src/model/random.ts', 'src/http/**', 'src/cli/**', 'src/ui/**'],
    rules: { 'no-restricted-syntax': ['error', ...ambient] },
  },
);
