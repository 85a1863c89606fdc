import { expect, test } from '@playwright/test';
import { DEMO, keepScreenshot, signIn } from './helpers';

// An org admin manages people and machine keys for their organisation in the UI.
test('org admin adds a user, creates an API key shown once that works on the API, and revokes it', async ({ page, request }, info) => {
  await signIn(page, DEMO.org_admin);
  await page.goto('/admin/users');
  await expect(page.getByRole('heading', { name: 'Users' })).toBeVisible();
  await page.getByRole('button', { name: 'Add user' }).first().click();
  const dialog = page.getByRole('dialog');
  const email = `new.${info.project.name}.${Date.now()}@acme.demo.local`;
  await dialog.getByLabel('Name').fill('New Colleague');
  await dialog.getByLabel('E-mail').fill(email);
  await dialog.getByLabel('Password').fill('a long enough password');
  await dialog.getByRole('button', { name: 'Add user' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('table', { name: 'Users' })).toContainText(email);
  await keepScreenshot(page, info, 'admin-users');

  await page.goto('/admin/api-keys');
  await page.getByRole('button', { name: 'Create API key' }).first().click();
  const keyDialog = page.getByRole('dialog');
  await keyDialog.getByLabel('Name').fill(`reporter ${info.project.name}`);
  await keyDialog.getByLabel('Role').selectOption('developer');
  await keyDialog.getByRole('button', { name: 'Create key' }).click();
  const shown = page.getByTestId('new-api-key');
  await expect(shown).toContainText('You will not see this key again');
  const key = (await shown.getByRole('textbox').inputValue()).trim();
  expect(key).toMatch(/^msp_[A-Za-z0-9]{8}_/);
  await keepScreenshot(page, info, 'admin-api-key-created');

  const me = await request.get('/api/v1/auth/me', { headers: { 'x-api-key': key } });
  expect(me.status()).toBe(200);
  expect((await me.json()).data.api_key.role).toBe('developer');

  await shown.getByRole('button', { name: 'I have copied the key' }).click();
  await page.getByRole('button', { name: `Revoke reporter ${info.project.name}` }).click();
  await page.getByRole('button', { name: 'Revoke key' }).click();
  await expect(page.getByRole('button', { name: `Revoke reporter ${info.project.name}` })).toHaveCount(0);
  // The row goes at once (optimistic); the server has revoked the key when the toast says so.
  await expect(page.getByText(`Key “reporter ${info.project.name}” was revoked`)).toBeVisible();
  expect((await request.get('/api/v1/auth/me', { headers: { 'x-api-key': key } })).status()).toBe(401);
});

test('superuser reads the audit log of what just happened', async ({ page }, info) => {
  await signIn(page, DEMO.superuser);
  await page.goto('/admin/audit-log');
  await expect(page.getByRole('heading', { name: 'Audit log' })).toBeVisible();
  await expect(page.getByRole('main')).toContainText('auth.login');
  await keepScreenshot(page, info, 'admin-audit-log');
});

// A fresh install: the demo maps its three clients; the other simulated NinjaOne clients match none of ours.
test('superuser creates organisations for every unmatched NinjaOne client in one go', async ({ page }, info) => {
  await signIn(page, DEMO.superuser);
  const table = page.getByRole('table', { name: 'Vendor organisations' });
  await expect(async () => {
    await page.goto('/inventory/mappings');
    await expect(table).toBeVisible({ timeout: 1000 });
  }).toPass({ timeout: 120_000, intervals: [2000] });
  const create = page.getByRole('button', { name: 'Create organisations for unmatched NinjaOne clients' });
  // Every row's picker lists all our organisations, so a row is found by its picker's label.
  const ninjaRow = (name: string) => table.getByRole('row').filter({ hasText: 'NinjaOne' }).filter({ has: page.getByLabel(`Our organisation for ${name}`, { exact: true }) });

  // The first project to get here does the set-up; the next one finds nothing left to do.
  if (await create.isEnabled()) {
    await expect(page.getByTestId('unmatched-summary')).toContainText('match none of our organisations');
    await create.click();
    const dialog = page.getByRole('dialog');
    const names = await dialog.getByRole('listitem').allTextContents();
    expect(names.length).toBeGreaterThan(0);
    for (const name of names) await expect(ninjaRow(name)).toContainText('Needs review');
    await dialog.getByRole('button', { name: 'Create and confirm' }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByText(`Created ${names.length} organisation`)).toBeVisible();
    for (const name of names) {
      await expect(ninjaRow(name)).toContainText('Confirmed');
      await expect(ninjaRow(name).locator('option:checked')).toHaveText(name);
      // ThreatLocker's side of the same client now has the new organisation proposed, one click from confirmed.
      await expect(table.getByRole('row').filter({ hasText: 'ThreatLocker' }).filter({ hasText: `${name} (100% match)` })).toHaveCount(1);
    }
    await keepScreenshot(page, info, 'vendor-mappings-created');

    await page.goto('/admin/organizations');
    for (const name of names) await expect(page.getByRole('main')).toContainText(name);
    await page.goto('/admin/audit-log');
    await expect(page.getByRole('main')).toContainText('inventory.vendor_organization.map');
    await page.goto('/inventory/mappings');
  }
  await expect(create).toBeDisabled();
  await expect(page.getByTestId('unmatched-summary')).toContainText('Every NinjaOne organisation is mapped');
});
