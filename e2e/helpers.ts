import fs from 'node:fs';
import path from 'node:path';
import { expect, type Page, type TestInfo } from '@playwright/test';
import { DEMO_PASSWORD } from '../playwright.config';

export const DEMO = {
  superuser: 'superuser@demo.local',
  org_admin: 'admin@acme.demo.local',
  developer: 'developer@acme.demo.local',
  viewer: 'viewer@acme.demo.local',
} as const;

/** Fills and sends the sign-in form, whatever the outcome. */
export async function submitLogin(page: Page, email: string, password = DEMO_PASSWORD) {
  await page.goto('/login');
  await page.getByLabel('E-mail').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

/** Signs in and waits for the home page. */
export async function signIn(page: Page, email: string, password = DEMO_PASSWORD) {
  await submitLogin(page, email, password);
  await expect(page.getByRole('heading', { name: 'Home' })).toBeVisible();
}

/** Saves a full-page screenshot under test-results/screenshots, kept as a CI artifact. */
export async function keepScreenshot(page: Page, info: TestInfo, name: string) {
  const dir = path.join('test-results', 'screenshots');
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${info.project.name}-${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  await info.attach(name, { path: file, contentType: 'image/png' });
}
