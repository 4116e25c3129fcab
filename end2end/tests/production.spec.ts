import { Browser, Locator, Page } from '@playwright/test';
import { expect, hydrated, signIn, STAFF, test } from './fixtures/app';

async function openBoard(page: Page) {
  await page.goto('/production');
  await expect(page.getByRole('heading', { name: 'Production board' })).toBeVisible();
  await hydrated(page);
  await expect(page.locator('[data-testid=kcard]').first()).toBeVisible();
  // The page brings the first cards of each column; the rest arrive once it is up.
  await expect(page.locator('.kcol-more')).toHaveCount(0, { timeout: 15_000 });
}

function column(page: Page, code: string): Locator {
  return page.locator(`.kcol-body[data-stage="${code}"]`).first();
}

/** The first card of a column that can move (on-hold cards cannot). */
async function firstCardId(page: Page, code: string): Promise<string> {
  const card = column(page, code).locator('[data-testid=kcard]:not(.on-hold)').first();
  await expect(card).toBeVisible();
  return (await card.getAttribute('data-card-id'))!;
}

/** A point on the card (centred on screen) and one in the target column at the same height. */
async function dragPoints(page: Page, id: string, code: string) {
  const card = page.locator(`[data-card-id="${id}"]`);
  // The card's column at the left of the board, so the columns after it are on screen.
  await card.evaluate((el) => el.scrollIntoView({ block: 'center', inline: 'start' }));
  const b = (await card.boundingBox())!;
  const t = (await column(page, code).boundingBox())!;
  const from = { x: b.x + b.width / 2, y: b.y + Math.min(b.height / 2, 40) };
  return { from, to: { x: t.x + t.width / 2, y: from.y } };
}

test.describe('production board @production', () => {
  test('drag a card from Printing to Finishing with the mouse; it stays after reload @production', async ({ page }) => {
    await signIn(page, STAFF.operator);
    await openBoard(page);
    const id = await firstCardId(page, 'printing');
    const { from, to } = await dragPoints(page, id, 'finishing');
    await page.mouse.move(from.x, from.y);
    await page.mouse.down();
    await page.mouse.move(from.x + 20, from.y + 5, { steps: 4 });
    await page.mouse.move(to.x, to.y, { steps: 12 });
    await expect(column(page, 'finishing')).toHaveClass(/drop-target/);
    await page.mouse.up();
    await expect(column(page, 'finishing').locator(`[data-card-id="${id}"]`)).toBeVisible();
    await page.reload();
    await hydrated(page);
    await expect(column(page, 'finishing').locator(`[data-card-id="${id}"]`)).toBeVisible();
  });

  test('an illegal move snaps back with a message @production', async ({ page }) => {
    await signIn(page, STAFF.operator);
    await openBoard(page);
    const id = await firstCardId(page, 'printing');
    const { from, to } = await dragPoints(page, id, 'qc');
    await page.mouse.move(from.x, from.y);
    await page.mouse.down();
    await page.mouse.move(from.x + 20, from.y, { steps: 3 });
    await page.mouse.move(to.x, to.y, { steps: 12 });
    await page.mouse.up();
    await expect(page.getByRole('alert')).toContainText('Finish Finishing first');
    await expect(column(page, 'printing').locator(`[data-card-id="${id}"]`)).toBeVisible();
  });

  test('the keyboard way: arrow keys and the card buttons move a card @production', async ({ page }) => {
    await signIn(page, STAFF.operator);
    await openBoard(page);
    const id = await firstCardId(page, 'printing');
    const card = page.locator(`[data-card-id="${id}"]`);
    await card.focus();
    await page.keyboard.press('ArrowRight');
    await expect(column(page, 'finishing').locator(`[data-card-id="${id}"]`)).toBeVisible();
    await expect(page.locator(`[data-card-id="${id}"]`)).toBeFocused();
    await page.locator(`[data-card-id="${id}"]`).getByRole('button', { name: 'Move to previous stage' }).click();
    await expect(column(page, 'printing').locator(`[data-card-id="${id}"]`)).toBeVisible();
  });

  test('a second browser sees the move without reloading @production', async ({ page, browser }) => {
    await signIn(page, STAFF.operator);
    const other = await (browser as Browser).newContext();
    const watcher = await other.newPage();
    await signIn(watcher, STAFF.manager);
    await openBoard(page);
    await openBoard(watcher);
    const id = await firstCardId(page, 'printing');
    await page.locator(`[data-card-id="${id}"]`).focus();
    await page.keyboard.press('ArrowRight');
    await expect(column(page, 'finishing').locator(`[data-card-id="${id}"]`)).toBeVisible();
    await expect(column(watcher, 'finishing').locator(`[data-card-id="${id}"]`)).toBeVisible({ timeout: 5_000 });
    await other.close();
  });

  test('filters and swimlanes narrow the board @production', async ({ page }) => {
    await signIn(page, STAFF.manager);
    await openBoard(page);
    const all = await page.locator('[data-testid=kcard]').count();
    await page.getByLabel('Product', { exact: true }).selectOption({ label: 'Business cards' });
    const titles = page.locator('[data-testid=kcard] .kcard-title');
    await expect(titles.first()).toBeVisible();
    const shown = await titles.allTextContents();
    expect(shown.length).toBeLessThan(all);
    for (const t of shown) expect(t).toMatch(/^Business cards/);
    await page.getByLabel('Priority', { exact: true }).selectOption('rush');
    await expect(page.locator('[data-testid=kcard]:not(.rush)')).toHaveCount(0);
    await page.getByLabel('Priority', { exact: true }).selectOption('');
    await page.getByLabel('Product', { exact: true }).selectOption('');
    await page.getByLabel('Swimlanes').selectOption('priority');
    await expect(page.locator('.lane-label')).toHaveText(['Rush', 'Normal']);
    await expect(page.locator('[data-testid=kcard]')).toHaveCount(all);
  });

  test('a column over its WIP limit shows a warning @production', async ({ page }) => {
    await signIn(page, STAFF.manager);
    await openBoard(page);
    const count = await column(page, 'design').locator('[data-testid=kcard]').count();
    expect(count).toBeGreaterThanOrEqual(2);
    await page.goto('/production/stages');
    await hydrated(page);
    await page.getByLabel('WIP limit of Design').fill('1');
    await page.getByRole('row', { name: /design/i }).getByRole('button', { name: 'Save' }).click();
    await expect(page.getByText('Saved').first()).toBeVisible();
    await openBoard(page);
    await expect(page.getByTestId('col-design')).toContainText('Over WIP limit');
    await expect(page.getByTestId('col-design')).toHaveClass(/over-limit/);
    // Put the limit back for the other tests.
    await page.goto('/production/stages');
    await hydrated(page);
    await page.getByLabel('WIP limit of Design').fill('12');
    await page.getByRole('row', { name: /design/i }).getByRole('button', { name: 'Save' }).click();
    await expect(page.getByText('Saved').first()).toBeVisible();
  });

  test('the timeline shows planned bars for a scheduled order @production', async ({ page }) => {
    await signIn(page, STAFF.manager);
    await openBoard(page);
    const orderHref = await column(page, 'printing').locator('[data-testid=kcard]:not(.on-hold) .kcard-order').first().getAttribute('href');
    const orderId = orderHref!.split('/').pop();
    await page.goto('/production/schedule');
    await hydrated(page);
    await page.getByRole('button', { name: 'Re-plan now' }).click();
    await expect(page.getByText(/Finite-capacity plan of \d+ open jobs/)).toBeVisible();
    await expect
      .poll(async () => {
        await page.goto(`/production/timeline?order=${orderId}`);
        return page.locator('[data-testid=planned-bar]').count();
      }, { timeout: 15_000 })
      .toBeGreaterThan(0);
    await hydrated(page);
    await page.getByRole('button', { name: 'Day' }).click();
    await expect(page.locator('.today-line')).toHaveCount(1);
    await page.goto(`/orders/${orderId}`);
    await expect(page.getByText(/Expected ready:/)).toBeVisible();
  });

  test('what-if overtime shows its effect before anything changes @production', async ({ page }) => {
    await signIn(page, STAFF.manager);
    await page.goto('/production/schedule');
    await hydrated(page);
    await page.getByLabel('Resource').selectOption({ label: 'Konica C3080 digital press' });
    await page.getByLabel('Extra minutes a day').fill('180');
    await page.getByRole('button', { name: 'Show the effect' }).click();
    await expect(page.getByTestId('what-if-result')).toContainText(/Late orders: \d+ now, \d+ with this change/);
    await page.getByLabel('Extra minutes a day').fill('5000');
    await page.getByRole('button', { name: 'Show the effect' }).click();
    await expect(page.getByText('Overtime is 1 to 360 minutes a day')).toBeVisible();
  });

  test('resources refuse impossible capacity @production', async ({ page }) => {
    await signIn(page, STAFF.manager);
    await page.goto('/production/resources');
    await hydrated(page);
    const first = page.getByTestId('resource').first();
    await first.getByLabel('Shifts').fill('19:00-09:00');
    await first.getByRole('button', { name: 'Save' }).click();
    await expect(first.getByText('The shift 19:00-09:00 ends before it starts')).toBeVisible();
  });
});

test.describe('production board on a phone @production', () => {
  test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });

  test('drag a card from Printing to Finishing with touch @production', async ({ page }) => {
    await signIn(page, STAFF.operator);
    await openBoard(page);
    const id = await firstCardId(page, 'printing');
    // Show the border between Printing and Finishing in the middle of the screen.
    await page.evaluate(() => {
      const board = document.querySelector('.board') as HTMLElement;
      const fin = document.querySelector('.kcol-body[data-stage="finishing"]') as HTMLElement;
      board.scrollLeft = fin.offsetLeft - board.offsetLeft - 195;
    });
    const card = page.locator(`[data-card-id="${id}"]`);
    await card.evaluate((el) => el.scrollIntoView({ block: 'center', inline: 'nearest' }));
    await page.evaluate(() => {
      const board = document.querySelector('.board') as HTMLElement;
      const fin = document.querySelector('.kcol-body[data-stage="finishing"]') as HTMLElement;
      board.scrollLeft = fin.offsetLeft - board.offsetLeft - 195;
    });
    const cb = (await card.boundingBox())!;
    const fb = (await column(page, 'finishing').boundingBox())!;
    const start = { x: Math.min(cb.x + cb.width - 30, 180), y: cb.y + 20 };
    const end = { x: Math.max(fb.x + 40, 230), y: Math.max(fb.y + 30, start.y) };
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [{ x: start.x, y: start.y }] });
    for (let i = 1; i <= 10; i++) {
      const x = start.x + ((end.x - start.x) * i) / 10;
      const y = start.y + ((end.y - start.y) * i) / 10;
      await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: [{ x, y }] });
    }
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
    await expect(column(page, 'finishing').locator(`[data-card-id="${id}"]`)).toHaveCount(1);
    await page.reload();
    await hydrated(page);
    await expect(column(page, 'finishing').locator(`[data-card-id="${id}"]`)).toHaveCount(1);
  });
});
