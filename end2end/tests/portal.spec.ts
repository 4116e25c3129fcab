import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Browser, Page } from '@playwright/test';
import { DEMO_CUSTOMER, expect, portalSignIn, signIn, STAFF, test, hydrated } from './fixtures/app';

/** The newest code for the demo customer, read from the outbox through the test hook. */
async function latestCode(page: Page): Promise<string> {
  const res = await page.request.get('/test-hooks/outbox/latest?to=' + encodeURIComponent(DEMO_CUSTOMER.phone));
  expect(res.ok()).toBeTruthy();
  const body = await res.json();
  return body.code as string;
}

test.describe('customer portal @portal', () => {
  test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });

  test('sign in with a password, see orders, open one, download the invoice PDF @portal', async ({ page }) => {
    await portalSignIn(page);
    const orders = page.getByTestId('portal-orders').locator('a.p-order');
    expect(await orders.count()).toBeGreaterThan(1);
    await expect(page.locator('.p-bar').first()).toBeVisible();
    // Newest first: the first order's date is not older than the second's.
    const delivered = page.getByTestId('portal-orders').locator('a.p-order', { hasText: 'Delivered' }).first();
    await delivered.click();
    await expect(page.getByRole('heading', { name: /^Order PD-/ })).toBeVisible();
    await expect(page.locator('.p-timeline li.current')).toHaveText('Delivered');
    const invoice = page.getByRole('link', { name: /^Invoice INV\// }).first();
    const [download] = await Promise.all([page.waitForEvent('download'), invoice.click()]);
    const file = path.join(os.tmpdir(), `portal-${Date.now()}.pdf`);
    await download.saveAs(file);
    expect(fs.readFileSync(file).subarray(0, 5).toString()).toBe('%PDF-');
    const text = execFileSync('pdftotext', [file, '-']).toString();
    expect(text).toContain('INV/');
  });

  test('sign in with a one-time code from WhatsApp; wrong and reused codes are refused @portal', async ({ page }) => {
    await page.goto('/portal');
    await page.getByLabel('Phone number', { exact: true }).fill(DEMO_CUSTOMER.phone);
    await page.getByRole('button', { name: 'Send me a code' }).click();
    await expect(page.getByRole('heading', { name: 'Enter your code' })).toBeVisible();
    const code = await latestCode(page);
    expect(code).toMatch(/^\d{6}$/);
    const wrong = code === '000000' ? '111111' : '000000';
    await page.getByLabel('Code').fill(wrong);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByText('That code is not right')).toBeVisible();
    await page.getByLabel('Code').fill(code);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('heading', { name: 'Your orders' })).toBeVisible();
  });

  test('reorder with a changed quantity and see it on the staff board @portal', async ({ page, browser }) => {
    await portalSignIn(page);
    await page.getByTestId('portal-orders').locator('a.p-order', { hasText: 'Delivered' }).first().click();
    await page.getByRole('link', { name: 'Reorder' }).click();
    await expect(page.getByRole('heading', { name: /^Reorder PD-/ })).toBeVisible();
    const qty = page.getByLabel(/^Quantity/).first();
    const old = Number(await qty.inputValue());
    await qty.fill(String(old * 2));
    await page.getByRole('button', { name: 'Place this order' }).click();
    await expect(page.getByText('Your new order is placed')).toBeVisible();
    const heading = await page.getByRole('heading', { name: /^Order PD-/ }).textContent();
    const number = heading!.replace('Order ', '').trim();

    const staff = await (browser as Browser).newContext();
    const sp = await staff.newPage();
    await signIn(sp, STAFF.manager);
    await sp.goto('/production');
    await hydrated(sp);
    await expect(sp.locator('[data-testid=kcard]', { hasText: number }).first()).toBeVisible();
    await sp.goto('/orders?q=' + encodeURIComponent(number));
    await expect(sp.locator('.orders-table')).toContainText(number);
    await staff.close();
  });

  test('rate a delivered order; a low rating becomes a follow-up for staff @portal', async ({ page, browser }) => {
    await portalSignIn(page);
    await page.getByTestId('portal-orders').locator('a.p-order', { hasText: 'Delivered' }).nth(1).click();
    const number = (await page.getByRole('heading', { name: /^Order PD-/ }).textContent())!.replace('Order ', '').trim();
    await page.locator('label[for=star2]').click();
    await page.getByLabel('Comment (optional)').fill('Colours were off');
    await page.getByRole('button', { name: /rating/ }).click();
    await expect(page.getByText('Thank you for your rating.')).toBeVisible();
    const staff = await (browser as Browser).newContext();
    const sp = await staff.newPage();
    await signIn(sp, STAFF.manager);
    await expect(sp.getByTestId('follow-ups')).toContainText(number);
    await staff.close();
  });

  test('another customer\'s order is not found @portal', async ({ page }) => {
    await portalSignIn(page);
    const res = await page.goto('/portal/orders/1');
    // Order 1 belongs to another demo customer.
    await expect(page.getByText('Order was not found')).toBeVisible();
    expect(res!.status()).toBeLessThan(500);
  });

  test('offline reload of the order list shows the cached list; manifest and service worker are registered @portal', async ({ page, context }) => {
    await portalSignIn(page);
    const manifest = await page.locator('link[rel=manifest]').getAttribute('href');
    const m = await (await page.request.get(manifest!)).json();
    expect(m.display).toBe('standalone');
    expect(m.icons.some((i: any) => i.purpose === 'maskable')).toBeTruthy();
    await page.evaluate(() => navigator.serviceWorker.ready);
    await page.reload();
    await expect.poll(() => page.evaluate(() => !!navigator.serviceWorker.controller)).toBeTruthy();
    // Chromium's own installability check (manifest, icons, service worker, scope).
    const cdp = await context.newCDPSession(page);
    const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
    // A Playwright context is incognito, which Chromium reports on its own; nothing else may be.
    expect(installabilityErrors.filter((e: { errorId: string }) => e.errorId !== 'in-incognito')).toEqual([]);
    await page.reload();
    const first = await page.getByTestId('portal-orders').locator('strong').first().textContent();
    await context.setOffline(true);
    await page.reload();
    await expect(page.getByTestId('portal-orders').locator('strong').first()).toHaveText(first!);
    await context.setOffline(false);
  });

  test('profile: a bad GSTIN is named and nothing changes; addresses and WhatsApp choice are saved @portal', async ({ page }) => {
    await portalSignIn(page);
    await page.getByRole('link', { name: 'Profile' }).click();
    await expect(page.getByRole('heading', { name: 'Your details' })).toBeVisible();
    const address = `Flat ${Date.now() % 1000}, Kothrud, Pune 411038`;
    await page.getByLabel('Delivery address').fill(address);
    await page.getByLabel('GSTIN (for tax invoices)').fill('27ABC');
    await page.getByRole('button', { name: 'Save my details' }).click();
    await expect(page.getByText('A GSTIN has 15 letters and digits')).toBeVisible();
    await page.goto('/portal/profile');
    await expect(page.getByLabel('Delivery address')).not.toHaveValue(address);
    // Valid input is saved, the WhatsApp choice included.
    await page.getByLabel('Delivery address').fill(address);
    await page.getByLabel('GSTIN (for tax invoices)').fill('');
    await page.getByLabel('Send me order updates on WhatsApp').uncheck();
    await page.getByRole('button', { name: 'Save my details' }).click();
    await expect(page.getByText('Your details are saved.')).toBeVisible();
    await page.goto('/portal/profile');
    await expect(page.getByLabel('Delivery address')).toHaveValue(address);
    await expect(page.getByLabel('Send me order updates on WhatsApp')).not.toBeChecked();
    await page.getByLabel('Send me order updates on WhatsApp').check();
    await page.getByRole('button', { name: 'Save my details' }).click();
    await expect(page.getByText('Your details are saved.')).toBeVisible();
  });
});
