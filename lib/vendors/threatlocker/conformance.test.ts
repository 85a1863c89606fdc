import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { documentedShape, shapeProblems, undocumentedReads } from '@/tests/support/documented-shape';
import { threatLockerComputerSchema, threatLockerOrganizationsSchema, threatLockerPaginationHeaderSchema } from './client';
import computersFixture from './fixtures/computers-get-by-all-parameters.json';
import paginationFixture from './fixtures/computers-pagination-header.json';
import errorFixture from './fixtures/error-417.json';
import organizationsFixture from './fixtures/organizations-child.json';
import { startThreatLockerSimulator, type ThreatLockerSimulator } from '@/lib/simulators/threatlocker';

// Simulator conformance: what the simulator sends has the shape of
// ThreatLocker's documented bodies and header (fixtures/), and the client
// reads nothing they lack.

const shapes = {
  computers: documentedShape(computersFixture),
  pagination: documentedShape(paginationFixture),
  organizations: documentedShape(organizationsFixture),
  error: documentedShape(errorFixture),
};

let sim: ThreatLockerSimulator;
beforeAll(async () => {
  // Enough computers for every hard case of the fleet (duplicates, learning mode, isolation …).
  sim = await startThreatLockerSimulator({ fleet: { size: 400 } });
});
afterAll(async () => {
  await sim.close();
});

function post(path: string, body: Record<string, unknown>, organizationId = sim.parentOrganizationId) {
  return fetch(`${sim.url}/portalapi/${path}`, {
    method: 'POST',
    headers: { authorization: sim.apiKey, managedorganizationid: organizationId, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
}

describe('ThreatLocker simulator conformance', () => {
  it('documented bodies pass their own shapes', () => {
    expect(shapeProblems(computersFixture, shapes.computers)).toEqual([]);
    expect(shapeProblems(organizationsFixture, shapes.organizations)).toEqual([]);
  });

  it('answers the computer search with a bare array and the documented pagination header', async () => {
    const response = await post('Computer/ComputerGetByAllParameters', { pageNumber: 1, pageSize: 10_000, childOrganizations: true });
    expect(response.status).toBe(200);
    const rows = (await response.json()) as unknown[];
    expect(rows.length).toBeGreaterThanOrEqual(400);
    expect(shapeProblems(rows, shapes.computers)).toEqual([]);
    expect(shapeProblems(JSON.parse(response.headers.get('pagination') ?? 'null'), shapes.pagination)).toEqual([]);
  });

  it('sends a zero-byte body, still with the header, for a page past the end', async () => {
    const response = await post('Computer/ComputerGetByAllParameters', { pageNumber: 99, pageSize: 500, childOrganizations: true });
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('');
    expect(shapeProblems(JSON.parse(response.headers.get('pagination') ?? 'null'), shapes.pagination)).toEqual([]);
  });

  it('lists child organisations as documented', async () => {
    const response = await post('Organization/OrganizationGetChildOrganizationsByParameters', { pageNumber: 1, pageSize: 500, childOrganizations: true });
    expect(shapeProblems(await response.json(), shapes.organizations)).toEqual([]);
  });

  it('sends errors in the documented error body', async () => {
    const responses = [
      await post('Computer/ComputerGetByAllParameters', { pageNumber: 0 }),
      await post('Computer/ComputerGetByAllParameters', { pageNumber: 1 }, '00000000-0000-4000-8000-000000000000'),
      await fetch(`${sim.url}/portalapi/Computer/ComputerGetByAllParameters`, { method: 'POST', headers: { authorization: 'wrong' } }),
    ];
    expect(responses.map((r) => r.status)).toEqual([400, 403, 401]);
    for (const response of responses) expect(shapeProblems(await response.json(), shapes.error)).toEqual([]);
  });
});

describe('ThreatLocker client reads only documented fields', () => {
  it('in every body and header it parses', () => {
    expect(undocumentedReads(z.array(threatLockerComputerSchema), shapes.computers)).toEqual([]);
    expect(undocumentedReads(threatLockerOrganizationsSchema, shapes.organizations)).toEqual([]);
    expect(undocumentedReads(threatLockerPaginationHeaderSchema, shapes.pagination)).toEqual([]);
  });
});
