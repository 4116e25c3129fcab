import path from 'path';
import { Page } from '@playwright/test';
import { confirmCardsOrder, expect, hydrated, signIn, test } from './fixtures/app';

// What the bot does for the demo customer on the simulator phone: "bill bhejo" brings the
// latest invoice as a PDF that opens; "reorder" prepares a draft that staff then confirm;
// a photo sent with a caption naming an order lands on that order and on the customer.
const WA = '919800000001';
const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };
/** The bot's path: inbox, outbox worker, the fake's answer, the page's 2 s poll. */
const BOT = { timeout: 20_000 };

async function openPhone(page: Page) {
  await page.goto(`/whatsapp/phone?wa=${WA}`);
  await hydrated(page);
  return page.getByTestId('sim-thread');
}

async function write(page: Page, text: string) {
  await page.getByRole('textbox', { name: 'Message', exact: true }).fill(text);
  await page.getByRole('button', { name: 'Send', exact: true }).click();
  await expect(page.getByTestId('sim-thread').locator('[data-from=customer]', { hasText: text }).last()).toBeVisible();
}

test.describe('WhatsApp bot actions and customer files @whatsapp', () => {
  test('"bill bhejo" sends the latest invoice as a PDF that opens; "reorder" gives staff a draft to confirm @whatsapp', async ({ page, browser }) => {
    await signIn(page);
    const thread = await openPhone(page);
    await write(page, 'bill bhejo');
    const doc = thread.locator('[data-from=shop]', { hasText: /Invoice .* for order/ }).last();
    await expect(doc).toBeVisible(BOT);
    await expect(doc).toContainText('[document]');
    const href = await doc.getByTestId('sim-file').getAttribute('href');
    // The link is signed: it opens without a session, as WhatsApp fetches it.
    const link = new URL(href!);
    const anonymous = await browser.newContext();
    const pdf = await anonymous.request.get(`${new URL(page.url()).origin}${link.pathname}${link.search}`);
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()['content-type']).toBe('application/pdf');
    expect((await pdf.body()).subarray(0, 4).toString()).toBe('%PDF');
    await anonymous.close();

    await write(page, 'wahi order phir se');
    const prepared = thread.locator('[data-from=shop]', { hasText: 'We have prepared' }).last();
    await expect(prepared).toBeVisible(BOT);
    const number = (await prepared.textContent())!.match(/We have prepared (\S+),/)![1];

    // Staff find the draft, taken on WhatsApp, and confirm it.
    await page.goto(`/orders?q=${encodeURIComponent(number)}`);
    await hydrated(page);
    await page.getByRole('link', { name: number }).first().click();
    await expect(page.getByRole('heading', { name: `Order ${number}` })).toBeVisible();
    await expect(page.locator('.order-summary')).toContainText('Channel: WhatsApp');
    await expect(page.locator('.order-summary .chip').first()).toHaveText('Draft');
    await hydrated(page);
    await page.getByLabel('New status').selectOption('confirmed');
    await page.getByRole('button', { name: 'Change status' }).click();
    await expect(page.locator('.order-summary .chip').first()).toHaveText('Confirmed');
  });

  test.describe('on a phone', () => {
    test.use(PHONE);

    test('a photo naming an order is kept on that order and on the customer @whatsapp', async ({ page }) => {
      await signIn(page);
      await page.goto('/orders/new');
      await hydrated(page);
      await page.getByLabel('Search customers').fill('Kavya Rao');
      await page.getByRole('option', { name: /Kavya Rao/ }).first().click();
      await expect(page.getByTestId('selected-customer')).toBeVisible();
      const { url, number } = await confirmCardsOrder(page);

      const thread = await openPhone(page);
      const attach = page.getByTestId('sim-attach');
      await attach.getByLabel('Photo or document').setInputFiles(path.join(__dirname, 'fixtures', 'proof-v1.png'));
      await attach.getByLabel('Caption').fill(`logo for order ${number}`);
      await attach.getByRole('button', { name: 'Send file' }).click();
      await expect(page).toHaveURL(/sent=file/);
      await expect(thread.locator('[data-from=shop]', { hasText: `we have your file with order ${number}` }).last()).toBeVisible(BOT);
      const scroll = await page.evaluate(() => document.documentElement.scrollWidth);
      expect(scroll).toBeLessThanOrEqual(390);

      await page.goto(url);
      await hydrated(page);
      const onOrder = page.getByTestId('customer-files').getByTestId('customer-file');
      await expect(onOrder.first()).toContainText(`logo for order ${number}`);
      const img = onOrder.first().locator('img');
      await expect(img).toBeVisible();
      expect(await img.evaluate((i: HTMLImageElement) => i.naturalWidth)).toBeGreaterThan(0);

      await page.getByRole('link', { name: 'Kavya Rao' }).first().click();
      await hydrated(page);
      const onCustomer = page.getByTestId('customer-files').getByTestId('customer-file').filter({ hasText: `logo for order ${number}` });
      await expect(onCustomer).toBeVisible();
      await expect(onCustomer.getByRole('link', { name: `Order ${number}` })).toBeVisible();
    });
  });
});
