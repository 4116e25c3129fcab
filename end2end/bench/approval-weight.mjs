// Bytes transferred (compressed, as on the wire) when a customer opens a proof approval
// link on a 390x844 phone with a cold cache: the page and everything it loads, without and
// with the proof artwork itself. The link is the demo customer's (seed::portal_demo gives
// their open order a proof awaiting approval), read from their portal order page.
// Usage: node approval-weight.mjs http://127.0.0.1:3190 <phone> <password>
import { chromium } from '@playwright/test';

const [base, phone, password] = process.argv.slice(2);
const args = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args });
const device = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, serviceWorkers: 'block' };

// Find the link as the customer would: signed in to the portal, on the order's page.
const portal = await (await browser.newContext(device)).newPage();
await portal.goto(base + '/portal');
await portal.getByLabel('Phone number or e-mail').fill(phone);
await portal.getByLabel('Password').fill(password);
await portal.getByRole('button', { name: 'Sign in' }).click();
await portal.waitForURL(/\/portal\/orders/);
const orders = await portal.locator('a.p-order').evaluateAll((as) => as.map((a) => a.href));
let link = null;
for (const href of orders) {
  await portal.goto(href);
  const review = portal.getByRole('link', { name: 'Review and approve' }).first();
  if (await review.count()) {
    link = new URL(await review.getAttribute('href'), base).href;
    break;
  }
}
if (!link) {
  console.error('approval-weight: the demo customer has no proof awaiting approval');
  await browser.close();
  process.exit(1);
}

// A fresh phone, as when the link is opened from a message: no cookies, nothing cached.
const context = await browser.newContext(device);
const page = await context.newPage();
const cdp = await context.newCDPSession(page);
await cdp.send('Network.enable');
const urls = new Map();
let page_bytes = 0;
let artwork_bytes = 0;
cdp.on('Network.requestWillBeSent', (e) => urls.set(e.requestId, e.request.url));
cdp.on('Network.loadingFinished', (e) => {
  if (/\/proofs\/\d+\/preview/.test(urls.get(e.requestId) ?? '')) artwork_bytes += e.encodedDataLength;
  else page_bytes += e.encodedDataLength;
});
await page.goto(link);
await page.waitForLoadState('networkidle');
console.log(`bench: approval_page_kb ${Math.ceil(page_bytes / 1024)} KB`);
console.log(`bench: approval_page_with_proof_kb ${Math.ceil((page_bytes + artwork_bytes) / 1024)} KB`);
await browser.close();
