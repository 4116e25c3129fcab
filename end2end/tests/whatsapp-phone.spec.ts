import { Page } from '@playwright/test';
import { expect, hydrated, signIn, test } from './fixtures/app';

// The WhatsApp simulator's phone screen: staff write as a customer from a new number and the
// bot answers by itself (the server runs the built-in fake of Meta's API because the test
// server has no access token; the page reads the phone again every 2 s). Each test uses a
// number of its own that no demo customer has, so the bot does not know it.

const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };
/** How long the bot (inbox, outbox worker, the fake's answer, the page's poll) may take. */
const BOT = { timeout: 15_000 };

async function openPhone(page: Page) {
  await signIn(page);
  await page.goto('/whatsapp/phone');
  await hydrated(page);
  await expect(page.getByRole('heading', { name: 'WhatsApp phone', exact: true })).toBeVisible();
}

/** Writes `text` from `number` (never seen before) with the start form; the chat that opens. */
async function startChat(page: Page, number: string, digits: string, text: string) {
  const start = page.getByTestId('sim-start');
  await start.getByLabel('Number').fill(number);
  await start.getByLabel('First message').fill(text);
  await start.getByRole('button', { name: 'Start chat' }).click();
  await expect(page).toHaveURL(new RegExp(`[?&]wa=${digits}(&|$)`));
  await expect(page.getByTestId('sim-number')).toHaveText(number);
  const thread = page.getByTestId('sim-thread');
  await expect(thread.locator('[data-from=customer]', { hasText: text })).toBeVisible();
  return thread;
}

/** The customer writes `text` with the phone's text box. */
async function write(page: Page, text: string) {
  const box = page.getByLabel('Message', { exact: true });
  await box.fill(text);
  await page.getByRole('button', { name: 'Send', exact: true }).click();
  await expect(page.getByTestId('sim-thread').locator('[data-from=customer]', { hasText: text })).toBeVisible();
  await expect(box).toHaveValue('');
}

test.describe('WhatsApp simulator phone @whatsapp', () => {
  test('a new number asks for its order status and the opening hours; the bot answers by itself @whatsapp', async ({ page }) => {
    await openPhone(page);
    const thread = await startChat(page, '+91 98000 55555', '919800055555', 'status');
    // No reload: the answer comes with the page's own reading of the phone.
    await expect(thread.locator('[data-from=shop]', { hasText: 'could not find an account' })).toBeVisible(BOT);
    const numbers = page.getByRole('navigation', { name: 'Conversations' });
    await expect(numbers.getByRole('link', { name: '+91 98000 55555' })).toHaveAttribute('aria-current', 'page');

    await write(page, 'hours');
    await expect(thread.locator('[data-from=shop]', { hasText: /is open/ })).toBeVisible(BOT);
    // A deep link opens the same conversation.
    await page.goto('/whatsapp/phone?wa=919800055555');
    await hydrated(page);
    await expect(page.getByTestId('sim-thread').locator('[data-from=shop]', { hasText: /is open/ })).toBeVisible();
  });

  test.describe('on a phone', () => {
    test.use(PHONE);

    test('the phone screen fits a 390x844 screen; a menu button is tapped as the customer @whatsapp', async ({ page }) => {
      await openPhone(page);
      // Not understood: the bot answers with its menu, whose rows are buttons to tap.
      const thread = await startChat(page, '+91 98000 55556', '919800055556', 'menu');
      const hours = thread.locator('[data-from=shop]').getByRole('button', { name: 'Opening hours' }).last();
      await expect(hours).toBeVisible(BOT);
      await hours.click();
      await expect(thread.locator('[data-from=customer]', { hasText: 'Opening hours' })).toBeVisible();
      await expect(thread.locator('[data-from=shop]', { hasText: /is open/ })).toBeVisible(BOT);

      const scroll = await page.evaluate(() => document.documentElement.scrollWidth);
      expect(scroll).toBeLessThanOrEqual(390);
      const phone = (await page.getByRole('region', { name: "The customer's phone" }).boundingBox())!;
      expect(phone.x).toBeGreaterThanOrEqual(0);
      expect(phone.x + phone.width).toBeLessThanOrEqual(390);
      const send = (await page.getByRole('button', { name: 'Send', exact: true }).boundingBox())!;
      expect(send.height).toBeGreaterThanOrEqual(44);
    });
  });
});
