import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { documentedShape, shapeProblems, undocumentedReads } from '@/tests/support/documented-shape';
import { ninjaCustomFieldsReportSchema, ninjaDeviceSchema, ninjaLocationSchema, ninjaOrganizationSchema, ninjaTokenSchema } from './client';
import devicesFixture from './fixtures/devices-detailed.json';
import customFieldsFixture from './fixtures/queries-custom-fields.json';
import locationsFixture from './fixtures/locations.json';
import tokenFixture from './fixtures/oauth-token.json';
import operatingSystemsFixture from './fixtures/queries-operating-systems.json';
import organizationsFixture from './fixtures/organizations.json';
import { startNinjaOneSimulator, type NinjaOneSimulator } from '@/lib/simulators/ninjaone';

// Simulator conformance: what the simulator sends has the shape of NinjaOne's
// documented bodies (fixtures/), and the client reads nothing those bodies
// lack. The shape is derived from the documented body; the notes below are
// what one sample cannot say, each with its reason.

const shapes = {
  devices: documentedShape(devicesFixture, {
    optional: {
      // OpenAPI: AgentDevice adds these to Device; the documented body lists agent devices only.
      '[].os': 'AgentDevice only: a device without an agent (a VM guest seen through its host) has no OS block',
      '[].system': 'AgentDevice only',
      '[].memory': 'AgentDevice only',
      '[].processors': 'AgentDevice only',
      '[].volumes': 'AgentDevice only',
      '[].lastLoggedInUser': 'AgentDevice only',
      '[].deviceType': 'the discriminator; the documented body shows only its AgentDevice value',
    },
  }),
  organizations: documentedShape(organizationsFixture),
  locations: documentedShape(locationsFixture),
  customFields: documentedShape(customFieldsFixture, { open: { 'results[].fields': "keys are the tenant's custom field names" } }),
  /** Every query report shares the cursor of the documented operating-systems report. */
  cursor: documentedShape(operatingSystemsFixture.cursor),
  token: documentedShape(tokenFixture, {
    extra: { refresh_token: { example: 'a-refresh-token', reason: 'sent for the refresh-token (and authorization-code) grant' } },
  }),
};

let sim: NinjaOneSimulator;
let bearer: string;
beforeAll(async () => {
  // Enough devices for every hard case of the fleet (VM guests, placeholder serials, renamed sites …).
  sim = await startNinjaOneSimulator({ fleet: { size: 400 } });
  const token = await fetch(`${sim.url}/ws/oauth/token`, {
    method: 'POST',
    body: new URLSearchParams({ grant_type: 'client_credentials', client_id: sim.credentials.clientId, client_secret: sim.credentials.clientSecret }),
  });
  bearer = ((await token.json()) as { access_token: string }).access_token;
});
afterAll(async () => {
  await sim.close();
});

async function get(path: string): Promise<unknown> {
  const response = await fetch(`${sim.url}${path}`, { headers: { authorization: `Bearer ${bearer}` } });
  expect(response.status).toBe(200);
  return response.json();
}

describe('NinjaOne simulator conformance', () => {
  it('documented bodies pass their own shapes', () => {
    expect(shapeProblems(devicesFixture, shapes.devices)).toEqual([]);
    expect(shapeProblems(organizationsFixture, shapes.organizations)).toEqual([]);
    expect(shapeProblems(locationsFixture, shapes.locations)).toEqual([]);
    expect(shapeProblems(customFieldsFixture, shapes.customFields)).toEqual([]);
    expect(shapeProblems(customFieldsFixture.cursor, shapes.cursor)).toEqual([]);
  });

  it('serves devices-detailed as documented', async () => {
    const devices = (await get('/v2/devices-detailed?pageSize=10000')) as unknown[];
    expect(devices).toHaveLength(400);
    expect(shapeProblems(devices, shapes.devices)).toEqual([]);
  });

  it('serves organisations and locations as documented', async () => {
    expect(shapeProblems(await get('/v2/organizations?pageSize=10000'), shapes.organizations)).toEqual([]);
    expect(shapeProblems(await get('/v2/locations?pageSize=10000'), shapes.locations)).toEqual([]);
  });

  it('serves the custom-fields report with the documented envelope and cursor', async () => {
    const report = (await get('/v2/queries/custom-fields?pageSize=10000')) as { cursor: unknown; results: unknown[] };
    expect(report.results.length).toBeGreaterThan(0);
    expect(shapeProblems(report, shapes.customFields)).toEqual([]);
    expect(shapeProblems(report.cursor, shapes.cursor)).toEqual([]);
  });

  it('answers both token grants as documented', async () => {
    const grant = async (form: Record<string, string>) => {
      const response = await fetch(`${sim.url}/ws/oauth/token`, {
        method: 'POST',
        body: new URLSearchParams({ client_id: sim.credentials.clientId, client_secret: sim.credentials.clientSecret, ...form }),
      });
      expect(response.status).toBe(200);
      return response.json();
    };
    expect(shapeProblems(await grant({ grant_type: 'client_credentials' }), shapes.token)).toEqual([]);
    expect(shapeProblems(await grant({ grant_type: 'refresh_token', refresh_token: sim.credentials.refreshToken }), shapes.token)).toEqual([]);
  });
});

describe('NinjaOne client reads only documented fields', () => {
  it('in every body it parses', () => {
    expect(undocumentedReads(z.array(ninjaDeviceSchema), shapes.devices)).toEqual([]);
    expect(undocumentedReads(z.array(ninjaOrganizationSchema), shapes.organizations)).toEqual([]);
    expect(undocumentedReads(z.array(ninjaLocationSchema), shapes.locations)).toEqual([]);
    expect(undocumentedReads(ninjaCustomFieldsReportSchema, shapes.customFields)).toEqual([]);
    expect(undocumentedReads(ninjaTokenSchema, shapes.token)).toEqual([]);
  });
});
