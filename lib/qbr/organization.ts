import { monthsWithData } from '@/db/queries/qbr/metrics';
import { findQbrOrganization, homeOrganization, listQbrOrganizations, type QbrOrganizationRow } from '@/db/queries/qbr/organizations';
import { authorize, can, scopeOf } from '@/lib/auth/policy';
import type { RequestContext } from '@/lib/core/context';
import { notFound } from '@/lib/core/errors';
import { orgDto, type QbrOrganization } from './dto';
import { addQuarters, quarterOf, type QuarterPeriod } from './model/periods';

// Which organisation a QBR read is about. Superusers default to the home
// organisation (the company scorecard), everyone else to their own client
// view; another tenant's organisation is "not found".

export async function resolveQbrOrganization(ctx: RequestContext, organizationId?: number): Promise<QbrOrganizationRow> {
  authorize(ctx.actor, 'qbr:read');
  let org: QbrOrganizationRow | undefined;
  if (organizationId === undefined) {
    org = can(ctx.actor, 'qbr:company') ? await homeOrganization(ctx.db) : await findQbrOrganization(ctx.db, ctx.actor.organizationId);
  } else {
    authorize(ctx.actor, 'qbr:read', { organizationId }, 'Organisation');
    org = await findQbrOrganization(ctx.db, organizationId);
  }
  if (!org) throw notFound('Organisation');
  // The MSP's own numbers are the company scorecard: superusers only.
  if (org.is_home) authorize(ctx.actor, 'qbr:company');
  return org;
}

/** The organisations the caller may choose from, the home organisation first. */
export async function listQbrOrganizationsFor(ctx: RequestContext): Promise<QbrOrganization[]> {
  authorize(ctx.actor, 'qbr:read');
  return (await listQbrOrganizations(ctx.db, scopeOf(ctx.actor))).map(orgDto);
}

/** The quarter to show when none is asked for: the last finished one with data, else the latest with data. */
export async function defaultQuarter(ctx: RequestContext, org: QbrOrganizationRow, now: Date = new Date()): Promise<QuarterPeriod> {
  const months = await monthsWithData(ctx.db, org.id);
  const finished = addQuarters(quarterOf(now), -1);
  if (months.length === 0) return finished;
  const withData = new Set(months.map((m) => quarterOf(new Date(`${m}-01T00:00:00Z`)).key));
  return withData.has(finished.key) ? finished : quarterOf(new Date(`${months[0]}-01T00:00:00Z`));
}
