import { describe, it, expect } from 'vitest';
import { ConditionSyntaxError, evaluateConditions, parseConditions } from '@/lib/simulators/connectwise-conditions';
import { cwAnd, cwDate, cwList, cwString, serviceTimeConditions, ticketsClosedConditions, ticketsEnteredConditions } from './conditions';

const ticket = {
  id: 42,
  summary: 'Printer "HP" offline',
  board: { id: 1, name: 'Help Desk' },
  status: { id: 562, name: '>Closed' },
  company: { id: 19300, name: 'Acme Dental' },
  parentTicketId: null,
  closedFlag: true,
  closedDate: '2025-07-15T10:00:00Z',
  actualHours: 1.5,
  _info: { dateEntered: '2025-07-01T09:00:00Z' },
};

const matches = (conditions: string, record: unknown = ticket) => evaluateConditions(parseConditions(conditions), record);

describe('condition builders', () => {
  it('quotes strings, dates and lists', () => {
    expect(cwString('Help Desk')).toBe('"Help Desk"');
    expect(cwString('say "hi" \\ bye')).toBe('"say \\"hi\\" \\\\ bye"');
    expect(cwDate('2025-07-01')).toBe('[2025-07-01T00:00:00Z]');
    expect(cwDate(new Date('2025-07-01T12:34:56.789Z'))).toBe('[2025-07-01T12:34:56Z]');
    expect(() => cwDate('not a date')).toThrow(RangeError);
    expect(cwList(['>Closed', 'Closed'])).toBe('(">Closed","Closed")');
    expect(cwList([1, 2])).toBe('(1,2)');
  });

  it('joins parts with and, skipping empty ones and wrapping ors', () => {
    expect(cwAnd('a=1', undefined, false, '', 'b=2 or c=3')).toBe('a=1 and (b=2 or c=3)');
  });

  it('builds the QBR ticket and time conditions', () => {
    expect(ticketsEnteredConditions({ board: 'Help Desk', from: '2025-07-01', to: '2025-08-01' })).toBe(
      'board/name="Help Desk" and parentTicketId = null and dateEntered >= [2025-07-01T00:00:00Z] and dateEntered < [2025-08-01T00:00:00Z]',
    );
    expect(ticketsClosedConditions({ board: 'Help Desk', statuses: ['>Closed', 'Closed'], from: '2025-07-01', to: '2025-08-01', companyId: 5 })).toBe(
      'board/name="Help Desk" and parentTicketId = null and company/id=5 and status/name in (">Closed","Closed") and closedDate >= [2025-07-01T00:00:00Z] and closedDate < [2025-08-01T00:00:00Z]',
    );
    expect(serviceTimeConditions({ from: '2025-07-01', to: '2025-08-01' })).toBe(
      'chargeToType="ServiceTicket" and timeStart >= [2025-07-01T00:00:00Z] and timeStart < [2025-08-01T00:00:00Z]',
    );
  });
});

describe('parseConditions / evaluateConditions', () => {
  it('compares nested fields, case-insensitively for strings', () => {
    expect(matches('board/name="Help Desk"')).toBe(true);
    expect(matches("board/name='help desk'")).toBe(true);
    expect(matches('board/name="Alerts"')).toBe(false);
    expect(matches('company/id=19300')).toBe(true);
    expect(matches('company/id!=19300')).toBe(false);
    expect(matches('actualHours > 1 and actualHours <= 1.5')).toBe(true);
    expect(matches('closedFlag = true')).toBe(true);
    expect(matches('closedFlag = false')).toBe(false);
  });

  it('reads dateEntered from _info and compares dates', () => {
    expect(matches('dateEntered >= [2025-07-01T00:00:00Z] and dateEntered < [2025-08-01T00:00:00Z]')).toBe(true);
    expect(matches('dateEntered < [2025-07-01T00:00:00Z]')).toBe(false);
    expect(matches('closedDate > [2025-07-15T09:59:59Z]')).toBe(true);
  });

  it('handles null, in, not in, like, contains and escaped quotes', () => {
    expect(matches('parentTicketId = null')).toBe(true);
    expect(matches('parentTicketId != null')).toBe(false);
    expect(matches('parentTicketId = null', { ...ticket, parentTicketId: 7 })).toBe(false);
    expect(matches('status/name in (">Closed", "Closed")')).toBe(true);
    expect(matches('status/name not in (">Closed", "Closed")')).toBe(false);
    expect(matches('summary like "Printer%"')).toBe(true);
    expect(matches('summary like "%scanner%"')).toBe(false);
    expect(matches('summary contains "offline"')).toBe(true);
    expect(matches('summary not contains "offline"')).toBe(false);
    expect(matches('summary contains "\\"HP\\""')).toBe(true);
  });

  it('honours and/or precedence and parentheses', () => {
    expect(matches('board/name="Alerts" or company/id=19300 and closedFlag=true')).toBe(true);
    expect(matches('(board/name="Alerts" or company/id=19300) and closedFlag=false')).toBe(false);
    expect(matches('board/name="Alerts" OR (company/id=1 AND closedFlag=true)')).toBe(false);
  });

  it('matches everything when empty and rejects bad syntax', () => {
    expect(parseConditions('   ')).toBeNull();
    expect(matches('')).toBe(true);
    for (const bad of ['board/name=', 'board/name "x"', '(a=1', 'a=1 and', 'a = "open', 'a in 1', 'dateEntered > [nope]', 'a=1 b=2']) {
      expect(() => parseConditions(bad), bad).toThrow(ConditionSyntaxError);
    }
  });
});
