import { Browser, Page } from '@playwright/test';
import { confirmCardsOrder, DEMO_PASSWORD, expect, hydrated, newOrder, portalSignIn, proofForCustomer, signIn, STAFF, test } from './fixtures/app';

// The snags of a shop day (issue 11), one test each.
const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };

/** An order of 500 business cards for a named customer, taken from their own page. */
async function orderFromCustomerPage(page: Page, name: string): Promise<{ url: string; number: string }> {
  await page.goto('/customers?q=' + encodeURIComponent(name));
  await page.getByRole('link', { name, exact: true }).first().click();
  await expect(page.getByRole('heading', { name, exact: true })).toBeVisible();
  await hydrated(page);
  await page.getByRole('link', { name: '+ New order' }).last().click();
  await expect(page).toHaveURL(/\/orders\/new\?customer=\d+/);
  await hydrated(page);
  await expect(page.getByTestId('selected-customer')).toContainText(name);
  return confirmCardsOrder(page);
}

test.describe('a shop day without snags', () => {
  test('"+ New order" on a customer page opens with that customer, addresses and tax state @foundation', async ({ page }) => {
    await signIn(page, STAFF.frontdesk);
    await page.goto('/customers?q=Kavya');
    await page.getByRole('link', { name: 'Kavya Rao', exact: true }).first().click();
    await hydrated(page);
    await page.getByRole('link', { name: '+ New order' }).last().click();
    await hydrated(page);
    await expect(page.getByTestId('selected-customer')).toContainText('Kavya Rao');
    const defaults = page.getByTestId('customer-defaults');
    await expect(defaults).toContainText('22 FC Road');
    await expect(defaults).toContainText('Maharashtra (27)');
    await expect(page.getByLabel('Search customers')).toHaveCount(0);
    // And the order is theirs.
    await page.getByTestId('order-line').first().getByLabel('Product').selectOption({ label: 'Business cards' });
    await page.getByTestId('order-line').first().getByLabel('Quantity').fill('500');
    await page.getByRole('button', { name: 'Confirm order' }).click();
    await expect(page.getByRole('heading', { name: /^Order PD-/ })).toBeVisible();
    await expect(page.locator('.order-summary')).toContainText('Customer: Kavya Rao');
  });

  test('a move refused for an open checklist offers the checklist and a one-tap retry @production', async ({ page }) => {
    await signIn(page, STAFF.manager);
    await page.goto('/production');
    await hydrated(page);
    const card = page.locator('.kcol-body[data-stage="qc"] [data-testid=kcard]:not(.on-hold)').first();
    await expect(card).toBeVisible();
    const id = await card.getAttribute('data-card-id');
    await card.focus();
    await page.keyboard.press('ArrowRight');
    const alert = page.locator('.board-message');
    await expect(alert).toContainText('checklist first');
    await alert.getByRole('button', { name: 'Open the checklist' }).click();
    const dialog = page.getByRole('dialog', { name: 'Checklist' });
    await expect(dialog).toBeVisible();
    const items = dialog.getByTestId('check-item');
    await expect(items.first()).toBeVisible();
    const n = await items.count();
    for (let i = 0; i < n; i++) await items.nth(i).getByText('Pass', { exact: true }).click();
    await dialog.getByRole('button', { name: 'Save checklist' }).click();
    await expect(dialog).toHaveCount(0);
    await alert.getByRole('button', { name: 'Retry the move' }).click();
    await expect(page.locator(`.kcol-body[data-stage="dispatch"] [data-card-id="${id}"]`)).toBeVisible();
    await expect(page.locator('.board-message')).toHaveCount(0);
  });

  for (const [name, size] of [
    ['desktop', { width: 1280, height: 800 }],
    ['tablet', { width: 820, height: 1180 }],
    ['phone', { width: 390, height: 844 }],
  ] as const) {
    test(`board column headings stay visible while a column scrolls (${name}) @production`, async ({ browser }) => {
      const ctx = await (browser as Browser).newContext({ viewport: size, isMobile: name === 'phone', hasTouch: name !== 'desktop' });
      const page = await ctx.newPage();
      await signIn(page, STAFF.manager);
      await page.goto('/production');
      await hydrated(page);
      const board = page.locator('.board');
      const head = page.getByTestId('col-design');
      await expect(head).toBeVisible();
      await expect(page.locator('.kcol-more')).toHaveCount(0, { timeout: 20_000 });
      // Far down a long column: the board itself scrolls, its headings stay on top.
      const scrolled = await board.evaluate((el) => { el.scrollTop = 2400; return el.scrollTop; });
      expect(scrolled).toBeGreaterThan(300);
      const b = (await board.boundingBox())!;
      const h = (await head.boundingBox())!;
      expect(h.y).toBeGreaterThanOrEqual(b.y - 1);
      expect(h.y).toBeLessThan(b.y + 12);
      await expect(head).toBeInViewport();
      await expect(head).toContainText(/\d/);
      // The card under the heading is far down its column: nothing covers the heading.
      const top = await page.evaluate(([x, y]) => document.elementFromPoint(x, y)?.closest('.kcol-head')?.getAttribute('data-testid'), [h.x + 20, h.y + h.height / 2]);
      expect(top).toBe('col-design');
      await ctx.close();
    });
  }

  test.describe('at 00:30 in the shop (still yesterday in UTC)', () => {
    test.use({ timezoneId: 'UTC' });
    let at = '';
    test.beforeEach(async ({ page }) => {
      // The next 00:30 IST: 19:00 UTC of the shop's today.
      const ist = new Date(Date.now() + 330 * 60_000);
      const day = ist.toISOString().slice(0, 10);
      at = `${day}T19:00:00Z`;
      const res = await page.request.get('/test-hooks/clock?at=' + at);
      expect(await res.text()).toBe(new Date(Date.parse(at) + 330 * 60_000).toISOString().slice(0, 10));
      await page.clock.setFixedTime(new Date(at));
    });
    test.afterEach(async ({ page }) => {
      await page.request.get('/test-hooks/clock');
    });

    test('invoice, payment date and due date are the shop\'s today @foundation', async ({ page }) => {
      const shopToday = new Date(Date.parse(at) + 330 * 60_000).toISOString().slice(0, 10);
      const utcToday = at.slice(0, 10);
      expect(shopToday).not.toBe(utcToday);
      await signIn(page, STAFF.owner);
      const { url } = await newOrder(page);
      await page.goto(url);
      await hydrated(page);
      await page.getByRole('button', { name: 'Create invoice' }).click();
      await expect(page.getByRole('heading', { name: /^Invoice INV\// })).toBeVisible();
      await hydrated(page);
      await expect(page.locator('.order-summary')).toContainText(`Issued ${shopToday}`);
      const paidOn = page.getByLabel('Paid on');
      await expect(paidOn).toHaveValue(shopToday);
      await page.getByRole('button', { name: 'Record payment' }).click();
      await expect(page.locator('.order-summary')).toContainText('Paid');
      await expect(page.getByText(`${shopToday}`).first()).toBeVisible();
      // A due date of the shop's today is accepted (it is not in the past).
      await page.goto('/orders/new');
      await hydrated(page);
      await page.getByLabel('Search customers').fill('a');
      await page.locator('.picker-results').getByRole('option').first().click();
      await page.getByTestId('order-line').first().getByLabel('Product').selectOption({ label: 'Business cards' });
      await page.getByTestId('order-line').first().getByLabel('Quantity').fill('500');
      await page.getByLabel('Due date').fill(shopToday);
      await page.getByRole('button', { name: 'Confirm order' }).click();
      await expect(page.getByRole('heading', { name: /^Order PD-/ })).toBeVisible();
      await expect(page.locator('.order-summary')).toContainText(`Due: ${shopToday}`);
    });
  });

  test('a reorder of unchanged artwork starts after proof approval; changed artwork starts in design @portal', async ({ page, browser }) => {
    // The shop makes an order for the demo customer; the customer approves its proof.
    await signIn(page, STAFF.frontdesk);
    const { url, number } = await orderFromCustomerPage(page, 'Kavya Rao');
    const link = await proofForCustomer(page, url);

    const phone = await (browser as Browser).newContext(PHONE);
    const customer = await phone.newPage();
    await customer.goto(link);
    await customer.getByLabel('Your full name').fill('Kavya Rao');
    await customer.getByText('I approve this proof for printing').click();
    await customer.getByRole('button', { name: 'Approve this proof' }).click();
    await expect(customer.getByTestId('link-state')).toContainText('You approved this proof');

    // The reorder, same artwork: no new proof, the jobs start after proof approval.
    await portalSignIn(customer);
    const id = url.split('/').pop();
    await customer.goto(`/portal/orders/${id}/reorder`);
    await expect(customer.getByTestId('carried-artwork')).toContainText('version 1');
    await customer.getByRole('button', { name: 'Place this order' }).click();
    await expect(customer.getByText('Your new order is placed')).toBeVisible();
    await expect(customer.locator('.p-timeline li.current')).toHaveText('Printing');
    await expect(customer.getByText(`Approved artwork of order ${number}, version 1`)).toBeVisible();
    const sameUrl = customer.url();
    await page.goto(sameUrl.replace('/portal/orders/', '/orders/').replace(/\?.*$/, ''));
    await hydrated(page);
    await expect(page.locator('.step.step-active')).toContainText('Prepress');
    await expect(page.getByTestId('carried-from')).toContainText(`order ${number}, version 1`);
    await page.getByTestId('carried-from').getByRole('link').click();
    await expect(page.getByRole('heading', { name: `Order ${number}` })).toBeVisible();

    // New artwork asked for: the reorder starts in Design, with what should change.
    await customer.goto(`/portal/orders/${id}/reorder`);
    await customer.getByLabel('I want changes to this artwork').check();
    await customer.getByRole('button', { name: 'Place this order' }).click();
    await expect(customer.getByText('Tell us what should change in the artwork')).toBeVisible();
    await customer.getByLabel('I want changes to this artwork').check();
    await customer.getByLabel(/What should change in the artwork/).fill('New phone number: 98000 11111');
    await customer.getByRole('button', { name: 'Place this order' }).click();
    await expect(customer.getByText('Your new order is placed')).toBeVisible();
    await expect(customer.locator('.p-timeline li.current')).toHaveText('Designing');
    await phone.close();
  });

  test('a signed-out bookmark in Devanagari keeps every character through sign-in @foundation', async ({ page }) => {
    const q = 'देशमुख';
    await page.goto('/customers?q=' + q);
    await expect(page).toHaveURL(/\/login\?next=/);
    await hydrated(page);
    await page.getByLabel('E-mail').fill(STAFF.frontdesk);
    await page.getByLabel('Password').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page).toHaveURL(/\/customers\?q=/);
    expect(new URL(page.url()).searchParams.get('q')).toBe(q);
    await hydrated(page);
    await expect(page.getByLabel('Search customers')).toHaveValue(q);
    // The same without JavaScript: the plain form post redirects to the same address.
    const ctx = await page.context().browser()!.newContext({ javaScriptEnabled: false });
    const plain = await ctx.newPage();
    await plain.goto('/customers?q=' + q + '&page=1');
    await plain.getByLabel('E-mail').fill(STAFF.frontdesk);
    await plain.getByLabel('Password').fill(DEMO_PASSWORD);
    await plain.getByRole('button', { name: 'Sign in' }).click();
    await expect(plain).toHaveURL(/\/customers\?/);
    expect(new URL(plain.url()).searchParams.get('q')).toBe(q);
    await expect(plain.getByLabel('Search customers')).toHaveValue(q);
    await ctx.close();
  });
});
