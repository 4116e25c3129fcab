import { Browser, Page } from '@playwright/test';
import { expect, hydrated, newOrder, proofForCustomer, signIn, STAFF, test } from './fixtures/app';

// The customer's approval link is a light page, like the portal: no staff WebAssembly,
// at most 50 KB on the wire besides the artwork, customer wording, and it works with
// JavaScript off. The page's small script adds tap-to-pin and zoom.
const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };

/** A fresh order's proof v1, passed by the manager: the customer's approval link. */
async function approvalLink(page: Page): Promise<string> {
  await signIn(page, STAFF.frontdesk);
  const { url } = await newOrder(page);
  return proofForCustomer(page, url);
}

test.describe('proof approval link, light page @quality', () => {
  test('on a phone the link loads no WebAssembly, weighs at most 50 KB, speaks to the customer, and approves without JavaScript @quality', async ({ page, browser }) => {
    const link = await approvalLink(page);

    const phone = await (browser as Browser).newContext(PHONE);
    const customer = await phone.newPage();
    const errors: string[] = [];
    customer.on('console', (m) => { if (m.type() === 'error' && !/status of 4\d\d/.test(m.text())) errors.push(m.text()); });
    customer.on('pageerror', (e) => errors.push(e.message));
    const requested: string[] = [];
    customer.on('request', (r) => requested.push(r.url()));
    // Bytes on the wire (compressed, headers included), as portal-weight.mjs counts them.
    const cdp = await phone.newCDPSession(customer);
    await cdp.send('Network.enable');
    const urls = new Map<string, string>();
    const sizes: { url: string; bytes: number }[] = [];
    cdp.on('Network.requestWillBeSent', (e) => { urls.set(e.requestId, e.request.url); });
    cdp.on('Network.loadingFinished', (e) => { sizes.push({ url: urls.get(e.requestId) ?? '', bytes: e.encodedDataLength }); });

    await customer.goto(link);
    await hydrated(customer);
    await customer.waitForLoadState('networkidle');
    await expect(customer.getByRole('heading', { name: /Proof v1 · order PD-/ })).toBeVisible();

    // (a) Nothing of the staff bundle.
    expect(requested.filter((u) => /\.wasm(\?|$)/.test(u) || new URL(u).pathname.startsWith('/pkg/'))).toEqual([]);
    // (b) Light: everything but the proof artwork itself.
    const isArtwork = (u: string) => /\/proofs\/\d+\/preview/.test(u);
    expect(sizes.some((s) => isArtwork(s.url)), 'the proof image was loaded').toBe(true);
    const kb = sizes.filter((s) => !isArtwork(s.url)).reduce((n, s) => n + s.bytes, 0) / 1024;
    expect(kb, `approval page ${kb.toFixed(1)} KB`).toBeLessThanOrEqual(50);
    // (c) The customer's words, not the staff's.
    await expect(customer.getByTestId('proof-status')).toHaveText('Waiting for your approval');
    await expect(customer.locator('body')).not.toContainText('Awaiting customer');
    // (d) The shop's mark keeps its square; buttons are big enough for a thumb.
    const mark = await customer.getByTestId('shop-mark').boundingBox();
    expect(mark).not.toBeNull();
    expect(Math.round(mark!.width)).toBe(Math.round(mark!.height));
    expect(mark!.width).toBeGreaterThanOrEqual(28);
    const button = await customer.getByRole('button', { name: 'Approve this proof' }).boundingBox();
    expect(button!.height).toBeGreaterThanOrEqual(44);
    await expect(customer.getByLabel('Zoom')).toBeVisible();
    expect(errors).toEqual([]);
    await phone.close();

    // (e) JavaScript off: the plain forms still sign and approve.
    const plainCtx = await (browser as Browser).newContext({ ...PHONE, javaScriptEnabled: false });
    const plain = await plainCtx.newPage();
    await plain.goto(link);
    await expect(plain.getByRole('heading', { name: /Proof v1/ })).toBeVisible();
    await expect(plain.getByLabel('Zoom')).toBeHidden();
    await plain.getByRole('button', { name: 'Approve this proof' }).click();
    await expect(plain.getByText('Type your full name to sign')).toBeVisible();
    await plain.getByLabel('Your full name').fill('Kavya Rao');
    await plain.getByLabel('I approve this proof for printing').check();
    await plain.getByRole('button', { name: 'Approve this proof' }).click();
    await expect(plain.getByTestId('link-state')).toContainText('You approved this proof');
    await expect(plain.getByTestId('proof-status')).toHaveText('Approved for printing');
    await expect(plain.getByRole('button', { name: 'Approve this proof' })).toHaveCount(0);
    await plainCtx.close();
  });

  test('on a desktop, tapping the proof pins a comment that the request for changes keeps @quality', async ({ page }) => {
    const link = await approvalLink(page);
    await page.goto(link);
    await hydrated(page);
    const frame = page.locator('.pin-frame');
    await page.getByLabel('Zoom').fill('200');
    await expect(frame).toHaveAttribute('style', /width: 200%/);
    await page.getByLabel('Zoom').fill('100');

    await frame.click({ position: { x: 60, y: 40 } });
    await expect(page.getByLabel('Pin 1 comment')).toHaveAttribute('placeholder', 'What should change here?');
    // A second pin, taken back again.
    await frame.click({ position: { x: 160, y: 100 } });
    await expect(page.getByLabel('Pin 2 comment')).toBeVisible();
    await page.getByRole('button', { name: 'Remove pin 2' }).click();
    await expect(page.getByLabel('Pin 2 comment')).toHaveCount(0);
    await page.getByLabel('Pin 1 comment').fill('Make the logo bigger');
    const pins = JSON.parse(await page.locator('input[name=pins]').inputValue());
    expect(pins).toEqual([expect.objectContaining({ body: 'Make the logo bigger' })]);
    expect(pins[0].x).toBeGreaterThan(0);
    expect(pins[0].x).toBeLessThan(1);

    await page.getByRole('button', { name: 'Request changes' }).click();
    await expect(page.getByTestId('link-state')).toContainText('You asked for changes');
    await expect(page.getByTestId('pin')).toHaveCount(1);
    await expect(page.locator('.a-notes')).toContainText('Make the logo bigger');
    await expect(page.getByTestId('proof-status')).toHaveText('Changes requested');
  });
});
