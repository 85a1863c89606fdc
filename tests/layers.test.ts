import path from 'node:path';
import { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import layers, { importViolation } from '@/eslint/layers.mjs';

// The layer rules of ARCHITECTURE.md, as the lint step applies them.

const allowed = (file: string, specifier: string, typeOnly = false) => importViolation(file, specifier, typeOnly) === null;

describe('layer rules: imports', () => {
  it('keeps db/ below lib/: only lib/core/env', () => {
    expect(allowed('db/index.ts', '@/lib/core/env')).toBe(true);
    expect(allowed('db/queries/qbr.ts', '@/lib/qbr/periods')).toBe(false);
    expect(allowed('db/queries/qbr.ts', '@/lib/auth/policy', true)).toBe(false);
    expect(allowed('db/queries/qbr.ts', '../../lib/core/errors')).toBe(false);
    expect(allowed('db/queries/qbr.ts', '@/db/scope')).toBe(true);
    expect(allowed('db/queries/qbr.ts', '@/components/ui/table')).toBe(false);
  });

  it('keeps everything below the pages off app/ and components/', () => {
    expect(allowed('lib/qbr/report.ts', '@/components/qbr/format')).toBe(false);
    expect(allowed('jobs/registry.ts', '@/app/api/status/route')).toBe(false);
    expect(allowed('app/api/qbr/report/route.ts', '@/components/qbr/format')).toBe(true);
    expect(allowed('components/qbr/card.tsx', '../ui/table')).toBe(true);
  });

  it('keeps pages and components off the database, even for types', () => {
    for (const file of ['app/(dashboard)/qbr/page.tsx', 'app/api/status/route.ts', 'components/qbr/trend-chart.tsx']) {
      expect(allowed(file, '@/db', true)).toBe(false);
      expect(allowed(file, '@/db/types', true)).toBe(false);
      expect(allowed(file, 'kysely', true)).toBe(false);
      expect(allowed(file, 'pg')).toBe(false);
    }
  });

  it('lets components take only types from a slice dto', () => {
    expect(allowed('components/qbr/card.tsx', '@/lib/qbr/dto', true)).toBe(true);
    expect(allowed('components/qbr/card.tsx', '@/lib/qbr/dto', false)).toBe(false);
    expect(allowed('components/qbr/card.tsx', '@/lib/qbr', true)).toBe(false);
    expect(allowed('components/qbr/card.tsx', '@/components/ui/table')).toBe(true);
  });

  it('opens a slice to others only through its index.ts', () => {
    expect(allowed('lib/qbr/report.ts', '@/lib/inventory')).toBe(true);
    expect(allowed('lib/qbr/report.ts', '@/db/queries/inventory/snapshots')).toBe(false);
    expect(allowed('lib/drupal/sites.ts', '@/db/queries/admin/organizations')).toBe(false);
    expect(allowed('lib/drupal/sites.ts', '@/db/queries/drupal/sites')).toBe(true);
    expect(allowed('lib/drupal/sites.ts', '@/db/queries/organizations')).toBe(true);
    expect(allowed('lib/qbr/report.ts', '@/lib/inventory/index')).toBe(true);
    expect(allowed('lib/qbr/report.ts', '@/lib/inventory/status')).toBe(false);
    expect(allowed('app/api/status/route.ts', '@/lib/inventory/status')).toBe(false);
    expect(allowed('app/api/status/route.ts', '@/lib/inventory/dto', true)).toBe(true);
    expect(allowed('lib/inventory/status.ts', './freshness')).toBe(true);
    expect(allowed('lib/inventory/windows11/assess.ts', '../status')).toBe(true);
    expect(allowed('jobs/registry.ts', '@/lib/drupal')).toBe(true);
  });

  it('keeps the spine free of slices and lib/core free of everything but db', () => {
    expect(allowed('lib/jobs/queue.ts', '@/lib/drupal')).toBe(false);
    expect(allowed('lib/http/route.ts', '@/lib/inventory')).toBe(false);
    expect(allowed('lib/mail/send.ts', '@/lib/drupal')).toBe(false);
    expect(allowed('lib/auth/policy.ts', '@/lib/core/errors')).toBe(true);
    expect(allowed('lib/core/audit.ts', '@/db/queries/audit')).toBe(true);
    expect(allowed('lib/core/audit.ts', '@/lib/auth/policy')).toBe(false);
    expect(allowed('lib/core/logger.ts', './env')).toBe(true);
  });

  it('keeps lib/collectors above the slices: it uses their index.ts, and nothing in lib/ uses it', () => {
    expect(allowed('lib/collectors/collectors.ts', '@/lib/inventory')).toBe(true);
    expect(allowed('lib/collectors/status.ts', '@/lib/qbr')).toBe(true);
    expect(allowed('lib/collectors/collectors.ts', '@/lib/inventory/control')).toBe(false);
    expect(allowed('lib/collectors/index.ts', './status')).toBe(true);
    expect(allowed('app/api/collectors/run/route.ts', '@/lib/collectors')).toBe(true);
    expect(allowed('jobs/registry.ts', '@/lib/collectors')).toBe(true);
    expect(allowed('lib/inventory/status.ts', '@/lib/collectors')).toBe(false);
    expect(allowed('lib/qbr/freshness.ts', '@/lib/collectors/status', true)).toBe(false);
    expect(allowed('lib/jobs/queue-run.ts', '@/lib/collectors')).toBe(false);
    expect(allowed('lib/demo/bootstrap.ts', '../collectors')).toBe(false);
  });

  it('reaches simulators only through a vendor source', () => {
    expect(allowed('lib/vendors/ninjaone/source.ts', '@/lib/simulators/ninjaone')).toBe(true);
    expect(allowed('lib/vendors/ninjaone/client.ts', '@/lib/simulators/ninjaone')).toBe(false);
    expect(allowed('lib/inventory/demo.ts', '@/lib/simulators/fleet')).toBe(false);
    expect(allowed('lib/simulators/ninjaone.ts', './fleet')).toBe(true);
  });

  it('leaves tests, end-to-end journeys and benchmarks free', () => {
    expect(allowed('tests/qbr/api.int.test.ts', '@/db/types')).toBe(true);
    expect(allowed('lib/qbr/smartnumbers.test.ts', '@/db')).toBe(true);
    expect(allowed('bench/drupal-ingest.ts', '@/lib/drupal/ingest')).toBe(true);
  });
});

describe('layer rules: SQL only in db/', () => {
  const linter = new Linter({ configType: 'flat', cwd: path.resolve(import.meta.dirname, '..') });
  const lint = (file: string, code: string) =>
    linter
      .verify(code, [{ files: ['**/*.ts'], plugins: { layers }, rules: { 'layers/imports': 'error', 'layers/sql-in-db': 'error' } }], { filename: file })
      .map((m) => m.ruleId);
  const query = "import { sql } from 'kysely';\nexport const q = (db) => db.selectFrom('sites').selectAll().execute();\nexport const r = (db) => sql`select 1`.execute(db);\n";

  it('refuses query builders, sql templates and Kysely values outside db/', () => {
    expect(lint('lib/drupal/sites.ts', query)).toEqual(['layers/imports', 'layers/sql-in-db', 'layers/sql-in-db']);
    expect(lint('app/api/x/route.ts', query).filter((r) => r === 'layers/sql-in-db')).toHaveLength(2);
  });

  it('accepts them in db/ and in tests', () => {
    expect(lint('db/queries/drupal/sites.ts', query)).toEqual([]);
    expect(lint('tests/drupal/sites.int.test.ts', query)).toEqual([]);
  });
});
