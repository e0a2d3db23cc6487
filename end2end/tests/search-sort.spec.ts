import { test, expect } from './fixtures/app';

function amount(cell: string): number {
  return Number(cell.replace(/[^0-9.]/g, ''));
}

test('search narrows the list and says how many match', async ({ app, page }) => {
  await app.open('/?demo=64');
  await app.openTab('Outbound');
  const all = await app.tabCount('Outbound');
  const customers = await app.dealRows.locator('td[data-label="Customer"]').allTextContents();
  const target = customers[0];

  await app.search.fill(target.toUpperCase());
  await expect(page.getByText(new RegExp(`^\\d+ of ${all} deals match$`))).toBeVisible();
  const shown = await app.dealRows.locator('td[data-label="Customer"]').allTextContents();
  expect(shown.length).toBeGreaterThan(0);
  expect(shown.length).toBe(customers.filter((c) => c === target).length);
  expect(shown.every((c) => c === target)).toBe(true);

  await app.search.fill('no deal is called this');
  await expect(page.getByText('No deals match your search and filters.')).toBeVisible();
  await page.getByRole('button', { name: 'Clear search and filters' }).click();
  await expect(app.search).toHaveValue('');
  await expect(app.dealRows).toHaveCount(all);
});

test('columns sort ascending, then descending, and say so', async ({ app }) => {
  await app.open('/?demo=64');
  await app.openTab('Outbound');
  const valueHeader = app.table.getByRole('columnheader', { name: 'Value' });
  await valueHeader.getByRole('button').click();
  await expect(valueHeader).toHaveAttribute('aria-sort', 'ascending');
  const up = (await app.dealRows.locator('td[data-label="Value"]').allTextContents()).map(amount);
  expect(up.length).toBeGreaterThan(3);
  expect(up).toEqual([...up].sort((a, b) => a - b));

  await valueHeader.getByRole('button').click();
  await expect(valueHeader).toHaveAttribute('aria-sort', 'descending');
  const down = (await app.dealRows.locator('td[data-label="Value"]').allTextContents()).map(amount);
  expect(down).toEqual([...up].sort((a, b) => b - a));

  const nameHeader = app.table.getByRole('columnheader', { name: 'Deal name' });
  await nameHeader.getByRole('button').click();
  await expect(nameHeader).toHaveAttribute('aria-sort', 'ascending');
  await expect(valueHeader).toHaveAttribute('aria-sort', 'none');
  const names = await app.dealNames();
  expect(names).toEqual([...names].sort((a, b) => a.toLowerCase().localeCompare(b.toLowerCase())));
});

test('filters by type and status', async ({ app, page }) => {
  await app.open('/?demo=64');
  await app.openTab('Outbound');
  await page.getByRole('combobox', { name: 'Type' }).selectOption({ label: 'Private' });
  const types = await app.dealRows.locator('td[data-label="Type"]').allTextContents();
  expect(types.length).toBeGreaterThan(0);
  expect(types.every((t) => t.startsWith('Private'))).toBe(true);

  await page.getByRole('combobox', { name: 'Type' }).selectOption({ label: 'All types' });
  await page.getByRole('combobox', { name: 'Status' }).selectOption({ label: 'Won' });
  const statuses = await app.dealRows.locator('td[data-label="Status"]').allTextContents();
  expect(statuses.length).toBeGreaterThan(0);
  expect(statuses.every((s) => s === 'Won')).toBe(true);
});

test('Received deals show the time left to respond, and the tabs follow the arrow keys', async ({ app, page }) => {
  await app.open('/?demo=32');
  const left = await app.dealRows.locator('td[data-label="Days left"]').allTextContents();
  expect(left.some((t) => /\d+ days? \d+ h|\d+ h \d+ min/.test(t))).toBe(true);

  await app.tab('Inbound').focus();
  await page.keyboard.press('ArrowRight');
  await expect(app.tab('Outbound')).toHaveAttribute('aria-selected', 'true');
  await expect(app.tab('Outbound')).toBeFocused();
  await page.keyboard.press('ArrowLeft');
  await expect(app.tab('Inbound')).toBeFocused();
});

test('switching tabs changes the list, not the page: the other tab starts unfiltered, and Back returns', async ({ app, page }) => {
  await app.open('/?demo=64');
  const inbound = await app.tabCount('Inbound');
  const outbound = await app.tabCount('Outbound');
  await app.search.fill('Adatum');
  await page.getByRole('combobox', { name: 'Type' }).selectOption({ label: 'Private' });
  // The same elements stay on the page across the switch (a whole new page would not carry this).
  await app.search.evaluate((el) => ((el as any).cosellKept = true));

  await app.openTab('Outbound');
  await expect(page).toHaveURL(/\/outbound$/);
  await expect(app.search).toHaveValue('');
  await expect(page.getByRole('combobox', { name: 'Type' })).toHaveValue('');
  await expect(page.getByRole('status').filter({ hasText: new RegExp(`^${outbound} deals$`) })).toBeVisible();
  expect(await app.search.evaluate((el) => (el as any).cosellKept)).toBe(true);
  await expect(page.getByRole('tabpanel')).toHaveAccessibleName(/^Outbound/);

  await page.goBack();
  await expect(page).toHaveURL(/\/(\?demo=64)?$/);
  await expect(app.tab('Inbound')).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByRole('status').filter({ hasText: new RegExp(`^${inbound} deals$`) })).toBeVisible();
});

test('a deal opens from a searched list, and Back returns to that list as it was, with what changed on the deal', async ({ app, page }) => {
  await app.open('/?demo=64');
  await app.openTab('Outbound');
  const customer = (await app.dealRows.first().locator('td[data-label="Customer"]').textContent()) ?? '';
  await app.search.fill(customer);
  const names = await app.dealNames();
  expect(names.length).toBeGreaterThan(0);
  const name = names[0];
  await expect(app.heart(name)).toHaveAttribute('aria-pressed', 'false');
  const favorites = await app.tabCount('Favorites');

  await app.row(name).getByRole('link', { name, exact: true }).click();
  const heading = page.getByRole('heading', { level: 1, name });
  await expect(heading).toBeFocused();
  // The list is out of sight and out of reach: no second page heading, table or search box.
  await expect(page.getByRole('heading', { level: 1 })).toHaveCount(1);
  await expect(app.table).toBeHidden();
  // `/` goes to the list's search box only where the list is shown: here it is the browser's.
  await page.evaluate(() => window.addEventListener('keydown', (e) => ((window as any).slashTaken = e.key === '/' && e.defaultPrevented)));
  await page.keyboard.press('/');
  await expect(heading).toBeFocused();
  expect(await page.evaluate(() => (window as any).slashTaken)).toBe(false);
  await page.getByRole('button', { name: 'Favorite' }).click();
  await expect(page.getByRole('button', { name: 'Favorite' })).toHaveAttribute('aria-pressed', 'true');

  await page.goBack();
  await expect(page).toHaveURL(/\/outbound$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Deals' })).toBeFocused();
  await expect(app.search).toHaveValue(customer);
  expect(await app.dealNames()).toEqual(names);
  // The heart given on the deal's page shows in the list and in the Favorites count.
  await expect(app.heart(name)).toHaveAttribute('aria-pressed', 'true');
  expect(await app.tabCount('Favorites')).toBe(favorites + 1);
});
