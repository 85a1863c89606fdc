import { expect, test } from '@playwright/test';
import { DEMO, keepScreenshot, signIn, submitLogin } from './helpers';

test.describe('sign-in per role', () => {
  for (const [role, email] of Object.entries(DEMO)) {
    test(`${role} signs in, sees the areas of the role, and signs out`, async ({ page }, info) => {
      await signIn(page, email);
      await expect(page).toHaveURL(/\/$/);
      await expect(page.getByRole('heading', { name: 'Home' })).toBeVisible();

      // The phone layout keeps navigation behind the menu button.
      const menu = page.getByRole('button', { name: 'Menu' });
      if (await menu.isVisible()) await menu.click();
      const nav = page.getByRole('navigation', { name: 'Main' }).last();
      await expect(nav.getByRole('link', { name: 'Drupal' })).toBeVisible();
      await expect(nav.getByRole('link', { name: 'Inventory' })).toBeVisible();
      const adminLinks = { superuser: true, org_admin: true, developer: false, viewer: false }[role as keyof typeof DEMO];
      await expect(nav.getByRole('link', { name: 'Audit log' })).toHaveCount(adminLinks ? 1 : 0);
      await expect(nav.getByRole('link', { name: 'Organisations' })).toHaveCount(role === 'superuser' ? 1 : 0);
      await keepScreenshot(page, info, `home-${role}`);
      if (await page.getByRole('button', { name: 'Close' }).isVisible()) await page.getByRole('button', { name: 'Close' }).click();

      // A viewer typing an admin address gets nothing.
      if (!adminLinks) {
        const res = await page.goto('/admin/audit-log');
        expect(res?.status()).toBe(404);
        await page.goto('/');
      }

      await page.getByRole('button', { name: 'Sign out' }).click();
      await expect(page).toHaveURL(/\/login/);
      await page.goto('/');
      await expect(page).toHaveURL(/\/login/);
    });
  }

  test('a wrong password is refused with a clear message', async ({ page }, info) => {
    await submitLogin(page, DEMO.viewer, 'not-the-password');
    await expect(page.getByTestId('login-error')).toContainText('do not match');
    await expect(page.getByLabel('E-mail')).toHaveValue(DEMO.viewer);
    await expect(page).toHaveURL(/\/login/);
    await keepScreenshot(page, info, 'login-refused');
  });

  test('a session cookie replayed after sign-out is refused by the API', async ({ page, context, request }) => {
    await signIn(page, DEMO.org_admin);
    await expect(page.getByRole('heading', { name: 'Home' })).toBeVisible();
    const cookies = await context.cookies();
    const session = cookies.find((c) => c.name.endsWith('authjs.session-token'));
    expect(session).toBeDefined();
    const header = { cookie: `${session!.name}=${session!.value}` };
    expect((await request.get('/api/v1/auth/me', { headers: header })).status()).toBe(200);
    await page.getByRole('button', { name: 'Sign out' }).click();
    await expect(page).toHaveURL(/\/login/);
    const replay = await request.get('/api/v1/auth/me', { headers: header });
    expect(replay.status()).toBe(401);
  });
});

test('every page response carries the security headers', async ({ request }) => {
  const res = await request.get('/login');
  const h = res.headers();
  expect(h['content-security-policy']).toContain("frame-ancestors 'none'");
  expect(h['x-content-type-options']).toBe('nosniff');
  expect(h['x-frame-options']).toBe('DENY');
  expect(h['referrer-policy']).toBe('strict-origin-when-cross-origin');
  expect(h['x-request-id']).toBeTruthy();
  expect(h['x-powered-by']).toBeUndefined();
});
