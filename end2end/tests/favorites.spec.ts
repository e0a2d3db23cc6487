import { test, expect } from './fixtures/app';

test('the heart adds to and removes from Favorites, survives a reload, and is per user', async ({ app, page }) => {
  await app.open('/?demo=48');
  const [name] = await app.dealNames();
  const heart = app.heart(name);
  await expect(heart).toHaveAttribute('aria-pressed', 'false');

  await heart.click();
  await expect(heart).toHaveAttribute('aria-pressed', 'true');
  await expect(app.tab('Favorites')).toHaveText(/Favorites\s*1/);

  await app.openTab('Favorites');
  await expect(app.dealRows).toHaveCount(1);
  await expect(app.row(name)).toBeVisible();

  await page.reload();
  await expect(app.tab('Favorites')).toHaveText(/Favorites\s*1/);
  await expect(app.heart(name)).toHaveAttribute('aria-pressed', 'true');

  // Favorites are per user: another Contoso user who sees the same deal has none.
  await app.signInAs('Contoso Germany Admin');
  await expect(app.tab('Favorites')).toHaveText(/Favorites\s*0/);
  await app.signInAs('Contoso Admin');
  await expect(app.tab('Favorites')).toHaveText(/Favorites\s*1/);

  // Clicking the heart again removes it, also after a reload.
  await app.heart(name).click();
  await expect(app.dealRows).toHaveCount(0);
  await expect(page.getByText('No favorites yet.')).toBeVisible();
  await page.reload();
  await expect(app.tab('Favorites')).toHaveText(/Favorites\s*0/);
});

test('the heart works from the keyboard', async ({ app, page }) => {
  await app.open('/?demo=16');
  const [name] = await app.dealNames();
  await app.heart(name).focus();
  await page.keyboard.press('Space');
  await expect(app.heart(name)).toHaveAttribute('aria-pressed', 'true');
  await expect(app.heart(name)).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(app.heart(name)).toHaveAttribute('aria-pressed', 'false');
});

test('a heart whose write fails is rolled back with a message', async ({ app, page }) => {
  await app.injectWriteFailures();
  await app.open('/?demo=16');
  const [name] = await app.dealNames();
  await app.failWrites(0);

  await app.heart(name).click();
  await expect(page.getByRole('alert')).toContainText('could not be saved, so it was undone');
  await expect(app.heart(name)).toHaveAttribute('aria-pressed', 'false');
  await expect(app.tab('Favorites')).toHaveText(/Favorites\s*0/);

  // Nothing was stored: after a reload it is still not a favorite.
  await app.failWrites(null);
  await page.reload();
  await expect(app.heart(name)).toHaveAttribute('aria-pressed', 'false');
});
