import { test, expect } from './fixtures/app';

test('a deal name opens its page with the deal facts and its lifecycle', async ({ app, page }) => {
  await app.open('/?demo=32');
  await app.openTab('Outbound');
  const [name] = await app.dealNames();
  await app.dealRows.getByRole('link', { name, exact: true }).click();

  const heading = page.getByRole('heading', { level: 1, name });
  await expect(heading).toBeVisible();
  await expect(heading).toBeFocused();
  for (const term of ['Status', 'Deal type', 'Sales stage', 'Microsoft status']) {
    await expect(page.getByRole('term').filter({ hasText: new RegExp(`^${term}$`) }).first()).toBeVisible();
  }
  await expect(page.getByRole('button', { name: 'Favorite' })).toBeVisible();
  await expect(page.getByRole('list', { name: 'Deal lifecycle' }).locator('[aria-current="step"]')).toHaveCount(1);

  // A deep link survives a reload.
  const url = page.url();
  await page.goto(url);
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();

  await page.getByRole('link', { name: 'Outbound' }).first().click();
  await expect(app.tab('Outbound')).toHaveAttribute('aria-selected', 'true');
});

test('an unknown address shows a page that leads back', async ({ app, page }) => {
  await app.open('/no/such/page');
  await expect(page.getByRole('heading', { level: 1, name: 'Page not found' })).toBeVisible();
  await page.getByRole('link', { name: 'Go to your deals' }).click();
  await expect(app.tab('Inbound')).toBeVisible();
});
