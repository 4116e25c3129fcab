import * as path from 'path';
import { Page } from '@playwright/test';
import { expect, hydrated, newOrder, signIn, STAFF, test } from './fixtures/app';

const FIX = path.join(__dirname, 'fixtures');

async function upload(page: Page, file: string, notes: string) {
  await page.getByLabel(/^Proof file for/).first().setInputFiles(path.join(FIX, file));
  await page.getByLabel(/^Change notes for/).first().fill(notes);
  await page.getByRole('button', { name: 'Upload proof' }).first().click();
}

test.describe('proofs and approvals @quality', () => {
  test('designer uploads, manager reviews, customer requests changes with a pin, v2 approved, job moves on @quality', async ({ page, browser }) => {
    // The front desk takes the order; the designer works on it.
    await signIn(page, STAFF.frontdesk);
    const orderUrl = (await newOrder(page)).url;
    await signIn(page, STAFF.designer);
    // A wrong file is refused with a clear message and nothing stored.
    await page.goto(orderUrl);
    await hydrated(page);
    await upload(page, 'not-an-image.png', 'first try');
    await expect(page.getByTestId('upload-error')).toContainText('Only PDF, PNG or JPEG');
    await expect(page.getByTestId('proof')).toHaveCount(0);
    // v1
    await upload(page, 'proof-v1.png', 'First layout');
    await expect(page.getByText('Proof uploaded.')).toBeVisible();
    await expect(page.getByTestId('proof').first()).toContainText('Version 1');

    // The manager approves it for the customer and copies the link.
    await signIn(page, STAFF.manager);
    await page.goto(orderUrl);
    await hydrated(page);
    await page.getByRole('button', { name: 'Approve for the customer' }).click();
    await expect(page.getByTestId('proof').first()).toContainText('Awaiting customer');
    await page.getByRole('button', { name: "Get the customer's approval link" }).click();
    const link1 = await page.getByTestId('approval-link').inputValue();
    expect(link1).toContain('/approve/');

    // The customer, on a phone, pins a comment and asks for changes.
    const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    const customer = await phone.newPage();
    const errors: string[] = [];
    customer.on('console', (m) => { if (m.type() === 'error' && !/status of 4\d\d/.test(m.text())) errors.push(m.text()); });
    await customer.goto(link1);
    await hydrated(customer);
    await expect(customer.getByRole('heading', { name: /Proof v1/ })).toBeVisible();
    await customer.locator('.pin-frame').click({ position: { x: 120, y: 60 } });
    await customer.getByLabel('Pin 1 comment').fill('Make the logo bigger');
    await customer.getByLabel('Your comments').fill('Please use our new phone number');
    await customer.getByRole('button', { name: 'Request changes' }).click();
    await expect(customer.getByTestId('link-state')).toContainText('You asked for changes');
    await expect(customer.getByTestId('pin')).toHaveCount(1);

    // The designer sees the feedback and uploads v2.
    await signIn(page, STAFF.designer);
    await page.goto(orderUrl);
    await hydrated(page);
    await expect(page.getByText('Make the logo bigger')).toBeVisible();
    await upload(page, 'proof-v2.png', 'Bigger logo, new number');
    await expect(page.getByTestId('proof').first()).toContainText('Version 2');
    await expect(page.getByTestId('proof').first()).toContainText('In answer to');
    // Side by side: v1 with the customer's pin, v2 with its change notes.
    await page.getByRole('link', { name: 'Compare versions' }).click();
    await expect(page.getByRole('heading', { name: 'Compare proof versions' })).toBeVisible();
    await expect(page.getByRole('img', { name: 'Version 1' })).toBeVisible();
    await expect(page.getByRole('img', { name: 'Version 2' })).toBeVisible();
    await expect(page.locator('.compare [data-testid=pin]')).toHaveCount(1);
    await expect(page.locator('.compare')).toContainText('Bigger logo, new number');

    await signIn(page, STAFF.manager);
    await page.goto(orderUrl);
    await hydrated(page);
    await page.getByRole('button', { name: 'Approve for the customer' }).click();
    await page.getByRole('button', { name: "Get the customer's approval link" }).click();
    const link2 = await page.getByTestId('approval-link').inputValue();

    // The old link now says superseded; the new one is approved with a typed signature.
    await customer.goto(link1);
    await hydrated(customer);
    await expect(customer.getByTestId('link-state')).toContainText('superseded by version 2');
    await customer.goto(link2);
    await hydrated(customer);
    await customer.getByRole('button', { name: 'Approve this proof' }).click();
    await expect(customer.getByText('Type your full name to sign')).toBeVisible();
    await customer.getByLabel('Your full name').fill('Kavya Rao');
    await customer.getByText('I approve this proof for printing').click();
    await customer.getByRole('button', { name: 'Approve this proof' }).click();
    await expect(customer.getByTestId('link-state')).toContainText('You approved this proof');
    expect(errors).toEqual([]);
    await phone.close();

    // The job left proof approval for prepress by itself.
    await page.goto(orderUrl);
    await expect(page.getByText(/Signed: Kavya Rao/)).toBeVisible();
    await expect(page.locator('.step.step-active')).toContainText('Prepress');
  });

  test('a gate blocks a board move until its checklist is done; a manager can override with a reason @quality', async ({ page }) => {
    await signIn(page, STAFF.manager);
    await page.goto('/production');
    await hydrated(page);
    const card = page.locator('.kcol-body[data-stage="qc"] [data-testid=kcard]:not(.on-hold)').first();
    await expect(card).toBeVisible();
    const id = await card.getAttribute('data-card-id');
    await card.focus();
    await page.keyboard.press('ArrowRight');
    await expect(page.getByRole('alert')).toContainText('Complete the Quality check checklist first');
    await expect(page.locator(`.kcol-body[data-stage="qc"] [data-card-id="${id}"]`)).toBeVisible();
    // Fill the checklist: everything passes.
    const stageId = await page.locator('.kcol-body[data-stage="qc"]').getAttribute('data-stage-id');
    await page.goto(`/quality/check/${id}/${stageId}`);
    await hydrated(page);
    const items = page.getByTestId('check-item');
    const n = await items.count();
    for (let i = 0; i < n; i++) await items.nth(i).getByText('Pass', { exact: true }).click();
    await page.getByRole('button', { name: 'Save checklist' }).click();
    await expect(page.getByTestId('checklist-saved')).toContainText('passed');
    await page.goto('/production');
    await hydrated(page);
    await page.locator(`[data-card-id="${id}"]`).focus();
    await page.keyboard.press('ArrowRight');
    await expect(page.locator(`.kcol-body[data-stage="dispatch"] [data-card-id="${id}"]`)).toBeVisible();

    // Another job: blocked, then overridden by the manager with a reason.
    const other = page.locator('.kcol-body[data-stage="qc"] [data-testid=kcard]:not(.on-hold)').first();
    const otherId = await other.getAttribute('data-card-id');
    await other.focus();
    await page.keyboard.press('ArrowRight');
    await expect(page.getByRole('alert')).toContainText('checklist first');
    await page.getByLabel('Override reason').fill('Customer collecting now; checked by hand');
    await page.getByRole('button', { name: 'Override and move' }).click();
    await expect(page.locator(`.kcol-body[data-stage="dispatch"] [data-card-id="${otherId}"]`)).toBeVisible();
  });

  test('quality page shows statistics and open checklists @quality', async ({ page }) => {
    await signIn(page, STAFF.manager);
    await page.goto('/quality');
    await expect(page.getByRole('heading', { name: 'Quality', exact: true })).toBeVisible();
    await expect(page.getByText('Defect reasons (Pareto, 90 days)')).toBeVisible();
    await expect(page.getByText('Checklists to complete')).toBeVisible();
  });

  test('a manager picks a product\'s approval chain; checklist items take photos @quality', async ({ page }) => {
    await signIn(page, STAFF.manager);
    await page.goto('/quality');
    await page.getByRole('link', { name: 'Approval chains' }).click();
    await expect(page.getByRole('heading', { name: 'Approval chains' })).toBeVisible();
    await hydrated(page);
    const chain = page.getByLabel('Approval chain for Business cards', { exact: true });
    await chain.selectOption('customer');
    await page.getByTestId('chain-row').filter({ has: chain }).getByRole('button', { name: 'Save' }).click();
    await expect(page.getByTestId('chain-saved')).toBeVisible();
    await page.reload();
    await expect(page.getByLabel('Approval chain for Business cards', { exact: true })).toHaveValue('customer');
    // Back to the default so other flows keep the manager's review.
    await hydrated(page);
    await page.getByLabel('Approval chain for Business cards', { exact: true }).selectOption('full');
    await page.getByTestId('chain-row').filter({ has: page.getByLabel('Approval chain for Business cards', { exact: true }) }).getByRole('button', { name: 'Save' }).click();
    await expect(page.getByTestId('chain-saved')).toBeVisible();

    // A checklist photo: a real image is kept on the item and saved with the checklist;
    // a file that is not an image is refused with a message.
    await page.goto('/production');
    await hydrated(page);
    const card = page.locator('.kcol-body[data-stage="qc"] [data-testid=kcard]:not(.on-hold)').first();
    const id = await card.getAttribute('data-card-id');
    const stageId = await page.locator('.kcol-body[data-stage="qc"]').getAttribute('data-stage-id');
    await page.goto(`/quality/check/${id}/${stageId}`);
    await hydrated(page);
    const items = page.getByTestId('check-item');
    await items.nth(0).getByLabel(/^Photo for/).setInputFiles(path.join(FIX, 'proof-v1.png'));
    await expect(items.nth(0).getByTestId('check-photo')).toBeVisible();
    await items.nth(1).getByLabel(/^Photo for/).setInputFiles(path.join(FIX, 'not-an-image.png'));
    await expect(items.nth(1).getByTestId('photo-error')).toContainText('Only PNG or JPEG');
    await items.nth(0).getByText('Pass', { exact: true }).click();
    await page.getByRole('button', { name: 'Save checklist' }).click();
    await expect(page.getByTestId('checklist-saved')).toBeVisible();
    await page.reload();
    await hydrated(page);
    await expect(page.getByTestId('check-item').nth(0).getByTestId('check-photo')).toBeVisible();
  });
});
