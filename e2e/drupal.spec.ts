import { expect, test } from '@playwright/test';
import { DEMO, keepScreenshot, signIn } from './helpers';

// An org admin registers a Drupal site, gives it its key, the site reports
// its modules, and the security update is at the top of the site page.
test('org admin registers a site; its first report puts the security update at the top', async ({ page, request }, info) => {
  await signIn(page, DEMO.org_admin);
  await page.goto('/drupal');
  await expect(page.getByRole('heading', { name: 'Drupal sites' })).toBeVisible();
  await page.getByRole('link', { name: 'Register a site' }).click();

  const host = `e2e-${info.project.name}-${Date.now()}.acme-dental.example`;
  await page.getByLabel('Site URL').fill(`HTTPS://${host.toUpperCase()}/`);
  await page.getByLabel(/^Name\b/).fill(`E2E ${info.project.name}`);
  await page.getByRole('button', { name: 'Register site' }).click();
  await expect(page.getByText(`is registered as https://${host}`)).toBeVisible();

  await page.getByRole('button', { name: 'Create the site’s API key' }).click();
  const key = (await page.getByLabel('API key').inputValue()).trim();
  expect(key).toMatch(/^msp_[A-Za-z0-9]{8}_/);
  await expect(page.getByLabel('Cron line (hourly report)')).toHaveValue(/drush pm:list --format=json/);
  await keepScreenshot(page, info, 'drupal-site-registered');
  await page.getByRole('link', { name: 'Open the site page' }).click();
  await page.waitForURL(/\/drupal\/sites\/\d+$/);
  const siteId = Number(new URL(page.url()).pathname.split('/').pop());

  // What `drush pm:list --format=json` prints, trimmed to four extensions.
  const report = {
    system: { package: 'Core', project: '', name: 'system', type: 'module', path: 'core/modules/system', status: 'Enabled', version: '10.3.10' },
    node: { package: 'Core', project: '', name: 'node', type: 'module', path: 'core/modules/node', status: 'Enabled', version: '10.3.10' },
    token: { package: 'Other', project: 'token', name: 'token', type: 'module', path: 'modules/contrib/token', status: 'Enabled', version: '8.x-1.15' },
    acme_core: { package: 'Custom', project: '', name: 'acme_core', type: 'module', path: 'modules/custom/acme_core', status: 'Enabled', version: null },
  };
  const posted = await request.post(`/api/v1/sites/${siteId}/modules`, { headers: { 'x-api-key': key }, data: report });
  expect(posted.status()).toBe(202);
  expect((await posted.json()).data).toMatchObject({ format: 'drush-pm-list', counts: { projects: 3, core: 1, custom: 1 } });

  // The worker applies the report in the background; the page shows it once it has.
  const table = page.getByRole('region', { name: 'Modules, security updates first' });
  await expect(async () => {
    await page.reload();
    await expect(table.locator('tbody tr').first()).toContainText('drupal', { timeout: 1_000 });
  }).toPass({ timeout: 45_000 });
  await expect(table.locator('tbody tr').first()).toContainText('Security update required');
  await expect(table.locator('tbody tr').first()).toContainText('10.3.10');
  await keepScreenshot(page, info, 'drupal-site-security-first');
});
