import next from 'eslint-config-next';

const config = [
  { ignores: ['.next/**', 'node_modules/**', '.tools/**', '.data/**', 'test-results/**', 'playwright-report/**', 'next-env.d.ts'] },
  ...next,
  {
    // Client components and shared UI never reach the database.
    files: ['components/**/*.{ts,tsx}'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        { patterns: [{ group: ['@/db', '@/db/*', 'kysely', 'pg', '@electric-sql/*'], allowTypeImports: true }] },
      ],
    },
  },
  {
    // lib/env.ts is the only reader of process.env.
    files: ['lib/**/*.ts', 'db/**/*.ts', 'app/**/*.{ts,tsx}', 'components/**/*.{ts,tsx}', 'jobs/**/*.ts'],
    // Tests set variables to exercise settings; the product reads them in one place.
    ignores: ['lib/env.ts', '**/*.test.ts'],
    rules: { 'no-restricted-properties': ['error', { object: 'process', property: 'env', message: 'Read settings through lib/env.ts' }] },
  },
];

export default config;
