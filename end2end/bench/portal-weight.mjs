// Bytes transferred (compressed, as on the wire) for the first visit of the portal's
// sign-in page and for the order list, in headless Chromium on a 390x844 phone viewport.
// Usage: node portal-weight.mjs http://127.0.0.1:3100 <phone> <password>
import { chromium } from '@playwright/test';

const [base, phone, password] = process.argv.slice(2);
const args = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args });
const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, serviceWorkers: 'block' });
const page = await context.newPage();
const cdp = await context.newCDPSession(page);
await cdp.send('Network.enable');
let bytes = 0;
cdp.on('Network.loadingFinished', (e) => { bytes += e.encodedDataLength; });

async function measure(fn) {
  bytes = 0;
  await fn();
  await page.waitForLoadState('networkidle');
  return Math.ceil(bytes / 1024);
}

const first = await measure(() => page.goto(base + '/portal'));
await page.getByLabel('Phone number or e-mail').fill(phone);
await page.getByLabel('Password').fill(password);
await page.getByRole('button', { name: 'Sign in' }).click();
await page.waitForURL(/\/portal\/orders/);
// A fresh load of the list, with a cold cache, as a customer opening the app.
await cdp.send('Network.clearBrowserCache');
const orders = await measure(() => page.goto(base + '/portal/orders'));
console.log(`bench: portal_first_view_kb ${first} KB`);
console.log(`bench: portal_orders_view_kb ${orders} KB`);
await browser.close();
