import next from 'eslint-config-next';
import layers from './eslint/layers.mjs';

const config = [
  { ignores: ['.next/**', 'node_modules/**', '.tools/**', '.data/**', 'test-results/**', 'playwright-report/**', 'next-env.d.ts', '**/*.d.mts'] },
  ...next,
  {
    // The layers of ARCHITECTURE.md.
    files: ['**/*.{ts,tsx,mts}'],
    plugins: { layers },
    rules: { 'layers/imports': 'error', 'layers/sql-in-db': 'error' },
  },
  {
    // lib/core/env.ts is the only reader of process.env.
    files: ['lib/**/*.ts', 'db/**/*.ts', 'app/**/*.{ts,tsx}', 'components/**/*.{ts,tsx}', 'jobs/**/*.ts'],
    // Tests set variables to exercise settings; the product reads them in one place.
    ignores: ['lib/core/env.ts', '**/*.test.ts'],
    rules: { 'no-restricted-properties': ['error', { object: 'process', property: 'env', message: 'Read settings through lib/core/env.ts' }] },
  },
];

export default config;
