import { Page } from '@playwright/test';
import { expect, hydrated, signIn, test } from './fixtures/app';

// WhatsApp message templates against the built-in simulator (no access token on the test
// server): it pre-seeds the sign-in code and order-update templates, takes new ones as PENDING
// and approves them ~200 ms later with a signed webhook, which the page shows within a few
// seconds (it reads the list again every 2 s while a template is in review).

/** A fresh template name: lower-case letters, digits and underscores. */
function templateName(prefix: string) {
  return `${prefix}_${Date.now().toString(36)}${Math.floor(Math.random() * 1000)}`;
}

/** Signs in as the owner and opens the templates page; its editor. */
async function openTemplates(page: Page) {
  await signIn(page);
  await page.goto('/whatsapp/templates');
  await hydrated(page);
  await expect(page.getByRole('heading', { name: 'WhatsApp templates' })).toBeVisible();
  const tabs = page.getByRole('navigation', { name: 'WhatsApp' });
  await expect(tabs.getByRole('link', { name: 'Templates' })).toHaveAttribute('aria-current', 'page');
  const form = page.getByTestId('template-form');
  await expect(form).toBeVisible();
  return form;
}

function row(page: Page, name: string) {
  return page.locator(`[data-testid=template-row][data-name="${name}"]`);
}

test.describe('WhatsApp templates @whatsapp', () => {
  test('the sync lists the templates the app needs, with status and quality @whatsapp', async ({ page }) => {
    await openTemplates(page);
    await page.getByRole('button', { name: 'Sync from WhatsApp' }).click();
    await expect(page.getByTestId('template-notice')).toContainText('Synced');
    const login = row(page, 'pressdesk_login_code');
    await expect(login).toBeVisible();
    await expect(login.getByTestId('template-status')).toContainText('Approved');
    await expect(login.getByTestId('template-quality')).toContainText('High (green)');
    await expect(login).toContainText('Portal sign-in code');
    await expect(row(page, 'pd_delivered')).toContainText('Order update: Delivered');
  });

  test('a template with a variable is previewed, refused while invalid, submitted and approved @whatsapp', async ({ page }) => {
    const form = await openTemplates(page);
    const name = templateName('e2e_ready');
    await form.getByLabel(/^Name/).fill(name);
    await expect(form.getByLabel(/^Language/)).toHaveValue('en');
    await form.getByLabel(/^Category/).selectOption('UTILITY');

    // A variable at the very start breaks Meta's rules.
    const body = form.getByLabel(/^Body/);
    await body.fill('{{1}}, your order is ready.');
    await form.getByLabel(/^Sample for \{\{1\}\}/).fill('Asha');
    const preview = page.getByTestId('template-preview');
    await expect(preview.getByTestId('preview-body')).toHaveText('Asha, your order is ready.');
    await expect(form.getByTestId('body-count')).toHaveText('27 / 1024');

    await form.getByRole('button', { name: 'Submit for review' }).click();
    await expect(form.getByText('The body cannot start with a variable')).toBeVisible();
    await expect(body).toHaveAttribute('aria-invalid', 'true');
    await expect(form.getByTestId('template-errors')).toBeVisible();
    await expect(row(page, name)).toHaveCount(0);

    // Fixed: the error goes as it is typed, the preview follows, the sample stays.
    await body.fill('Hi {{1}}, your order is ready to collect.');
    await expect(form.getByText('The body cannot start with a variable')).toHaveCount(0);
    await expect(body).toHaveAttribute('aria-invalid', 'false');
    await expect(preview.getByTestId('preview-body')).toHaveText('Hi Asha, your order is ready to collect.');
    await form.getByLabel(/^Footer/).fill('Test Press');
    await expect(preview.getByTestId('preview-footer')).toHaveText('Test Press');
    await form.getByRole('button', { name: 'Add quick reply' }).click();
    await form.getByLabel('Button 1 text').fill('Thanks');
    await expect(preview.getByTestId('preview-buttons')).toContainText('Thanks');

    await form.getByRole('button', { name: 'Submit for review' }).click();
    await expect(page.getByTestId('template-notice')).toContainText(`${name} was submitted`);
    const created = row(page, name);
    await expect(created).toBeVisible();
    await expect(created.getByTestId('template-status')).toContainText('Approved', { timeout: 20_000 });

    // The same name again: the server refuses it under the name.
    const again = page.getByTestId('template-form');
    await again.getByLabel(/^Name/).fill(name);
    await again.getByLabel(/^Body/).fill('Hello {{1}}, thanks again.');
    await again.getByLabel(/^Sample for \{\{1\}\}/).fill('Ravi');
    await again.getByRole('button', { name: 'Submit for review' }).click();
    await expect(again.getByText('A template with this name already exists in this language')).toBeVisible();
    await expect(again.getByLabel(/^Name/)).toHaveAttribute('aria-invalid', 'true');

    // An approved template opens in the editor with its name fixed.
    await created.getByRole('button', { name: `Edit ${name}` }).click();
    await expect(page.getByRole('heading', { name: `Edit ${name} (en)` })).toBeVisible();
    const editor = page.getByTestId('template-form');
    await expect(editor.getByLabel(/^Name/)).toBeDisabled();
    await expect(editor.getByLabel(/^Body/)).toHaveValue('Hi {{1}}, your order is ready to collect.');
    await editor.getByRole('button', { name: 'Cancel' }).click();
    await expect(page.getByRole('heading', { name: 'New template' })).toBeVisible();

    // Delete asks first.
    await created.getByRole('button', { name: `Delete ${name}` }).click();
    const confirm = created.getByTestId('delete-confirm');
    await expect(confirm).toContainText('This cannot be undone');
    await confirm.getByRole('button', { name: 'Keep it' }).click();
    await expect(created).toBeVisible();
    await created.getByRole('button', { name: `Delete ${name}` }).click();
    await created.getByTestId('delete-confirm').getByRole('button', { name: 'Yes, delete' }).click();
    await expect(page.getByTestId('template-notice')).toContainText('was deleted');
    await expect(row(page, name)).toHaveCount(0);
  });
});
