import { defineConfig } from 'vitest/config';

// Unit tests run once. Integration tests (*.int.test.ts) run on the
// embedded database always, and again on PostgreSQL when TEST_DATABASE_URL
// is set.
const shared = {
  environment: 'node' as const,
  testTimeout: 30_000,
  hookTimeout: 60_000,
  pool: 'forks' as const,
  setupFiles: ['./tests/setup-env.ts'],
};
const exclude = ['node_modules/**', '.next/**', '.tools/**', 'e2e/**', '.data/**'];

export default defineConfig({
  resolve: { alias: { '@': import.meta.dirname } },
  test: {
    projects: [
      { extends: true, test: { ...shared, name: 'unit', include: ['**/*.test.ts'], exclude: [...exclude, '**/*.int.test.ts'] } },
      { extends: true, test: { ...shared, name: 'pglite', include: ['**/*.int.test.ts'], exclude, env: { TEST_DB: 'pglite' } } },
      ...(process.env.TEST_DATABASE_URL
        ? [{ extends: true, test: { ...shared, name: 'postgres', include: ['**/*.int.test.ts'], exclude, env: { TEST_DB: 'postgres' } } }]
        : []),
    ],
  },
});
