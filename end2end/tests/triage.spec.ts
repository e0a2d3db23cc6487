// Inbound triage (issue #5): keys on the Inbound list and bulk answers with one reason.
import { test, expect } from './fixtures/app';

test('the Inbound list is triaged with the keyboard: move, select, accept and decline', async ({ app, page }) => {
  await app.open('/?demo=128');
  const boxes = app.table.getByRole('checkbox', { name: /^Select / });
  const waiting = await boxes.count();
  expect(waiting).toBeGreaterThanOrEqual(5);
  // Waiting deals come first in the default order: rows 0..waiting-1 have a checkbox.
  const names = (await app.dealNames()).slice(0, 3);
  const link = (i: number) => app.table.getByRole('link', { name: names[i], exact: true });
  const status = (i: number) => app.row(names[i]).locator('td[data-label="Status"]');

  await link(0).focus();
  await page.keyboard.press('j');
  await expect(link(1)).toBeFocused();
  await page.keyboard.press('k');
  await expect(link(0)).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(link(1)).toBeFocused();

  // x selects the focused deal; the bulk bar says how many.
  await page.keyboard.press('x');
  await expect(app.table.getByRole('checkbox', { name: `Select ${names[1]}` })).toBeChecked();
  const bar = page.getByRole('group', { name: 'Selected deals' });
  await expect(bar).toContainText('1 selected');
  await page.keyboard.press('x');
  await expect(bar).toBeHidden();

  // a accepts the focused deal at once.
  await page.keyboard.press('a');
  await expect(status(1)).toHaveText('Accepted (10%)');
  await expect(page.getByRole('status').filter({ hasText: 'The deal was accepted' })).toBeVisible();
  await expect(app.table.getByRole('checkbox', { name: `Select ${names[1]}` })).toHaveCount(0);

  // d asks for the reason first; Escape leaves the deal as it was.
  await link(0).focus();
  await page.keyboard.press('d');
  const dialog = page.getByRole('dialog', { name: 'Decline selected' });
  await expect(dialog).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(status(0)).toHaveText('Received');

  // Enter opens the deal.
  await link(2).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: names[2] })).toBeVisible();
});

test('selected deals are declined together with one reason, and accepted together', async ({ app, page }) => {
  await app.open('/?demo=128');
  const names = (await app.dealNames()).slice(0, 4);
  const status = (name: string) => app.row(name).locator('td[data-label="Status"]');
  const select = (name: string) => app.table.getByRole('checkbox', { name: `Select ${name}` });
  const bar = page.getByRole('group', { name: 'Selected deals' });

  await select(names[0]).check();
  await select(names[1]).check();
  await expect(bar).toContainText('2 selected');
  await bar.getByRole('button', { name: 'Decline selected' }).click();
  const dialog = page.getByRole('dialog', { name: 'Decline selected' });
  await expect(dialog).toContainText('The 2 selected deals close');
  // No reason: refused at the field, nothing written.
  await dialog.getByRole('button', { name: 'Close deal' }).click();
  await expect(dialog.getByLabel('Reason')).toHaveAttribute('aria-invalid', 'true');
  await expect(dialog.getByLabel('Reason')).toBeFocused();
  await expect(status(names[0])).toHaveText('Received');
  await expect(status(names[1])).toHaveText('Received');

  await dialog.getByLabel('Reason').selectOption({ index: 1 });
  await dialog.getByLabel('Notes').fill('Not our region this quarter.');
  await dialog.getByRole('button', { name: 'Close deal' }).click();
  await expect(dialog).toBeHidden();
  await expect(status(names[0])).toHaveText('Declined');
  await expect(status(names[1])).toHaveText('Declined');
  await expect(page.getByRole('status').filter({ hasText: '2 deals were declined and closed' })).toBeVisible();
  await expect(bar).toBeHidden();

  // Both answers are stored: they survive a reload.
  await page.reload();
  await expect(status(names[0])).toHaveText('Declined');

  await select(names[2]).check();
  await select(names[3]).check();
  await bar.getByRole('button', { name: 'Accept selected' }).click();
  await expect(status(names[2])).toHaveText('Accepted (10%)');
  await expect(status(names[3])).toHaveText('Accepted (10%)');
  await expect(page.getByRole('status').filter({ hasText: '2 deals were accepted' })).toBeVisible();

  // Clear selection empties it without answering.
  const left = await app.table.getByRole('checkbox', { name: /^Select / }).first().getAttribute('aria-label');
  const other = left!.replace(/^Select /, '');
  await select(other).check();
  await bar.getByRole('button', { name: 'Clear selection' }).click();
  await expect(bar).toBeHidden();
  await expect(select(other)).not.toBeChecked();
  await expect(status(other)).toHaveText('Received');
});

test('one table serves the three tabs: after a switch every row, link, heart and triage control belongs to the tab shown', async ({ app, page }) => {
  await app.open('/?demo=64');
  const inboundNames = await app.dealNames();
  const inboundIds = await app.dealIds();
  const first = inboundNames[0];
  await app.heart(first).click();
  await expect(app.heart(first)).toHaveAttribute('aria-pressed', 'true');
  const hint = page.getByText(/^Keys on a deal:/);
  await expect(hint).toBeVisible();
  await expect(app.table.getByRole('checkbox', { name: `Select ${first}` })).toBeVisible();
  // The table itself stays across the switch; only what it shows changes.
  await app.table.evaluate((el) => ((el as any).cosellKept = true));

  await app.openTab('Outbound');
  await expect.poll(() => app.dealRows.count()).toBe(Math.min(await app.tabCount('Outbound'), 50));
  expect(await app.table.evaluate((el) => (el as any).cosellKept)).toBe(true);
  const outboundIds = await app.dealIds();
  expect(outboundIds.filter((id) => inboundIds.includes(id))).toEqual([]);
  // Each row's link goes to the deal it names, and no Outbound deal wears the Inbound heart.
  const firstOut = app.dealRows.first().getByRole('link');
  await expect(firstOut).toHaveAttribute('href', new RegExp(`/deals/${outboundIds[0]}$`));
  await expect(app.dealRows.getByRole('button', { name: 'Favorite', pressed: true })).toHaveCount(0);
  // Triage is Inbound's: no checkboxes, no hint, and x selects nothing here.
  await expect(app.table.getByRole('checkbox')).toHaveCount(0);
  await expect(hint).toBeHidden();
  await firstOut.focus();
  await page.keyboard.press('x');
  await expect(page.getByRole('group', { name: 'Selected deals' })).toBeHidden();

  await app.openTab('Inbound');
  expect(await app.dealIds()).toEqual(inboundIds);
  await expect(app.heart(first)).toHaveAttribute('aria-pressed', 'true');
  await app.dealRows.first().getByRole('link').focus();
  await page.keyboard.press('x');
  await expect(page.getByRole('group', { name: 'Selected deals' })).toContainText('1 selected');
  await expect(app.table.getByRole('checkbox', { name: `Select ${first}` })).toBeChecked();
});
