import { expect, hydrated, signIn, test } from './fixtures/app';

// The staff WhatsApp inbox. A customer (written from the simulator's phone page) asks for a
// person; the bot says so and steps aside; staff open the conversation, which marks it read,
// and reply; the reply reaches the customer's phone through the outbox and the simulator.

const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };
const NUMBER = '+91 98000 66666';
const WA_ID = '919800066666';
/** How the inbox may write this number: as typed, or as an E.164 address. */
const SHOWN_AS = /98000 66666|\+919800066666/;
const HANDOVER = 'A member of our team will reply here shortly';
const REPLY = 'Hello, Ravi here. How can I help?';

test.describe('WhatsApp inbox @whatsapp', () => {
  test('staff take a chat the bot handed over, read it and reply to the phone @whatsapp', async ({ page }) => {
    await signIn(page);

    // The customer writes from the simulator's phone and asks for a person.
    await page.goto('/whatsapp/phone');
    await hydrated(page);
    await page.getByLabel(/^Number/).fill(NUMBER);
    await page.getByLabel('First message').fill('talk to a person');
    await page.getByRole('button', { name: 'Start chat' }).click();
    await expect(page).toHaveURL(new RegExp(`wa=${WA_ID}`));
    await expect(page.getByText(HANDOVER)).toBeVisible({ timeout: 20_000 });

    // The inbox lists it: unread, taken from the bot.
    await page.goto('/whatsapp/inbox');
    await hydrated(page);
    await expect(page.getByRole('heading', { name: 'WhatsApp inbox' })).toBeVisible();
    const conv = page.getByTestId('conversation').filter({ hasText: SHOWN_AS }).first();
    await expect(conv).toBeVisible();
    await expect(conv.getByTestId('conv-unread')).toBeVisible();
    await expect(conv.getByTestId('conv-bot')).toHaveCount(0);
    await expect(conv.getByTestId('conv-waiting')).toBeVisible();

    // Opening it shows the thread and reads it.
    await conv.click();
    await expect(page).toHaveURL(/[?&]c=\d+/);
    const thread = page.getByTestId('wa-thread');
    await expect(thread.getByRole('heading', { level: 2 })).toBeVisible();
    await expect(thread.getByTestId('bubble').filter({ hasText: 'talk to a person' })).toBeVisible();
    const handover = thread.getByTestId('bubble').filter({ hasText: HANDOVER });
    await expect(handover).toBeVisible();
    await expect(handover).toContainText('Bot reply');
    await expect(thread.getByTestId('composer-hint')).toContainText('Inside the 24-hour window');
    await expect(thread.getByRole('button', { name: 'Hand back to the bot' })).toBeVisible();
    await expect(conv.getByTestId('conv-unread')).toHaveCount(0);
    const opened = page.url();
    // Read on the server too, not only hidden while open: the list without it open agrees.
    await page.goto('/whatsapp/inbox');
    await hydrated(page);
    await expect(conv).toBeVisible();
    await expect(conv.getByTestId('conv-unread')).toHaveCount(0);
    await page.goto(opened);
    await hydrated(page);
    await expect(page.getByTestId('wa-thread')).toBeVisible();

    // The reply shows in the thread as a staff reply, and the composer empties.
    const box = page.getByLabel('Message', { exact: true });
    await box.fill(REPLY);
    await page.getByTestId('wa-thread').getByRole('button', { name: 'Send', exact: true }).click();
    const mine = page.getByTestId('wa-thread').getByTestId('bubble').filter({ hasText: REPLY });
    await expect(mine).toBeVisible();
    await expect(mine).toContainText('Staff reply');
    await expect(mine.getByTestId('bubble-status')).toBeVisible();
    await expect(box).toHaveValue('');

    // It reaches the customer's phone.
    await page.goto(`/whatsapp/phone?wa=${WA_ID}`);
    await hydrated(page);
    await expect(page.getByText(REPLY)).toBeVisible({ timeout: 15_000 });
  });

  test.describe('on a phone', () => {
    test.use(PHONE);

    test('the inbox fits a 390x844 screen, list and open thread alike @whatsapp', async ({ page }) => {
      await signIn(page);
      await page.goto('/whatsapp/inbox');
      await hydrated(page);
      await expect(page.getByRole('heading', { name: 'WhatsApp inbox' })).toBeVisible();
      await expect(page.locator('.wa-list .loading')).toHaveCount(0);
      const overflow = () => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(await overflow()).toBeLessThanOrEqual(0);
      const first = page.getByTestId('conversation').first();
      if (await first.count()) {
        await first.click();
        await expect(page.getByTestId('wa-thread')).toBeVisible();
        expect(await overflow()).toBeLessThanOrEqual(0);
        const send = (await page.getByTestId('wa-thread').getByRole('button', { name: 'Send', exact: true }).boundingBox())!;
        expect(send.x + send.width).toBeLessThanOrEqual(390);
        expect(send.height).toBeGreaterThanOrEqual(44);
      }
    });
  });
});
