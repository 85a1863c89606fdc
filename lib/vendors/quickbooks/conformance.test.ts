import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { documentedShape, shapeProblems, undocumentedReads } from '@/tests/support/documented-shape';
import { customerSchema, invoiceSchema } from './client';
import customerFixture from './fixtures/query-customer.json';
import invoiceFixture from './fixtures/query-invoice.json';
import reportFixture from './fixtures/reports-profit-and-loss-monthly.json';
import { profitAndLossSchema } from './report';
import { startQuickBooksSimulator, type QuickBooksSimulator } from '@/lib/simulators/quickbooks';

// Simulator conformance: what the simulator sends has the shape of the
// documented QuickBooks bodies (fixtures/), and the client reads nothing they
// lack.

const shapes = {
  customers: documentedShape(customerFixture, {
    extra: {
      // Intuit's Customer entity: set on sub-customers (jobs) only, so the sample of two top-level customers lacks it.
      'QueryResponse.Customer[].ParentRef': { example: { value: '1', name: "Amy's Bird Sanctuary" }, reason: 'sub-customers only' },
    },
  }),
  invoices: documentedShape(invoiceFixture, {
    extra: {
      // Intuit's Invoice entity: a sales line's description (its sample invoice has one on every line).
      'QueryResponse.Invoice[].Line[].Description': { example: 'Managed Services', reason: 'the line text, when the line has one' },
    },
  }),
  report: documentedShape(reportFixture, {
    // Rows hold Data rows and, for accounts with sub-accounts, further Sections: one shape at every depth.
    recursive: ['Row'],
    extra: {
      'Header.Customer': { example: '1', reason: "Intuit's report header names the customer the report is filtered to" },
      // The sample has no sub-accounts; a parent account's Section names the account (and its id) in its header.
      'Rows.Row[].Header.ColData[].id': { example: '60', reason: 'the account id of a parent account whose sub-accounts the Section holds' },
    },
  }),
};

let sim: QuickBooksSimulator;
let bearer: string;
beforeAll(async () => {
  sim = await startQuickBooksSimulator({ clients: ['Acme Dental', 'Birch Law Group', "O'Brien & Sons"], now: new Date('2025-10-15T12:00:00Z'), seed: 3 });
  const token = await fetch(sim.tokenUrl, {
    method: 'POST',
    headers: { authorization: `Basic ${Buffer.from(`${sim.config.QUICKBOOKS_CLIENT_ID}:${sim.config.QUICKBOOKS_CLIENT_SECRET}`).toString('base64')}` },
    body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: sim.currentRefreshToken() }),
  });
  bearer = ((await token.json()) as { access_token: string }).access_token;
});
afterAll(async () => {
  await sim.close();
});

async function get(path: string, query: Record<string, string>): Promise<unknown> {
  const response = await fetch(`${sim.url}/v3/company/${sim.realmId}/${path}?${new URLSearchParams(query)}`, { headers: { authorization: `Bearer ${bearer}` } });
  expect(response.status).toBe(200);
  return response.json();
}

describe('QuickBooks simulator conformance', () => {
  it('documented bodies pass their own shapes', () => {
    expect(shapeProblems(customerFixture, shapes.customers)).toEqual([]);
    expect(shapeProblems(invoiceFixture, shapes.invoices)).toEqual([]);
    expect(shapeProblems(reportFixture, shapes.report)).toEqual([]);
  });

  it('answers customer and invoice queries as documented', async () => {
    expect(shapeProblems(await get('query', { query: 'select * from Customer' }), shapes.customers)).toEqual([]);
    const invoices = (await get('query', { query: 'select * from Invoice STARTPOSITION 1 MAXRESULTS 1000' })) as { QueryResponse: { Invoice: unknown[] } };
    expect(invoices.QueryResponse.Invoice.length).toBeGreaterThan(50);
    expect(shapeProblems(invoices, shapes.invoices)).toEqual([]);
  });

  it('sends the monthly Profit and Loss report as documented, for the company and for one customer', async () => {
    const range = { start_date: '2025-01-01', end_date: '2025-06-30', summarize_column_by: 'Month', minorversion: '75' };
    expect(shapeProblems(await get('reports/ProfitAndLoss', range), shapes.report)).toEqual([]);
    expect(shapeProblems(await get('reports/ProfitAndLoss', { ...range, customer: '1' }), shapes.report)).toEqual([]);
  });
});

describe('QuickBooks client reads only documented fields', () => {
  it('in every body it parses', () => {
    expect(undocumentedReads(z.object({ QueryResponse: z.object({ Customer: z.array(customerSchema) }) }), shapes.customers)).toEqual([]);
    expect(undocumentedReads(z.object({ QueryResponse: z.object({ Invoice: z.array(invoiceSchema) }) }), shapes.invoices)).toEqual([]);
    expect(undocumentedReads(profitAndLossSchema, shapes.report)).toEqual([]);
  });
});
