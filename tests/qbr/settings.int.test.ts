import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '@/db';
import type { RequestContext } from '@/lib/core/context';
import { AppError } from '@/lib/core/errors';
import { logger } from '@/lib/core/logger';
import { getQbrSettings, saveThresholdFor } from '@/lib/qbr';
import { METRIC_KEYS, SMARTNUMBER_KEYS } from '@/lib/qbr/model/smartnumbers';
import { useTestDatabase } from '@/tests/db';
import { seedWorld, type World } from '@/tests/fixtures';

// What the QBR settings page shows, read through the slice as the page does.

let database: Awaited<ReturnType<typeof useTestDatabase>>;
let db: Db;
let world: World;

const ctxOf = (user: World['superuser']): RequestContext => ({
  db,
  actor: { kind: 'user', userId: user.id, organizationId: user.organizationId, role: user.role, sessionId: 'test', name: user.email, email: user.email },
  requestId: 'test',
  ip: null,
  log: logger,
});

beforeAll(async () => {
  database = await useTestDatabase();
  db = database.db;
  world = await seedWorld(db);
});
afterAll(async () => database.drop());

describe('the QBR settings read', () => {
  it('gives a superuser the home organisation, every organisation, and a threshold row per SmartNumber and client measure', async () => {
    const s = await getQbrSettings(ctxOf(world.superuser), {});
    expect(s.organization).toEqual({ id: world.home, name: 'Home MSP', is_home: true });
    expect(s.organizations.map((o) => o.name)).toEqual(['Home MSP', 'Tenant A', 'Tenant B']);
    expect(s.thresholds.map((t) => t.metric_name)).toEqual([...SMARTNUMBER_KEYS, 'sla_attainment_pct', 'avg_response_hours', 'aged_backlog']);
    expect(s.thresholds.find((t) => t.metric_name === 'sla_attainment_pct')!.label).toBe('SLA attainment (client report)');
    expect(s.thresholds.find((t) => t.metric_name === 'rhem')!.threshold).toMatchObject({ direction: 'lower_is_better', scope: 'global' });
    expect(s.manual_metrics.map((m) => m.key)).toEqual(METRIC_KEYS);
    expect(s.manual_metrics.find((m) => m.key === 'mrr')).toMatchObject({ origin: 'quickbooks', mayBeNegative: true });
    expect(s.manual_metrics.find((m) => m.key === 'employees')).toMatchObject({ origin: 'manual', mayBeNegative: false });
    expect(s.default_month).toMatch(/^\d{4}-\d{2}$/);
    expect(s.account_categories).toContain('ignore');
    expect(s.config.reactive_boards).toEqual(['Help Desk']);
  });

  it("shows an organisation's own threshold over the default", async () => {
    const su = ctxOf(world.superuser);
    await saveThresholdFor(su, { metric_name: 'rhem', organization_id: world.orgA, direction: 'lower_is_better', green: 0.4, yellow: 0.8, notes: null });
    const own = await getQbrSettings(su, { organization_id: world.orgA });
    expect(own.organization.name).toBe('Tenant A');
    expect(own.thresholds.find((t) => t.metric_name === 'rhem')!.threshold).toEqual({ direction: 'lower_is_better', green: 0.4, yellow: 0.8, scope: 'organization', notes: null });
    const other = await getQbrSettings(su, { organization_id: world.orgB });
    expect(other.thresholds.find((t) => t.metric_name === 'rhem')!.threshold).toMatchObject({ scope: 'global' });
  });

  it('is for superusers only', async () => {
    const refused = await getQbrSettings(ctxOf(world.adminA), { organization_id: world.orgA }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(AppError);
    expect((refused as AppError).code).toBe('forbidden');
  });
});
