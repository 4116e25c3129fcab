import { Page } from '@playwright/test';
import { expect, hydrated, signIn, test, unique } from './fixtures/app';

// Bulk WhatsApp campaigns and the automated-update rules. The test server has no access token,
// so campaign messages go through the outbox to the built-in simulator (20 msg/s), which
// reports them delivered by itself. The audience is kept small with a tag few demo customers
// have: "healthcare" marks the clinics (about 7% of the 300 demo customers, 70% opted in).

const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };
const TAG = 'healthcare';

/** Signs in as the owner and opens the campaigns page; its "New campaign" form. */
async function openCampaigns(page: Page) {
  await signIn(page);
  await page.goto('/whatsapp/campaigns');
  await hydrated(page);
  await expect(page.getByRole('heading', { name: 'WhatsApp campaigns' })).toBeVisible();
  const tabs = page.getByRole('navigation', { name: 'WhatsApp' });
  await expect(tabs.getByRole('link', { name: 'Campaigns' })).toHaveAttribute('aria-current', 'page');
  return page.getByTestId('campaign-form');
}

/** Fills a new campaign for the audience tagged `tags`, keeping the default template. */
async function fillCampaign(page: Page, name: string, tags: string) {
  const form = page.getByTestId('campaign-form');
  await form.getByLabel(/^Name/).fill(name);
  await expect(form.getByLabel(/^Template/)).toHaveValue('promo_offer');
  await expect(form.getByTestId('campaign-variable')).toHaveCount(1);
  await expect(form.getByLabel('Variable 1', { exact: true })).toHaveValue('{first_name}');
  await form.getByLabel(/^Tags/).fill(tags);
  return form;
}

function overflow(page: Page) {
  return page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
}

test.describe('WhatsApp campaigns @whatsapp', () => {
  test('a tagged audience is previewed with its cost, saved, sent to 100% and reported @whatsapp', async ({ page }) => {
    await openCampaigns(page);
    const name = unique('Diwali test');
    const form = await fillCampaign(page, name, TAG);
    await form.getByRole('button', { name: 'Preview' }).click();
    const preview = form.getByTestId('campaign-preview');
    await expect(preview).toBeVisible();
    const count = Number(await preview.getByTestId('preview-count').textContent());
    expect(count).toBeGreaterThan(0);
    expect(count).toBeLessThan(100);
    await expect(preview.getByTestId('preview-estimate')).toContainText('Marketing');
    await expect(preview.getByTestId('preview-total')).toContainText('₹');
    // Each recipient's variable is filled in: their first name, not the field.
    const first = preview.getByTestId('preview-recipient').first();
    await expect(first).toBeVisible();
    await expect(first).not.toContainText('{first_name}');

    await form.getByRole('button', { name: 'Save as draft' }).click();
    await expect(page.getByText('Saved as a draft.')).toBeVisible();
    const row = page.getByTestId('campaign-row').filter({ hasText: name });
    await expect(row.getByTestId('campaign-status')).toHaveText('Draft');
    await row.getByRole('button', { name: 'Start', exact: true }).click();
    await expect(row.getByTestId('campaign-status')).toHaveText(/Sending|Done/);

    // Its own page follows the sending by itself (read every 2 s) to the end.
    await row.getByRole('link', { name }).click();
    await expect(page).toHaveURL(/\/whatsapp\/campaigns\/\d+$/);
    await expect(page.getByRole('heading', { name })).toBeVisible();
    const bar = page.getByTestId('campaign-progress').getByRole('progressbar');
    await expect(bar).toHaveAttribute('aria-valuenow', '100', { timeout: 60_000 });
    await expect(page.getByTestId('campaign-status')).toHaveText('Done');
    const counts = page.getByTestId('campaign-counts');
    await expect(counts.locator('.stat', { hasText: 'Queued' }).locator('.stat-value')).toHaveText('0');
    const delivered = page.getByTestId('campaign-report').locator('.stat', { hasText: 'Delivered rate' }).locator('.stat-value');
    await expect(delivered).toHaveText(/^\d+(\.\d)?%$/);
    // Delivery reports come a moment after the sends; the page shows them when read again.
    await expect(async () => {
      await page.reload();
      await hydrated(page);
      await expect(delivered).not.toHaveText('0%', { timeout: 1_000 });
    }).toPass({ timeout: 20_000 });
  });

  test('a variable naming an unknown field is refused under its input @whatsapp', async ({ page }) => {
    await openCampaigns(page);
    const form = await fillCampaign(page, unique('Typo test'), TAG);
    await form.getByLabel('Variable 1', { exact: true }).fill('{frist_name}');
    await form.getByRole('button', { name: 'Preview' }).click();
    const variable = form.getByTestId('campaign-variable').first();
    await expect(variable.locator('.field-error')).toContainText('Unknown field {frist_name}');
    await expect(form.getByLabel('Variable 1', { exact: true })).toHaveAttribute('aria-invalid', 'true');
    await expect(form.getByTestId('campaign-preview')).toHaveCount(0);
  });

  test('an audience nobody matches is refused when started @whatsapp', async ({ page }) => {
    await openCampaigns(page);
    const name = unique('Nobody test');
    const form = await fillCampaign(page, name, 'no-such-tag-anywhere');
    await form.getByRole('button', { name: 'Preview' }).click();
    await expect(form.getByTestId('preview-count')).toHaveText('0');
    await form.getByRole('button', { name: 'Save as draft' }).click();
    const row = page.getByTestId('campaign-row').filter({ hasText: name });
    await row.getByRole('button', { name: 'Start', exact: true }).click();
    await expect(row.getByTestId('campaign-error')).toContainText('No customer matches');
    await expect(row.getByTestId('campaign-status')).toHaveText('Draft');
  });

  test.describe('on a phone', () => {
    test.use(PHONE);

    test('the campaigns page and a preview fit a 390x844 screen @whatsapp', async ({ page }) => {
      await openCampaigns(page);
      await expect(page.locator('.loading')).toHaveCount(0);
      expect(await overflow(page)).toBeLessThanOrEqual(0);
      const form = await fillCampaign(page, unique('Phone test'), TAG);
      // Activated from the keyboard: at this width Playwright's hit test lands on the form's
      // first row after it scrolls the button into view (the button itself is unobstructed
      // on the screenshot of the failing run).
      const preview = form.getByRole('button', { name: 'Preview' });
      await preview.focus();
      await page.keyboard.press('Enter');
      await expect(form.getByTestId('campaign-preview')).toBeVisible();
      expect(await overflow(page)).toBeLessThanOrEqual(0);
    });
  });
});

test.describe('WhatsApp rules @whatsapp', () => {
  test('the "Delivered" update is switched off, stays off after a reload, and back on @whatsapp', async ({ page }) => {
    await signIn(page);
    await page.goto('/whatsapp/rules');
    await hydrated(page);
    await expect(page.getByRole('heading', { name: 'WhatsApp rules' })).toBeVisible();
    await expect(page.getByTestId('rules-note')).toContainText('Only customers who opted in get these');
    const row = page.locator('[data-testid=rule-row][data-event=delivered]');
    await expect(row).toContainText('Delivered');
    const on = row.getByRole('switch');
    await expect(on).toBeChecked();
    await expect(row.getByLabel(/^Template for/)).toHaveValue('pd_delivered');

    await on.uncheck();
    await row.getByRole('button', { name: 'Save' }).click();
    await expect(row.getByRole('status')).toHaveText('Saved');
    await page.reload();
    await hydrated(page);
    await expect(on).not.toBeChecked();

    // Back on, so the other WhatsApp tests get their delivery updates.
    await on.check();
    await row.getByRole('button', { name: 'Save' }).click();
    await expect(row.getByRole('status')).toHaveText('Saved');
    await page.reload();
    await hydrated(page);
    await expect(on).toBeChecked();
  });
});
