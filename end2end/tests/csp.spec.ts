import { Page } from '@playwright/test';
import { DEMO_CUSTOMER, expect, hydrated, signIn, STAFF, test } from './fixtures/app';

// The Content-Security-Policy is strict (scripts only from this site or with the page's
// nonce). Every staff and portal page must work under it with no violation, on a cold load
// and after client-side navigation. Console errors fail every test anyway (fixtures/app.ts);
// here the browser's own violation events are counted as well.

async function watchViolations(page: Page) {
  await page.addInitScript(() => {
    (window as any).__csp = [];
    document.addEventListener('securitypolicyviolation', (e) => {
      (window as any).__csp.push(`${e.violatedDirective} ${e.blockedURI} on ${location.pathname}`);
    });
  });
}

async function violations(page: Page): Promise<string[]> {
  return page.evaluate(() => (window as any).__csp ?? []);
}

const STAFF_PAGES = [
  '/',
  '/orders',
  '/orders/new',
  '/production',
  '/production/timeline',
  '/production/schedule',
  '/production/bottlenecks',
  '/production/resources',
  '/production/stages',
  '/quality',
  '/quality/chains',
  '/customers',
  '/customers/new',
  '/invoices',
  '/catalogue',
  '/catalogue/new',
];

test.describe('content security policy @foundation', () => {
  test('every staff page hydrates under the CSP, cold and after navigation @foundation', async ({ page }) => {
    await watchViolations(page);
    await signIn(page, STAFF.owner);
    for (const path of STAFF_PAGES) {
      const res = await page.goto(path);
      expect(res?.status(), path).toBe(200);
      expect(res?.headers()['content-security-policy'], path).toContain("frame-ancestors 'none'");
      expect(res?.headers()['cache-control'], path).toContain('no-store');
      await hydrated(page);
      expect(await violations(page), `cold ${path}`).toEqual([]);
    }
    // Detail pages, reached by clicking through (client-side navigation).
    await page.goto('/orders');
    await hydrated(page);
    await page.locator('table a[href^="/orders/"]').first().click();
    await expect(page.getByRole('heading', { name: /^Order PD-/ })).toBeVisible();
    await page.getByRole('link', { name: 'Customers' }).first().click();
    await page.locator('table a[href^="/customers/"]').first().click();
    await expect(page.locator('h1')).toBeVisible();
    await page.getByRole('link', { name: 'Invoices' }).first().click();
    await page.locator('table a[href^="/invoices/"]').first().click();
    await expect(page.getByRole('heading', { name: /^Invoice / })).toBeVisible();
    await page.getByRole('link', { name: 'Production' }).first().click();
    await expect(page.locator('h1')).toBeVisible();
    expect(await violations(page), 'after navigation').toEqual([]);
    // An unknown record is a real 404 with a not-found view.
    const missing = await page.goto('/orders/99999999');
    expect(missing?.status()).toBe(404);
    await expect(page.getByText('Order not found')).toBeVisible();
  });

  test('every portal page works under the CSP on a phone @foundation', async ({ page }) => {
    await page.setViewportSize({ width: 390, height: 844 });
    await watchViolations(page);
    const first = await page.goto('/portal');
    expect(first?.headers()['content-security-policy']).toContain("script-src 'self'");
    await page.getByLabel('Phone number or e-mail').fill(DEMO_CUSTOMER.phone);
    await page.getByLabel('Password').fill(DEMO_CUSTOMER.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('heading', { name: 'Your orders' })).toBeVisible();
    await page.getByTestId('portal-orders').locator('a.p-order').first().click();
    await expect(page.locator('h1')).toBeVisible();
    const order = page.url();
    expect(await violations(page), order).toEqual([]);
    for (const path of ['/portal/orders', '/portal/profile', order.replace(/^https?:\/\/[^/]+/, '') + '/reorder']) {
      const res = await page.goto(path);
      expect(res?.status(), path).toBe(200);
      expect(res?.headers()['cache-control'], path).toContain('no-store');
      expect(await violations(page), path).toEqual([]);
    }
  });
});
