import { expect, hydrated, newOrder, signIn, STAFF, test } from './fixtures/app';

test.describe('credit notes @foundation', () => {
  test('a manager cancels an unpaid invoice with a credit note in its own series @foundation', async ({ page }) => {
    await signIn(page, STAFF.owner);
    await newOrder(page);
    await page.getByRole('button', { name: 'Create invoice' }).click();
    const heading = page.getByRole('heading', { name: /^Invoice INV\// });
    await expect(heading).toBeVisible();
    const number = (await heading.textContent())!.replace('Invoice ', '').trim();
    // Rule 46(b): at most 16 characters.
    expect(number.length).toBeLessThanOrEqual(16);
    await hydrated(page);

    await page.getByText('Issue a credit note').click();
    // Bad input: a field message, nothing issued.
    await page.getByRole('button', { name: 'Issue credit note' }).click();
    await expect(page.getByText('This field is required')).toBeVisible();
    await expect(page.getByTestId('credit-notes').locator('li')).toHaveCount(0);

    await page.getByLabel('Reason').fill('Customer cancelled before printing');
    await page.getByRole('button', { name: 'Issue credit note' }).click();
    const notes = page.getByTestId('credit-notes').locator('li');
    await expect(notes).toHaveCount(1);
    await expect(notes.first()).toContainText(/CN\/\d{4}\/\d{5}/);
    await expect(notes.first()).toContainText('Cancellation');
    await expect(page.getByTestId('balance')).toHaveText('₹0.00');
    await expect(page.getByText('Credited', { exact: true }).first()).toBeVisible();
    // Its PDF downloads.
    const href = await notes.first().locator('a').getAttribute('href');
    const pdf = await page.request.get(href!);
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()['content-type']).toBe('application/pdf');
    expect(pdf.headers()['cache-control']).toContain('no-store');
  });
});
