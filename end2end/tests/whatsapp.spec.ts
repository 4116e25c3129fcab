import { Page } from '@playwright/test';
import { DEMO_CUSTOMER, expect, hydrated, signIn, test } from './fixtures/app';

// The WhatsApp outbox for staff. A portal sign-in code is a real queued message: the built-in
// simulator "sends" it, and the page (which reads the queue again every 5 s) shows it as sent.
// Each test asks for one code; the demo number gets 3 codes per 15 minutes and portal.spec
// uses one, so a new code-asking test belongs elsewhere or needs another number.

const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };
/** The demo customer's lane as the page writes it. */
const DEMO_TO = '+91 98000 00001';

/** The demo customer asks the portal for a one-time code, which queues a WhatsApp message. */
async function requestCode(page: Page) {
  await page.goto('/portal');
  await page.getByLabel('Phone number', { exact: true }).fill(DEMO_CUSTOMER.phone);
  await page.getByRole('button', { name: 'Send me a code' }).click();
  await expect(page.getByRole('heading', { name: 'Enter your code' })).toBeVisible();
}

/** Signs in as the owner and opens the outbox; the newest sign-in code row for the demo customer. */
async function openOutbox(page: Page) {
  await signIn(page);
  await page.goto('/whatsapp/outbox');
  await hydrated(page);
  await expect(page.getByRole('heading', { name: 'WhatsApp outbox' })).toBeVisible();
  const tiles = page.getByTestId('outbox-counts');
  for (const label of ['Queued', 'Sending', 'Sent', 'Failed', 'Cancelled', 'Oldest waiting']) {
    await expect(tiles.locator('.stat', { hasText: label })).toBeVisible();
  }
  const row = page.getByTestId('outbox-row').filter({ hasText: 'Sign-in code' }).filter({ hasText: DEMO_TO }).first();
  await expect(row).toBeVisible();
  return row;
}

test.describe('WhatsApp outbox @whatsapp', () => {
  test('a sign-in code shows in the queue and is sent; the state filter narrows the list @whatsapp', async ({ page }) => {
    await requestCode(page);
    const row = await openOutbox(page);
    await expect(row).toContainText('pressdesk_login_code');
    // No reload: the page reads the queue again by itself.
    await expect(row.getByTestId('outbox-status')).toHaveText('Sent', { timeout: 15_000 });
    await expect(page.getByTestId('outbox-counts').locator('.stat', { hasText: 'Sent' }).locator('.stat-value')).not.toHaveText('0');

    const states = page.getByRole('navigation', { name: 'Message state' });
    await states.getByRole('link', { name: 'Sent', exact: true }).click();
    await expect(page).toHaveURL(/status=sent/);
    await expect(states.getByRole('link', { name: 'Sent', exact: true })).toHaveAttribute('aria-current', 'page');
    await expect(row).toBeVisible();
    await expect(page.getByTestId('outbox-status').filter({ hasNotText: 'Sent' })).toHaveCount(0);
    await states.getByRole('link', { name: 'Failed', exact: true }).click();
    await expect(page).toHaveURL(/status=dead/);
    await expect(row).toHaveCount(0);
    await states.getByRole('link', { name: 'All', exact: true }).click();
    await expect(row).toBeVisible();
    await page.getByRole('button', { name: 'Refresh' }).click();
    await expect(row.getByTestId('outbox-status')).toHaveText('Sent');
  });

  test.describe('on a phone', () => {
    test.use(PHONE);

    test('the queue fits a 390x844 screen; the table scrolls inside itself @whatsapp', async ({ page }) => {
      await requestCode(page);
      const row = await openOutbox(page);
      await expect(row.getByTestId('outbox-status')).toHaveText('Sent', { timeout: 15_000 });
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow).toBeLessThanOrEqual(0);
      const wrap = page.locator('.table-wrap', { has: page.getByTestId('outbox-table') });
      const box = (await wrap.boundingBox())!;
      expect(box.x).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width).toBeLessThanOrEqual(390);
      // Wider than the screen: it scrolls sideways instead of pushing the page wider.
      expect(await wrap.evaluate((el) => el.scrollWidth > el.clientWidth)).toBeTruthy();
    });
  });
});
