import { Browser, BrowserContext, Page } from '@playwright/test';
import { DEMO_CUSTOMER, expect, hydrated, newOrder, proofForCustomer, signIn, STAFF, test } from './fixtures/app';

// Every change reaches an open board through its domain event: a second staff browser
// watches the board while others work, and never reloads.

async function watchBoard(browser: Browser): Promise<{ ctx: BrowserContext; board: Page }> {
  const ctx = await browser.newContext();
  const board = await ctx.newPage();
  await signIn(board, STAFF.manager);
  await board.goto('/production');
  await hydrated(board);
  await expect(board.locator('[data-testid=kcard]').first()).toBeVisible();
  await expect(board.locator('.kcol-more')).toHaveCount(0, { timeout: 15_000 });
  // A page that reloads would lose this mark.
  await board.evaluate(() => ((window as any).__notReloaded = true));
  return { ctx, board };
}

async function stillTheSamePage(board: Page) {
  expect(await board.evaluate(() => (window as any).__notReloaded === true)).toBe(true);
}

function card(board: Page, stage: string, number: string) {
  return board.locator(`.kcol-body[data-stage="${stage}"] [data-testid=kcard]`, { hasText: number });
}

test.describe('live board @production', () => {
  test('a new order appears on an open board without reload @production', async ({ page, browser }) => {
    const { ctx, board } = await watchBoard(browser as Browser);
    await signIn(page, STAFF.frontdesk);
    const { number } = await newOrder(page);
    await expect(card(board, 'design', number)).toBeVisible({ timeout: 5_000 });
    await stillTheSamePage(board);
    await ctx.close();
  });

  test("a customer's approval by link moves the card on an open board @production", async ({ page, browser }) => {
    await signIn(page, STAFF.frontdesk);
    const { url, number } = await newOrder(page);
    const link = await proofForCustomer(page, url);

    const { ctx, board } = await watchBoard(browser as Browser);
    await expect(card(board, 'proof', number)).toBeVisible();
    const phone = await (browser as Browser).newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    const customer = await phone.newPage();
    await customer.goto(link);
    await customer.getByRole('button', { name: 'Approve this proof' }).click();
    await customer.getByLabel('Your full name').fill('Kavya Rao');
    await customer.getByText('I approve this proof for printing').click();
    await customer.getByRole('button', { name: 'Approve this proof' }).click();
    await expect(customer.getByTestId('link-state')).toContainText('You approved this proof');
    await expect(card(board, 'prepress', number)).toBeVisible({ timeout: 5_000 });
    await expect(card(board, 'proof', number)).toHaveCount(0);
    await stillTheSamePage(board);
    await phone.close();
    await ctx.close();
  });

  test('a re-order placed in the portal appears on an open board @production', async ({ browser }) => {
    const { ctx, board } = await watchBoard(browser as Browser);
    const phone = await (browser as Browser).newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    const p = await phone.newPage();
    await p.goto('/portal');
    await p.getByLabel('Phone number or e-mail').fill(DEMO_CUSTOMER.phone);
    await p.getByLabel('Password').fill(DEMO_CUSTOMER.password);
    await p.getByRole('button', { name: 'Sign in' }).click();
    await p.getByTestId('portal-orders').locator('a.p-order', { hasText: 'Delivered' }).first().click();
    await p.getByRole('link', { name: 'Reorder' }).click();
    await p.getByRole('button', { name: 'Place this order' }).click();
    await expect(p.getByText('Your new order is placed')).toBeVisible();
    const number = (await p.getByRole('heading', { name: /^Order PD-/ }).textContent())!.replace('Order ', '').trim();
    await expect(board.locator('[data-testid=kcard]', { hasText: number }).first()).toBeVisible({ timeout: 5_000 });
    await stillTheSamePage(board);
    await phone.close();
    await ctx.close();
  });
});
