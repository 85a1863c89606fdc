// ConnectWise → monthly QBR inputs. Fetches everything first (nothing is
// written when the vendor fails part-way), then turns tickets and time
// entries into per-organisation monthly values: reactive tickets created and
// closed, reactive hours, SLA and first-response figures, the aged backlog
// of the current month, and active agreements.

import type { VendorMappingRow } from '@/db/queries/qbr/config';
import type { NewMonthlyRow } from '@/db/queries/qbr/metrics';
import type { ConnectWiseClient, CwAgreement, CwTicket, CwTimeEntry } from '@/lib/vendors/connectwise/client';
import { cwAnd, cwDate, cwString, ticketsClosedConditions, ticketsEnteredConditions, serviceTimeConditions } from '@/lib/vendors/connectwise/conditions';
import { periodDates, type MonthPeriod } from './model/periods';

export const CONNECTWISE_METRICS = [
  'reactive_tickets_created',
  'reactive_tickets_closed',
  'reactive_time_spent',
  'tickets_with_sla',
  'tickets_in_sla',
  'response_hours_total',
  'tickets_responded',
  'agreements',
] as const;

const AGED_DAYS = 30;
const DAY_MS = 86_400_000;

export type ConnectWiseFetch = { tickets: CwTicket[]; closed: CwTicket[]; time: CwTimeEntry[]; open: CwTicket[]; agreements: CwAgreement[] };

export type CwCollectInput = {
  boards: readonly string[];
  closedStatuses: readonly string[];
  months: readonly MonthPeriod[];
  now: Date;
};

/** Every request the collection needs, board by board. */
export async function fetchConnectWise(client: ConnectWiseClient, input: CwCollectInput, onStep?: (what: string) => Promise<void>): Promise<ConnectWiseFetch> {
  const from = periodDates(input.months[0]!).start;
  const to = periodDates(input.months[input.months.length - 1]!).nextStart;
  const out: ConnectWiseFetch = { tickets: [], closed: [], time: [], open: [], agreements: [] };
  for (const board of input.boards) {
    await onStep?.(`tickets on ${board}`);
    out.tickets.push(...(await client.listServiceTickets({ conditions: ticketsEnteredConditions({ board, from, to }), orderBy: 'id asc' })));
    out.closed.push(...(await client.listServiceTickets({ conditions: ticketsClosedConditions({ board, statuses: input.closedStatuses, from, to }), orderBy: 'id asc' })));
    out.open.push(
      ...(await client.listServiceTickets({
        conditions: cwAnd(`board/name=${cwString(board)}`, 'parentTicketId = null', 'closedFlag = false', `dateEntered < ${cwDate(new Date(input.now.getTime() - AGED_DAYS * DAY_MS))}`),
        orderBy: 'id asc',
      })),
    );
  }
  await onStep?.('time entries');
  out.time = await client.listTimeEntries({ conditions: serviceTimeConditions({ from, to }), orderBy: 'id asc' });
  await onStep?.('agreements');
  out.agreements = await client.listAgreements({ orderBy: 'id asc' });
  return out;
}

const monthOfIso = (iso: string | null): string | null => (iso && /^\d{4}-\d{2}/.test(iso) ? new Date(iso).toISOString().slice(0, 7) : null);

function isActiveIn(a: CwAgreement, month: MonthPeriod): boolean {
  const { start, end } = periodDates(month);
  const started = a.startDate === null || a.startDate.slice(0, 10) <= end;
  const notEnded = a.hasNoEndDate || (a.endDate !== null && a.endDate.slice(0, 10) >= start);
  if (a.isCancelled && a.endDate === null) return false;
  return started && notEnded;
}

/**
 * Monthly rows for the home organisation (everything) and each mapped
 * client organisation. Mapped clients and the home organisation get a value
 * for every month, 0 included; tickets of unmapped companies count only in
 * the MSP-wide numbers.
 */
export function connectWiseRows(data: ConnectWiseFetch, input: CwCollectInput & { homeId: number; mappings: readonly VendorMappingRow[] }): { rows: NewMonthlyRow[]; backlog: NewMonthlyRow[] } {
  const orgOfCompany = new Map(input.mappings.map((m) => [m.external_id, m.organization_id]));
  const boards = new Set(input.boards.map((b) => b.toLowerCase()));
  const statuses = new Set(input.closedStatuses);
  const monthKeys = new Set(input.months.map((m) => m.key));
  const orgs = [input.homeId, ...new Set(input.mappings.map((m) => m.organization_id))];
  const values = new Map<string, number>();
  const add = (org: number, month: string, metric: string, by: number) => values.set(`${org}|${month}|${metric}`, (values.get(`${org}|${month}|${metric}`) ?? 0) + by);
  const orgsOf = (companyId: number | null) => {
    const client = companyId === null ? undefined : orgOfCompany.get(String(companyId));
    return client !== undefined && client !== input.homeId ? [input.homeId, client] : [input.homeId];
  };

  const seen = new Set<number>();
  for (const t of data.tickets) {
    if (seen.has(t.id) || t.parentTicketId !== null) continue;
    seen.add(t.id);
    const month = monthOfIso(t.enteredAt);
    if (!month || !monthKeys.has(month)) continue;
    for (const org of orgsOf(t.companyId)) {
      add(org, month, 'reactive_tickets_created', 1);
      if (t.isInSla !== null) {
        add(org, month, 'tickets_with_sla', 1);
        if (t.isInSla) add(org, month, 'tickets_in_sla', 1);
      }
      if (t.respondedAt && t.enteredAt) {
        const hours = (Date.parse(t.respondedAt) - Date.parse(t.enteredAt)) / 3_600_000;
        if (Number.isFinite(hours) && hours >= 0) {
          add(org, month, 'response_hours_total', hours);
          add(org, month, 'tickets_responded', 1);
        }
      }
    }
  }
  const seenClosed = new Set<number>();
  for (const t of data.closed) {
    if (seenClosed.has(t.id) || t.parentTicketId !== null || (t.statusName !== null && !statuses.has(t.statusName))) continue;
    seenClosed.add(t.id);
    const month = monthOfIso(t.closedAt);
    if (!month || !monthKeys.has(month)) continue;
    for (const org of orgsOf(t.companyId)) add(org, month, 'reactive_tickets_closed', 1);
  }
  // Entries name their ticket's board; without it, fall back to the reactive tickets fetched.
  const reactiveIds = new Set([...data.tickets, ...data.closed, ...data.open].map((t) => t.id));
  for (const e of data.time) {
    if (e.chargeToType !== null && e.chargeToType !== 'ServiceTicket') continue;
    const onBoard = e.ticketBoard !== null ? boards.has(e.ticketBoard.toLowerCase()) : e.ticketId !== null && reactiveIds.has(e.ticketId);
    if (!onBoard) continue;
    const month = monthOfIso(e.timeStart);
    if (!month || !monthKeys.has(month)) continue;
    for (const org of orgsOf(e.companyId)) add(org, month, 'reactive_time_spent', e.actualHours);
  }
  for (const a of data.agreements) {
    for (const m of input.months) if (isActiveIn(a, m)) for (const org of orgsOf(a.companyId)) add(org, m.key, 'agreements', 1);
  }

  const rows: NewMonthlyRow[] = [];
  for (const org of orgs) {
    for (const m of input.months) {
      for (const metric of CONNECTWISE_METRICS) {
        const v = values.get(`${org}|${m.key}|${metric}`) ?? 0;
        rows.push({ organization_id: org, period: m.key, metric_name: metric, value: Math.round(v * 10_000) / 10_000, notes: `ConnectWise, boards: ${input.boards.join(', ')}` });
      }
    }
  }

  // The backlog is a state: it belongs to the month being lived in, when that month is collected.
  const current = input.now.toISOString().slice(0, 7);
  const backlog: NewMonthlyRow[] = [];
  if (monthKeys.has(current)) {
    const counts = new Map<number, number>(orgs.map((o) => [o, 0]));
    const seenOpen = new Set<number>();
    for (const t of data.open) {
      if (seenOpen.has(t.id) || t.parentTicketId !== null || t.isClosed) continue;
      seenOpen.add(t.id);
      for (const org of orgsOf(t.companyId)) counts.set(org, (counts.get(org) ?? 0) + 1);
    }
    for (const [org, n] of counts) backlog.push({ organization_id: org, period: current, metric_name: 'aged_backlog', value: n, notes: `Open reactive tickets older than ${AGED_DAYS} days on ${input.now.toISOString().slice(0, 10)}` });
  }
  return { rows, backlog };
}
