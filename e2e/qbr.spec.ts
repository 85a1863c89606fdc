import fs from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { extractText, getDocumentProxy } from 'unpdf';
import { DEMO, keepScreenshot, signIn } from './helpers';

// The QBR journeys: the company scorecard, a client's view and its meeting
// report downloaded as PDF, the superuser's threshold editor, and a viewer
// kept to their own organisation.

/** The demo collectors run right after start; reload until the scorecard has numbers. */
async function openWithData(page: Page, path: string) {
  await expect
    .poll(
      async () => {
        await page.goto(path);
        return page.getByTestId('sn-total_close_pct').getByTestId('sn-value').textContent({ timeout: 2_000 }).catch(() => 'n/a');
      },
      { timeout: 120_000, intervals: [2_000] },
    )
    .not.toBe('n/a');
}

test.describe('QBR', () => {
  test('a superuser reads the company scorecard, a client QBR and its PDF', async ({ page }, info) => {
    test.setTimeout(180_000);
    await signIn(page, DEMO.superuser);
    await openWithData(page, '/qbr');
    await expect(page.getByRole('heading', { name: /^QBR · / })).toContainText('Our MSP');
    await expect(page.getByText('Company scorecard for quarter')).toBeVisible();
    // Verdicts are words, not colour alone.
    await expect(page.getByTestId('sn-rhem')).toContainText(/On target|Watch|Off target|No threshold/);
    await expect(page.getByTestId('sn-total_close_pct')).toContainText(/vs \d{4}-Q\d/);
    await expect(page.getByRole('heading', { name: 'Trend over the last eight quarters' })).toBeVisible();
    await expect(page.getByRole('region', { name: 'Monthly inputs and their sources' })).toContainText('QuickBooks');
    await keepScreenshot(page, info, 'qbr-company');

    await page.getByTestId('org-select').selectOption({ label: 'Acme Dental' });
    await page.getByRole('button', { name: 'Show' }).click();
    await expect(page.getByRole('heading', { name: 'QBR · Acme Dental' })).toBeVisible();
    await page.getByRole('link', { name: 'Client QBR report' }).click();
    await expect(page.getByRole('heading', { name: 'Quarterly business review · Acme Dental' })).toBeVisible();
    await expect(page.getByTestId('kpi-sla_attainment_pct')).toContainText('%');
    await keepScreenshot(page, info, 'qbr-client');

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download-pdf').click()]);
    expect(download.suggestedFilename()).toMatch(/^qbr-acme-dental-\d{4}-Q\d\.pdf$/);
    const bytes = new Uint8Array(fs.readFileSync(await download.path()));
    const { text } = await extractText(await getDocumentProxy(bytes), { mergePages: true });
    expect(text).toContain('Quarterly business review: Acme Dental');
    expect(text).toMatch(/SLA attainment\s+\d+(\.\d)?%/);
    expect(text).toContain('By month');
  });

  test('a superuser sets a threshold and the scorecard follows it', async ({ page }) => {
    test.setTimeout(180_000);
    await signIn(page, DEMO.superuser);
    await openWithData(page, '/qbr');
    await page.goto('/qbr/settings');
    const row = page.getByTestId('th-total_close_pct');
    await row.getByLabel('Green bound').fill('0');
    await row.getByLabel('Yellow bound').fill('0');
    await row.getByRole('button', { name: 'Save' }).click();
    await expect(row.getByText('Saved')).toBeVisible();
    await page.goto('/qbr');
    await expect(page.getByTestId('sn-total_close_pct')).toContainText('On target');
    await expect(page.getByTestId('sn-total_close_pct')).toContainText('Green ≥ 0%');
  });

  test('a viewer sees only their own client view', async ({ page }, info) => {
    test.setTimeout(180_000);
    await signIn(page, DEMO.viewer);
    await page.goto('/qbr');
    await expect(page.getByRole('heading', { name: 'QBR · Acme Dental' })).toBeVisible();
    await expect(page.getByText('Client view for')).toBeVisible();
    await expect(page.getByRole('link', { name: 'Thresholds and inputs' })).toHaveCount(0);
    await keepScreenshot(page, info, 'qbr-viewer');
    expect((await page.goto('/qbr?organization_id=1'))?.status()).toBe(404);
    expect((await page.goto('/qbr/settings'))?.status()).toBe(404);
  });
});
