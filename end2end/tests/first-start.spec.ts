import { test, expect, storedReferralsInPage } from './fixtures/app';

const DEMO_USERS = [
  'Contoso Admin',
  'Contoso Germany Admin',
  'Contoso Germany Seller',
  'Fabrikam Admin',
  'Northwind Admin',
  'Microsoft Seller',
];

test('a fresh profile starts as Contoso Admin with the demo directory and no deals', async ({ app, page }) => {
  await app.open();
  await expect(app.signedInAs.locator('option:checked')).toHaveText('Contoso Admin');
  await expect(app.signedInAs.getByRole('option')).toHaveText(DEMO_USERS);
  // The demo organisations group the users.
  const groups = await app.signedInAs.locator('optgroup').evaluateAll((g) => g.map((x) => x.getAttribute('label')));
  expect(groups).toEqual(['Contoso Ltd', 'Fabrikam Inc', 'Northwind Traders', 'Microsoft']);

  for (const name of ['Inbound', 'Outbound', 'Favorites'] as const) {
    expect(await app.tabCount(name)).toBe(0);
  }
  await expect(app.tab('Inbound')).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByText('No inbound deals.')).toBeVisible();
  // The empty tab says what to do next, and that leads to content.
  await page.getByRole('link', { name: 'Load demo deals in Settings' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeFocused();
  await page.getByRole('button', { name: 'Load demo deals' }).click();
  await expect(app.tab('Inbound')).toHaveAttribute('aria-selected', 'true');
  expect(await app.tabCount('Inbound')).toBeGreaterThan(0);
  expect(await app.tabCount('Outbound')).toBeGreaterThan(0);
  await expect(app.dealRows.first()).toBeVisible();
});

test('?demo=N fills an empty exchange with the same deals every time', async ({ app, page, browser }) => {
  await app.open('/?demo=32');
  const first = (await app.storedReferrals()).map((r) => `${r.id} ${r.name} ${r.substatus}`).sort();
  expect(first.length).toBeGreaterThan(32);

  // Another fresh profile gets identical deals.
  const other = await browser.newContext();
  const page2 = await other.newPage();
  await page2.goto('/?demo=32');
  await expect(page2.getByRole('tab', { name: /^Inbound/ })).toBeVisible();
  const second = (await page2.evaluate(storedReferralsInPage)).map((r: any) => `${r.id} ${r.name} ${r.substatus}`).sort();
  await other.close();
  expect(second).toEqual(first);

  // With deals present, ?demo= adds nothing.
  await page.goto('/?demo=5');
  await expect(app.signedInAs).toBeVisible();
  expect((await app.storedReferrals()).length).toBe(first.length);
});

test('every demo user has content in some tab', async ({ app }) => {
  await app.open('/?demo=64');
  for (const user of DEMO_USERS.filter((u) => u !== 'Contoso Admin')) {
    await app.signInAs(user);
    const total = (await app.tabCount('Inbound')) + (await app.tabCount('Outbound'));
    expect(total, `${user} sees deals`).toBeGreaterThan(0);
  }
});

test('a bad ?now= or ?demo= value is explained, not ignored silently', async ({ app, page }) => {
  await app.open('/?demo=lots');
  await expect(page.getByRole('alert')).toContainText('?demo=lots must be a whole number');
  expect(await app.tabCount('Inbound')).toBe(0);
});

test('?now= sets the clock of the tab and shows the Simulated time banner', async ({ app, page }) => {
  await app.open('/?now=2027-01-15T09:00:00Z');
  const banner = page.getByRole('region', { name: 'Simulated time' });
  await expect(banner).toContainText('2027-01-15 09:0');
  // Kept for the tab across a reload without the parameter.
  await page.goto('/');
  await expect(banner).toContainText('2027-01-15');
  await banner.getByRole('button', { name: 'Use real time' }).click();
  await expect(app.signedInAs).toBeVisible();
  await expect(banner).toHaveCount(0);
});
