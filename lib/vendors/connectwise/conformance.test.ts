import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { documentedShape, shapeProblems, undocumentedReads } from '@/tests/support/documented-shape';
import { agreementSchema, ticketSchema, timeEntrySchema } from './client';
import agreementsFixture from './fixtures/agreements.json';
import ticketsFixture from './fixtures/service-tickets.json';
import timeEntriesFixture from './fixtures/time-entries.json';
import { startConnectWiseSimulator, type ConnectWiseSimulator } from '@/lib/simulators/connectwise';

// Simulator conformance: what the simulator sends has the shape of
// ConnectWise's documented bodies (fixtures/), and the client reads nothing
// they lack.

// Manage leaves out fields whose value is null, so the documented tickets
// (two closed tickets without a parent or an agreement) cannot show them all.
const ABSENT_WHEN_NULL = 'Manage leaves out null fields: an open ticket has none';
const shapes = {
  tickets: documentedShape(ticketsFixture, {
    optional: { '[].closedDate': ABSENT_WHEN_NULL, '[].closedBy': ABSENT_WHEN_NULL, '[].dateResolved': ABSENT_WHEN_NULL },
    extra: {
      // Both in Manage's Ticket model (pyconnectwise TicketModel: parent_ticket_id, agreement: AgreementReference).
      '[].parentTicketId': { example: 3186, reason: 'set on child tickets only; null (left out) otherwise' },
      '[].agreement': { example: timeEntriesFixture[0]!.agreement, reason: 'an AgreementReference, as time entries show it; left out when none' },
    },
  }),
  timeEntries: documentedShape(timeEntriesFixture),
  agreements: documentedShape(agreementsFixture),
};

let sim: ConnectWiseSimulator;
beforeAll(async () => {
  sim = await startConnectWiseSimulator({ clients: ['Acme Dental', 'Birch Law Group', 'Cedar Logistics'], now: new Date('2025-10-15T12:00:00Z'), seed: 7 });
});
afterAll(async () => {
  await sim.close();
});

/** Every record of a list endpoint, page by page. */
async function all(path: string): Promise<unknown[]> {
  const { CONNECTWISE_COMPANY_ID: company, CONNECTWISE_PUBLIC_KEY: publicKey, CONNECTWISE_PRIVATE_KEY: privateKey } = sim.config;
  const headers = { authorization: `Basic ${Buffer.from(`${company}+${publicKey}:${privateKey}`).toString('base64')}`, clientId: sim.config.CONNECTWISE_CLIENT_ID };
  const rows: unknown[] = [];
  for (let page = 1; ; page += 1) {
    const response = await fetch(`${sim.url}/${sim.codebase}/apis/3.0/${path}?page=${page}&pageSize=1000`, { headers });
    expect(response.status).toBe(200);
    const body = (await response.json()) as unknown[];
    rows.push(...body);
    if (body.length < 1000) return rows;
  }
}

describe('ConnectWise simulator conformance', () => {
  it('documented bodies pass their own shapes', () => {
    expect(shapeProblems(ticketsFixture, shapes.tickets)).toEqual([]);
    expect(shapeProblems(timeEntriesFixture, shapes.timeEntries)).toEqual([]);
    expect(shapeProblems(agreementsFixture, shapes.agreements)).toEqual([]);
  });

  it('serves service tickets as documented', async () => {
    expect(shapeProblems(await all('service/tickets'), shapes.tickets)).toEqual([]);
  });

  it('serves time entries as documented', async () => {
    expect(shapeProblems(await all('time/entries'), shapes.timeEntries)).toEqual([]);
  });

  it('serves agreements as documented', async () => {
    expect(shapeProblems(await all('finance/agreements'), shapes.agreements)).toEqual([]);
  });
});

describe('ConnectWise client reads only documented fields', () => {
  it('in every body it parses', () => {
    expect(undocumentedReads(z.array(ticketSchema), shapes.tickets)).toEqual([]);
    expect(undocumentedReads(z.array(timeEntrySchema), shapes.timeEntries)).toEqual([]);
    expect(undocumentedReads(z.array(agreementSchema), shapes.agreements)).toEqual([]);
  });
});
