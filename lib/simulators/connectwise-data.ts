// Deterministic ConnectWise Manage data for the simulator: client companies,
// service tickets, time entries and agreements from a start month to `now`.
// Every (client, month) draws from its own seeded stream, so extending `now`
// adds months without changing the earlier ones.

import { createRng, hashSeed } from './random';

export const REACTIVE_BOARD = 'Help Desk';
export const CLOSED_STATUSES = ['>Closed', '>Closed - No response', 'Closed'] as const;

export type CwDataOptions = {
  clients: readonly string[];
  /** Name of the MSP's own company (internal time is charged to it). */
  ownCompanyName?: string;
  seed?: number;
  /** First month with data, `YYYY-MM` (default 2023-01). */
  startMonth?: string;
  /** Data stops at this instant (default: the moment the simulator starts). */
  now?: Date;
};

type Ref = { id: number; name: string; identifier?: string; _info?: Record<string, string> };
export type RawCompany = Record<string, unknown> & { id: number; identifier: string; name: string };
export type RawTicket = Record<string, unknown> & { id: number; company: Ref; _info: { dateEntered: string; lastUpdated: string; enteredBy: string } };
export type RawTimeEntry = Record<string, unknown> & { id: number };
export type RawAgreement = Record<string, unknown> & { id: number };

export type CwData = {
  companies: RawCompany[];
  tickets: RawTicket[];
  timeEntries: RawTimeEntry[];
  agreements: RawAgreement[];
};

const identifierOf = (name: string) => name.replace(/[^A-Za-z0-9]/g, '').slice(0, 25) || 'Company';
const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

const MEMBERS = [
  { id: 244, identifier: 'jdoe', name: 'Jane Doe' },
  { id: 245, identifier: 'asmith', name: 'Alex Smith' },
  { id: 246, identifier: 'bkumar', name: 'Bina Kumar' },
  { id: 247, identifier: 'cnguyen', name: 'Chris Nguyen' },
];
const BOARDS = [
  { id: 1, name: REACTIVE_BOARD, weight: 0.8 },
  { id: 2, name: 'Alerts', weight: 0.12 },
  { id: 3, name: 'Projects', weight: 0.08 },
];
const STATUS_IDS: Record<string, number> = { New: 1, 'In Progress': 2, 'Waiting on Client': 3, '>Closed': 562, '>Closed - No response': 563, Closed: 564 };
const SUMMARIES = ['Outlook not syncing', 'Printer offline', 'Password reset', 'VPN will not connect', 'Slow computer', 'New user setup', 'Shared drive access', 'Teams audio problem', 'Laptop will not boot', 'Phishing email reported'];
const TYPES = [
  { id: 10, name: 'Incident' },
  { id: 11, name: 'Service Request' },
];
const HOURS = [0.25, 0.25, 0.5, 0.5, 0.75, 1, 1.5, 2];

function parseStart(month: string): { year: number; month: number } {
  const m = /^(\d{4})-(\d{2})$/.exec(month);
  if (!m || Number(m[2]) < 1 || Number(m[2]) > 12) throw new RangeError(`Invalid start month: ${month}`);
  return { year: Number(m[1]), month: Number(m[2]) };
}

export function generateConnectWiseData(options: CwDataOptions): CwData {
  const clients = options.clients;
  const seed = options.seed ?? 1;
  const now = (options.now ?? new Date()).getTime();
  const start = parseStart(options.startMonth ?? '2023-01');
  const ownName = options.ownCompanyName ?? 'Our MSP';

  const companyRef = (c: RawCompany): Ref => ({ id: c.id, identifier: c.identifier, name: c.name });
  const own: RawCompany = {
    id: 2,
    identifier: identifierOf(ownName),
    name: ownName,
    status: { id: 1, name: 'Active' },
    types: [{ id: 4, name: 'Owner' }],
    deletedFlag: false,
    _info: { dateEntered: '2015-01-01T00:00:00Z', lastUpdated: '2023-01-01T00:00:00Z' },
  };
  const profiles = clients.map((name, i) => {
    const rng = createRng(hashSeed(`${seed}:profile:${name}`));
    const company: RawCompany = {
      id: 19300 + i,
      identifier: identifierOf(name),
      name,
      status: { id: 1, name: 'Active' },
      types: [{ id: 1, name: 'Client' }],
      site: { id: 1000 + i, name: 'Main' },
      deletedFlag: false,
      _info: { dateEntered: '2020-06-01T00:00:00Z', lastUpdated: '2023-01-01T00:00:00Z' },
    };
    return { company, endpoints: rng.int(15, 80), ticketRate: 0.25 + rng.next() * 0.4 };
  });

  const tickets: RawTicket[] = [];
  const byId = new Map<number, RawTicket>();
  const timeEntries: RawTimeEntry[] = [];
  let ticketId = 10001;
  let entryId = 90001;

  for (let y = start.year, m = start.month; Date.UTC(y, m - 1, 1) <= now; m === 12 ? ((y += 1), (m = 1)) : (m += 1)) {
    const monthStart = Date.UTC(y, m - 1, 1);
    const days = new Date(Date.UTC(y, m, 0)).getUTCDate();
    profiles.forEach((p, i) => {
      const rng = createRng(hashSeed(`${seed}:${i}:${y}-${m}`));
      const count = Math.max(1, Math.round(p.endpoints * p.ticketRate * (0.7 + rng.next() * 0.6)));
      const reactiveThisMonth: number[] = [];
      for (let n = 0; n < count; n++) {
        const entered = monthStart + rng.int(0, days - 1) * DAY + rng.int(7, 18) * HOUR + rng.int(0, 59) * 60_000;
        if (entered > now) continue;
        const r = rng.next();
        const board = r < BOARDS[0]!.weight ? BOARDS[0]! : r < BOARDS[0]!.weight + BOARDS[1]!.weight ? BOARDS[1]! : BOARDS[2]!;
        const member = rng.pick(MEMBERS);
        const closeAfter = (0.05 + rng.next() * (rng.chance(0.15) ? 20 : 4)) * DAY;
        const willClose = rng.chance(0.97);
        const closedAt = willClose && entered + closeAfter <= now ? entered + closeAfter : null;
        const closedStatus = rng.chance(0.7) ? '>Closed' : rng.chance(0.5) ? '>Closed - No response' : 'Closed';
        const status = closedAt !== null ? closedStatus : rng.pick(['New', 'In Progress', 'Waiting on Client']);
        const parent = board.name === REACTIVE_BOARD && reactiveThisMonth.length > 0 && rng.chance(0.1) ? rng.pick(reactiveThisMonth) : null;
        const id = ticketId++;
        if (board.name === REACTIVE_BOARD && parent === null) reactiveThisMonth.push(id);
        const summary = `${rng.pick(SUMMARIES)} - ${p.company.identifier}`;

        // Time is logged while the ticket is worked: from entry to close (or now).
        const workEnd = closedAt ?? Math.min(now, entered + 2 * DAY);
        const entryCount = board.name === 'Alerts' && rng.chance(0.5) ? 0 : rng.int(1, 3);
        let hours = 0;
        for (let e = 0; e < entryCount; e++) {
          const h = rng.pick(HOURS);
          const timeStart = Math.min(workEnd, entered + Math.floor(rng.next() * Math.max(1, workEnd - entered)));
          if (timeStart + h * HOUR > now) continue;
          hours += h;
          timeEntries.push({
            id: entryId++,
            company: companyRef(p.company),
            chargeToId: id,
            chargeToType: 'ServiceTicket',
            member: { id: member.id, identifier: member.identifier, name: member.name },
            workType: { id: 1, name: rng.chance(0.85) ? 'Remote Support' : 'Onsite' },
            workRole: { id: 3, name: 'Service Desk Technician' },
            timeStart: iso(timeStart),
            timeEnd: iso(timeStart + h * HOUR),
            hoursDeduct: 0,
            actualHours: h,
            billableOption: rng.chance(0.8) ? 'NoCharge' : 'Billable',
            notes: `Worked on ticket #${id}.`,
            hoursBilled: 0,
            invoiceHours: 0,
            enteredBy: member.identifier,
            dateEntered: iso(timeStart + h * HOUR),
            status: closedAt !== null && closedAt < now - 30 * DAY ? 'Billed' : 'Open',
            agreement: { id: 800 + i, name: `${p.company.name} - Managed Services` },
            ticket: { id, summary },
            ticketBoard: board.name,
            ticketStatus: status,
            _info: { lastUpdated: iso(timeStart + h * HOUR), updatedBy: member.identifier },
          });
        }

        const ticket: RawTicket = {
          id,
          summary,
          recordType: 'ServiceTicket',
          board: { id: board.id, name: board.name },
          status: { id: STATUS_IDS[status] ?? 1, name: status },
          company: companyRef(p.company),
          site: { id: 1000 + i, name: 'Main' },
          type: rng.pick(TYPES),
          priority: { id: 8, name: 'Priority 3 - Normal Response', sort: 6 },
          owner: { id: member.id, identifier: member.identifier, name: member.name },
          severity: 'Medium',
          impact: 'Medium',
          closedFlag: closedAt !== null,
          closedDate: closedAt !== null ? iso(closedAt) : null,
          closedBy: closedAt !== null ? member.identifier : null,
          actualHours: Math.round(hours * 100) / 100,
          parentTicketId: parent,
          hasChildTicket: false,
          dateResponded: iso(Math.min(now, entered + rng.int(5, 240) * 60_000)),
          dateResolved: closedAt !== null ? iso(closedAt) : null,
          isInSla: rng.chance(0.92),
          agreement: { id: 800 + i, name: `${p.company.name} - Managed Services` },
          _info: { dateEntered: iso(entered), enteredBy: member.identifier, lastUpdated: iso(closedAt ?? entered) },
        };
        tickets.push(ticket);
        byId.set(id, ticket);
        if (parent !== null) {
          const parentTicket = byId.get(parent);
          if (parentTicket) parentTicket.hasChildTicket = true;
        }
      }
      // Internal time (charge codes) is not reactive work and must not count.
      const adminStart = monthStart + rng.int(0, days - 1) * DAY + 13 * HOUR;
      if (adminStart + HOUR <= now) {
        const member = rng.pick(MEMBERS);
        timeEntries.push({
          id: entryId++,
          company: companyRef(own),
          chargeToId: 7,
          chargeToType: 'ChargeCode',
          member: { id: member.id, identifier: member.identifier, name: member.name },
          workType: { id: 9, name: 'Admin' },
          timeStart: iso(adminStart),
          timeEnd: iso(adminStart + HOUR),
          hoursDeduct: 0,
          actualHours: 1,
          billableOption: 'DoNotBill',
          notes: `QBR preparation for ${p.company.name}.`,
          enteredBy: member.identifier,
          dateEntered: iso(adminStart + HOUR),
          status: 'Open',
          _info: { lastUpdated: iso(adminStart + HOUR), updatedBy: member.identifier },
        });
      }
    });
  }

  const firstDay = iso(Date.UTC(start.year, start.month - 1, 1));
  const agreements: RawAgreement[] = profiles.flatMap((p, i) => {
    const managed: RawAgreement = {
      id: 800 + i,
      name: `${p.company.name} - Managed Services`,
      type: { id: 3, name: 'Managed Services' },
      company: companyRef(p.company),
      agreementStatus: 'Active',
      cancelledFlag: false,
      startDate: firstDay,
      noEndingDateFlag: true,
      billingCycle: { id: 1, name: 'Monthly' },
      billAmount: p.endpoints * 115,
      applicationUnits: 'Hours',
      applicationUnlimitedFlag: true,
      applicationCycle: 'CalendarMonth',
      _info: { dateEntered: firstDay, lastUpdated: firstDay },
    };
    if (i % 2 === 1) return [managed];
    const block: RawAgreement = {
      id: 900 + i,
      name: `${p.company.name} - Block Time 10h`,
      type: { id: 5, name: 'Block Time' },
      company: companyRef(p.company),
      agreementStatus: 'Cancelled',
      cancelledFlag: true,
      startDate: firstDay,
      endDate: iso(Date.UTC(start.year, start.month + 5, 0)),
      noEndingDateFlag: false,
      billingCycle: { id: 4, name: 'One Time' },
      billAmount: 1500,
      applicationUnits: 'Hours',
      applicationLimit: 10,
      applicationCycle: 'ContractYear',
      _info: { dateEntered: firstDay, lastUpdated: firstDay },
    };
    return [managed, block];
  });

  return { companies: [own, ...profiles.map((p) => p.company)], tickets, timeEntries, agreements };
}
