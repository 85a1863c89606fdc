import { describe, expect, it } from 'vitest';
import type { CwAgreement, CwTicket, CwTimeEntry } from '@/lib/vendors/connectwise/client';
import { connectWiseRows } from './collect-connectwise';
import { monthPeriod } from './model/periods';

const ticket = (id: number, patch: Partial<CwTicket>): CwTicket => ({
  id,
  summary: 't',
  recordType: 'ServiceTicket',
  boardId: 1,
  boardName: 'Help Desk',
  statusName: 'New',
  companyId: 100,
  companyIdentifier: null,
  companyName: null,
  typeName: null,
  priorityName: null,
  agreementId: null,
  parentTicketId: null,
  isClosed: false,
  enteredAt: '2025-05-03T10:00:00Z',
  closedAt: null,
  respondedAt: null,
  resolvedAt: null,
  actualHours: null,
  isInSla: null,
  updatedAt: null,
  ...patch,
});
const entry = (id: number, patch: Partial<CwTimeEntry>): CwTimeEntry => ({
  id,
  companyId: 100,
  companyName: null,
  chargeToType: 'ServiceTicket',
  chargeToId: 1,
  ticketId: 1,
  ticketBoard: 'Help Desk',
  memberIdentifier: null,
  workType: null,
  agreementId: null,
  timeStart: '2025-05-04T10:00:00Z',
  timeEnd: null,
  actualHours: 1.5,
  billableOption: null,
  status: null,
  enteredAt: null,
  ...patch,
});
const agreement = (patch: Partial<CwAgreement>): CwAgreement => ({ id: 1, name: 'a', typeName: null, companyId: 100, companyName: null, status: 'Active', isCancelled: false, startDate: '2025-01-01T00:00:00Z', endDate: null, hasNoEndDate: true, billAmount: null, billingCycle: null, applicationUnits: null, ...patch });

describe('ConnectWise → monthly rows', () => {
  const months = [monthPeriod(2025, 4), monthPeriod(2025, 5)];
  const input = { boards: ['Help Desk'], closedStatuses: ['>Closed'], months, now: new Date('2025-05-20T00:00:00Z'), homeId: 1, mappings: [{ organization_id: 7, vendor: 'connectwise' as const, external_id: '100', external_name: 'Client' }] };
  const data = {
    tickets: [
      ticket(1, { isInSla: true, respondedAt: '2025-05-03T12:00:00Z' }),
      ticket(2, { isInSla: false, respondedAt: '2025-05-03T09:00:00Z' }), // response before entry is ignored
      ticket(3, { parentTicketId: 1 }), // a child ticket is not counted
      ticket(4, { companyId: 555 }), // unmapped company: the MSP only
      ticket(1, { isInSla: true }), // the same ticket from a second board query
    ],
    closed: [ticket(5, { statusName: '>Closed', closedAt: '2025-04-30T23:00:00Z', isClosed: true }), ticket(6, { statusName: 'Resolved', closedAt: '2025-05-02T00:00:00Z' })],
    time: [entry(1, {}), entry(2, { ticketBoard: 'Projects' }), entry(3, { ticketBoard: null, ticketId: 99 }), entry(4, { ticketBoard: null, ticketId: 5, actualHours: 0.5 })],
    open: [ticket(7, { enteredAt: '2025-03-01T00:00:00Z' }), ticket(8, { companyId: 555, enteredAt: '2025-02-01T00:00:00Z' })],
    agreements: [agreement({}), agreement({ id: 2, isCancelled: true, hasNoEndDate: false, endDate: '2025-04-15T00:00:00Z' }), agreement({ id: 3, startDate: '2025-05-10T00:00:00Z' })],
  };
  const { rows, backlog } = connectWiseRows(data, input);
  const value = (org: number, period: string, name: string) => rows.find((r) => r.organization_id === org && r.period === period && r.metric_name === name)?.value;

  it('counts parent tickets once, per client and for the MSP', () => {
    expect(value(7, '2025-05', 'reactive_tickets_created')).toBe(2);
    expect(value(1, '2025-05', 'reactive_tickets_created')).toBe(3);
    expect(value(7, '2025-04', 'reactive_tickets_created')).toBe(0);
    expect(value(7, '2025-05', 'tickets_with_sla')).toBe(2);
    expect(value(7, '2025-05', 'tickets_in_sla')).toBe(1);
    expect(value(7, '2025-05', 'tickets_responded')).toBe(1);
    expect(value(7, '2025-05', 'response_hours_total')).toBe(2);
  });

  it('counts closures by month with a closed status only', () => {
    expect(value(7, '2025-04', 'reactive_tickets_closed')).toBe(1);
    expect(value(7, '2025-05', 'reactive_tickets_closed')).toBe(0);
  });

  it('counts time on the reactive board, by the entry’s board or the ticket it is charged to', () => {
    expect(value(7, '2025-05', 'reactive_time_spent')).toBe(2); // 1.5 + 0.5
  });

  it('counts agreements active in each month', () => {
    expect(value(7, '2025-04', 'agreements')).toBe(2);
    expect(value(7, '2025-05', 'agreements')).toBe(2);
  });

  it('puts the aged backlog on the current month only', () => {
    expect(backlog).toEqual([
      expect.objectContaining({ organization_id: 1, period: '2025-05', metric_name: 'aged_backlog', value: 2 }),
      expect.objectContaining({ organization_id: 7, period: '2025-05', metric_name: 'aged_backlog', value: 1 }),
    ]);
  });
});
