import { Page } from '@playwright/test';
import { confirmCardsOrder, expect, hydrated, proofForCustomer, signIn, test } from './fixtures/app';

// The demo customer (opted in to WhatsApp) as the built-in simulator's phone shows her. Outside
// the 24-hour window updates are templates; the phone shows them as [name] and the text.
const WA = '919800000001';

async function orderForDemoCustomer(page: Page) {
  await page.goto('/orders/new');
  await hydrated(page);
  await page.getByLabel('Search customers').fill('Kavya Rao');
  await page.getByRole('option', { name: /Kavya Rao/ }).first().click();
  await expect(page.getByTestId('selected-customer')).toBeVisible();
  return confirmCardsOrder(page);
}

async function openPhone(page: Page) {
  await page.goto(`/whatsapp/phone?wa=${WA}`);
  await hydrated(page);
  return page.getByTestId('sim-thread');
}

test.describe('WhatsApp order updates and proofs @whatsapp', () => {
  test('an order and its status change reach the phone; "status" gets the bot\'s answer @whatsapp', async ({ page }) => {
    await signIn(page);
    const { url, number } = await orderForDemoCustomer(page);
    let thread = await openPhone(page);
    await expect(thread.getByTestId('sim-bubble').filter({ hasText: number }).first()).toBeVisible({ timeout: 20_000 });

    await page.goto(url);
    await hydrated(page);
    await page.getByLabel('New status').selectOption('in_production');
    await page.getByRole('button', { name: 'Change status' }).click();
    await expect(page.locator('.order-summary .chip').first()).toHaveText('In production');
    thread = await openPhone(page);
    await expect(thread.getByTestId('sim-bubble').filter({ hasText: 'pd_in_production' }).first()).toBeVisible({ timeout: 20_000 });

    // The customer asks; the bot lists her latest orders.
    // (Counted by what they say: other messages to this number may arrive meanwhile.)
    const fromShop = thread.locator('[data-testid=sim-bubble][data-from="shop"]').filter({ hasText: number });
    const before = await fromShop.count();
    await page.getByRole('textbox', { name: 'Message', exact: true }).fill('status');
    await page.getByRole('button', { name: 'Send', exact: true }).click();
    await expect(fromShop).toHaveCount(before + 1, { timeout: 20_000 });
    await expect(fromShop.last()).toContainText('In production');
  });

  test('Approve on the phone approves the proof and the card leaves Proof approval on an open board @whatsapp', async ({ page, browser }) => {
    await signIn(page);
    const { url, number } = await orderForDemoCustomer(page);
    await proofForCustomer(page, url);

    // A second staff window watches the board.
    const board = await (await browser.newContext()).newPage();
    await signIn(board);
    await board.goto('/production');
    await hydrated(board);
    const proofColumn = board.locator('.kcol-body[data-stage="proof"]').first();
    await expect(proofColumn.locator('[data-testid=kcard]', { hasText: number })).toBeVisible({ timeout: 20_000 });

    const thread = await openPhone(page);
    const approve = thread.getByRole('button', { name: 'Approve' }).last();
    await expect(approve).toBeVisible({ timeout: 20_000 });
    await approve.click();
    await expect(thread.getByTestId('sim-bubble').filter({ hasText: 'proof is approved' }).first()).toBeVisible({ timeout: 20_000 });
    await expect(proofColumn.locator('[data-testid=kcard]', { hasText: number })).toHaveCount(0, { timeout: 20_000 });
    await expect(board.locator('[data-testid=kcard]', { hasText: number }).first()).toBeVisible();
  });
});
