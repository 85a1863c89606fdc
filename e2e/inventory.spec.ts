import { expect, test, type Page } from '@playwright/test';
import { DEMO, keepScreenshot, signIn } from './helpers';

// The inventory pages as MSP staff and a client's viewer use them, on the
// demo data (simulated vendors, collected at start).

test.describe.configure({ mode: 'serial' });

/** Waits for the demo's first collection and checks to land on the dashboard. */
async function waitForInventory(page: Page) {
  await expect(async () => {
    await page.goto('/inventory');
    await expect(page.getByTestId('latest-check')).not.toContainText('have not run yet', { timeout: 1000 });
  }).toPass({ timeout: 180_000, intervals: [2000] });
}

let otherOrganizationPath = '';

test('an admin filters exceptions, bulk-resolves three, sees them leave the open list and refreshes the data', async ({ page }, info) => {
  test.setTimeout(300_000);
  await signIn(page, DEMO.superuser);
  await waitForInventory(page);
  await expect(page.getByRole('heading', { name: 'Inventory' })).toBeVisible();

  await page.goto('/inventory/exceptions');
  await page.getByLabel('Type').selectOption('MISSING_NINJA');
  await page.getByRole('button', { name: 'Apply filters' }).click();
  await expect(page).toHaveURL(/type=MISSING_NINJA/);
  const rows = page.locator('tbody tr[data-hostname]');
  await expect(rows.nth(2)).toBeVisible();
  await expect(page.getByRole('table', { name: 'Exceptions' })).not.toContainText('Display name mismatch');
  const hostnames = (await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-hostname')))).slice(0, 3) as string[];
  const totalBefore = Number((await page.getByTestId('exception-total').textContent())?.match(/\d+/)?.[0]);

  // Both vendors' records side by side.
  await rows.first().getByRole('button', { name: 'Details' }).click();
  await expect(page.getByText('As the check saw it').first()).toBeVisible();

  for (const h of hostnames) await page.getByLabel(`Select ${h}`, { exact: true }).check();
  await expect(page.getByTestId('bulk-toolbar')).toContainText('3 selected');
  await page.getByRole('button', { name: 'Resolve selected' }).click();
  await expect(page.getByText('3 exceptions resolved')).toBeVisible();
  for (const h of hostnames) await expect(page.locator(`tr[data-hostname="${h}"]`)).toHaveCount(0);
  await page.reload();
  await expect(page.getByTestId('exception-total')).toHaveText(`${totalBefore - 3} exceptions`);
  for (const h of hostnames) await expect(page.locator(`tr[data-hostname="${h}"]`)).toHaveCount(0);
  await page.goto('/inventory/exceptions?type=MISSING_NINJA&status=resolved');
  for (const h of hostnames) await expect(page.locator(`tr[data-hostname="${h}"]`)).toHaveCount(1);

  // Someone else resolves an exception this page still shows as open: the action says so.
  await page.goto('/inventory/exceptions?type=MISSING_NINJA');
  const stale = (await rows.first().getAttribute('data-hostname'))!;
  const id = Number((await rows.first().getAttribute('data-testid'))!.replace('exception-', ''));
  const other = await page.request.post('/api/exceptions/bulk-update', { data: { action: 'resolve', exception_ids: [id] } });
  expect(other.status()).toBe(200);
  await page.getByRole('button', { name: `Resolve ${stale}`, exact: true }).click();
  await expect(page.getByText('Someone else changed it meanwhile')).toBeVisible();
  await expect(page.locator(`tr[data-hostname="${stale}"]`)).toHaveCount(0);

  await page.goto('/organizations');
  otherOrganizationPath = (await page.getByRole('link', { name: 'Birch & Rowe Legal' }).getAttribute('href')) ?? '';
  expect(otherOrganizationPath).toMatch(/^\/organizations\/\d+$/);

  await page.goto('/inventory');
  await page.getByRole('button', { name: 'Refresh now' }).click();
  const progress = page.getByTestId('refresh-progress');
  await expect(progress).toContainText('NinjaOne');
  await expect(progress).toContainText(/Batch bc_[0-9a-f]{8}: completed/, { timeout: 180_000 });
  await expect(progress).toContainText('The page has been reloaded');
  await keepScreenshot(page, info, 'inventory-refreshed');
});

test('a viewer sees their organisation only, and no actions', async ({ page }) => {
  await signIn(page, DEMO.viewer);
  await page.goto('/inventory');
  await expect(page.getByRole('heading', { name: 'Inventory' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Refresh now' })).toHaveCount(0);
  const byClient = page.getByRole('table', { name: 'Open exceptions by client' });
  if (await byClient.count()) {
    await expect(byClient).toContainText('Acme Dental');
    await expect(byClient).not.toContainText('Birch & Rowe Legal');
  }

  await page.goto('/inventory/exceptions?status=all');
  await expect(page.getByTestId('bulk-toolbar')).toHaveCount(0);
  await expect(page.getByRole('button', { name: /^Resolve/ })).toHaveCount(0);
  const clients = await page.locator('tbody tr[data-hostname] td:nth-child(3)').allTextContents();
  expect(clients.length).toBeGreaterThan(0);
  for (const c of clients) expect(c).toBe('Acme Dental');

  await page.goto('/organizations');
  await expect(page).toHaveURL(/\/organizations\/\d+$/);
  await expect(page.getByRole('heading', { name: 'Acme Dental' })).toBeVisible();
  expect(otherOrganizationPath).not.toBe('');
  const other = await page.goto(otherOrganizationPath);
  expect(other?.status()).toBe(404);
  const exported = await page.request.get('/api/variances/export/csv?include_resolved=true');
  expect(exported.status()).toBe(200);
  expect(await exported.text()).not.toContain('Birch & Rowe Legal');
});

test('every inventory page at laptop and phone width', async ({ page }, info) => {
  test.setTimeout(180_000);
  await signIn(page, DEMO.superuser);
  const pages: [string, string][] = [
    ['/inventory', 'inventory-dashboard'],
    ['/inventory/exceptions', 'inventory-exceptions'],
    ['/inventory/devices?q=acme', 'inventory-device-search'],
    ['/inventory/windows-11', 'inventory-windows-11'],
    ['/organizations', 'organizations'],
    [otherOrganizationPath || '/organizations', 'organization'],
  ];
  for (const [width, height, suffix] of [
    [1366, 900, 'laptop-width'],
    [390, 844, 'phone-width'],
  ] as const) {
    await page.setViewportSize({ width, height });
    for (const [path, name] of pages) {
      const res = await page.goto(path);
      expect(res?.status(), path).toBe(200);
      await expect(page.locator('main h1')).toBeVisible();
      await keepScreenshot(page, info, `${name}-${suffix}`);
    }
  }
});
