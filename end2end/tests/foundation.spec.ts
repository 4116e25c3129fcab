import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { expect, hydrated, signIn, STAFF, test, unique, DEMO_PASSWORD } from './fixtures/app';

function randomPhone() {
  return '9' + String(Math.floor(100000000 + Math.random() * 899999999));
}

test.describe('staff foundation @foundation', () => {
  test('sign in, create a customer, take a two-line order, change status, invoice and PDF @foundation', async ({ page }) => {
    await signIn(page, STAFF.frontdesk);

    // Create a customer.
    await page.goto('/customers/new');
    await hydrated(page);
    const name = unique('Kavya Rao');
    await page.getByLabel('Name', { exact: true }).fill(name);
    await page.getByLabel('Company').fill('Rao Sweets');
    await page.getByLabel('Phone (WhatsApp)').fill(randomPhone());
    await page.getByLabel('E-mail').fill(`kavya.${Date.now().toString(36)}@example.in`);
    await page.getByRole('button', { name: 'Create customer' }).click();
    await expect(page.getByRole('heading', { name })).toBeVisible();

    // Take an order with two lines and watch the total follow.
    await page.goto('/orders/new');
    await hydrated(page);
    await page.getByLabel('Search customers').fill(name);
    await page.getByRole('option', { name: new RegExp(name) }).click();
    await expect(page.getByTestId('selected-customer')).toContainText(name);
    const total = page.getByTestId('order-total');
    await expect(total).toHaveText('₹0.00');
    const lines = page.getByTestId('order-line');
    await lines.nth(0).getByLabel('Product').selectOption({ label: 'Business cards' });
    await lines.nth(0).getByLabel('Quantity').fill('500');
    // 500 x 0.80 = 400.00, plus 9% CGST + 9% SGST
    await expect(total).toHaveText('₹472.00');
    await page.getByRole('button', { name: '+ Add item' }).click();
    await lines.nth(1).getByLabel('Product').selectOption({ label: 'Letterheads' });
    await lines.nth(1).getByLabel('Quantity').fill('500');
    await expect(total).toHaveText('₹2,832.00');
    await lines.nth(1).getByLabel('Quantity').fill('1000');
    // 1000 letterheads at 2.80 = 2800.00 + 18% = 3304.00; with the cards 3776.00
    await expect(total).toHaveText('₹3,776.00');
    await page.getByRole('button', { name: 'Confirm order' }).click();
    const heading = page.getByRole('heading', { name: /^Order PD-\d{4}-\d{5}$/ });
    await expect(heading).toBeVisible();
    const orderNumber = (await heading.textContent())!.replace('Order ', '').trim();
    await hydrated(page);

    // Change its status.
    await page.getByLabel('New status').selectOption('in_production');
    await page.getByRole('button', { name: 'Change status' }).click();
    await expect(page.locator('.order-summary .chip').first()).toHaveText('In production');
    await expect(page.locator('.timeline-item')).toHaveCount(2);

    // Invoice it and download the PDF.
    await page.getByRole('button', { name: 'Create invoice' }).click();
    await expect(page.getByRole('heading', { name: /^Invoice INV\/\d{4}\/\d{5}$/ })).toBeVisible();
    await hydrated(page);
    await expect(page.getByTestId('balance')).toHaveText('₹3,776.00');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download-pdf').click()]);
    const file = path.join(os.tmpdir(), `pd-${Date.now()}.pdf`);
    await download.saveAs(file);
    const bytes = fs.readFileSync(file);
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    const text = execFileSync('pdftotext', ['-layout', file, '-']).toString();
    expect(text).toContain(orderNumber);
    expect(text).toContain(name);
    execFileSync('pdftoppm', ['-r', '40', '-png', '-f', '1', '-l', '1', file, file.replace('.pdf', '')]);
    expect(fs.existsSync(file.replace('.pdf', '-1.png'))).toBeTruthy();

    // Record a partial payment.
    await page.getByLabel('Amount').fill('1000');
    await page.getByRole('button', { name: 'Record payment' }).click();
    await expect(page.getByTestId('balance')).toHaveText('₹2,776.00');
  });

  test('bad customer input gets field-level messages and saves nothing @foundation', async ({ page }) => {
    await signIn(page, STAFF.frontdesk);
    await page.goto('/customers/new');
    await hydrated(page);
    await page.getByLabel('Name', { exact: true }).fill('   ');
    await page.getByLabel('Phone (WhatsApp)').fill('12345');
    await page.getByLabel('E-mail').fill('not-an-email');
    await page.getByLabel('GSTIN').fill('27AAPFU0939F1ZX');
    await page.getByRole('button', { name: 'Create customer' }).click();
    await expect(page.getByText('This field is required')).toBeVisible();
    await expect(page.getByText(/Enter a full phone number/)).toBeVisible();
    await expect(page.getByText(/Enter a valid e-mail address/)).toBeVisible();
    await expect(page.getByText(/GSTIN check digit does not match/)).toBeVisible();
    await expect(page).toHaveURL(/\/customers\/new$/);
  });

  test('an order without items is refused with a message @foundation', async ({ page }) => {
    await signIn(page, STAFF.frontdesk);
    await page.goto('/orders/new');
    await hydrated(page);
    await page.getByRole('button', { name: 'Confirm order' }).click();
    await expect(page.getByText('Choose a customer')).toBeVisible();
    await expect(page.getByText('Choose a product from the catalogue')).toBeVisible();
    await expect(page).toHaveURL(/\/orders\/new$/);
  });

  test('wrong password is refused and staff pages need sign-in @foundation', async ({ page }) => {
    await page.goto('/orders');
    await expect(page).toHaveURL(/\/login\?next=%2Forders|\/login\?next=\/orders/);
    await hydrated(page);
    await page.getByLabel('E-mail').fill(STAFF.manager);
    await page.getByLabel('Password').fill('not-the-password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByText('Wrong e-mail or password')).toBeVisible();
    await page.getByLabel('Password').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('heading', { name: 'Orders' })).toBeVisible();
  });

  test('every staff page renders without console errors, and sign-out works @foundation', async ({ page }) => {
    await signIn(page, STAFF.owner);
    for (const [url, heading] of [
      ['/', 'Today'],
      ['/orders', 'Orders'],
      ['/orders?status=open', 'Orders'],
      ['/customers', 'Customers'],
      ['/invoices', 'Invoices'],
      ['/catalogue', 'Catalogue'],
      ['/catalogue/new', 'New product'],
      ['/customers/new', 'New customer'],
    ]) {
      await page.goto(url);
      await expect(page.getByRole('heading', { name: heading, exact: true })).toBeVisible();
      await hydrated(page);
    }
    await page.getByRole('link', { name: /Orders/ }).first().click();
    await page.locator('.orders-table a').first().click();
    await expect(page.getByRole('heading', { name: /^Order PD-/ })).toBeVisible();
    await page.getByRole('button', { name: 'Sign out' }).click();
    await expect(page).toHaveURL(/\/login/);
    await page.goto('/customers');
    await expect(page).toHaveURL(/\/login/);
  });
});

test.describe('sign-in on a phone @foundation', () => {
  test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });

  test('the sign-in page fits a 390x844 screen and signs in @foundation', async ({ page }) => {
    await page.goto('/login');
    await hydrated(page);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    const box = await page.getByRole('button', { name: 'Sign in' }).boundingBox();
    expect(box!.height).toBeGreaterThanOrEqual(44);
    await page.getByLabel('E-mail').fill(STAFF.owner);
    await page.getByLabel('Password').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('heading', { name: 'Today', exact: true })).toBeVisible();
  });
});
