// Full storage (issue #27): with the origin's quota lowered through the DevTools protocol, a
// write that does not fit is refused with the store's clear message, nothing of it is kept,
// what was stored before is intact, and the same write succeeds once space is freed.
import { test, expect } from './fixtures/app';
import { crmFile } from './fixtures/files';

test('an import that does not fit is refused whole with a clear message, and goes through once space is freed', async ({ app, page, context }) => {
  test.setTimeout(90_000);
  const cdp = await context.newCDPSession(page);
  await page.goto('/data/users.json');
  const origin = new URL(page.url()).origin;
  // Room for 16 demo deals, not for 3,000 more.
  await cdp.send('Storage.overrideQuotaForOrigin', { origin, quotaSize: 400 * 1024 });
  await app.open('/?demo=16');
  const before = await app.storedReferrals();
  expect(before.length).toBeGreaterThan(0);

  await page.getByRole('link', { name: 'Import', exact: true }).click();
  await page.getByLabel('Import file').setInputFiles({ name: 'big.csv', mimeType: 'text/csv', buffer: crmFile(3000, 'Quota') });
  await expect(page.getByRole('status').filter({ hasText: /Ready: 3,?000 deals to create/ })).toBeVisible({ timeout: 30_000 });
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(page.getByRole('alert').filter({ hasText: "The browser's storage is full" })).toBeVisible({ timeout: 30_000 });
  // The file is to be chosen again: the field is cleared, so choosing the same file checks it anew.
  await expect(page.getByLabel('Import file')).toHaveValue('');
  await expect(page.getByRole('button', { name: 'Import', exact: true })).toBeDisabled();

  // Nothing of the import was kept; every earlier deal is there as it was.
  expect(await app.storedReferrals()).toEqual(before);
  await page.reload();
  await expect(app.signedInAs).toBeVisible();
  expect(await app.storedReferrals()).toEqual(before);

  // Space is freed: the same file imports whole.
  await cdp.send('Storage.overrideQuotaForOrigin', { origin });
  await page.goto('/import');
  await page.getByLabel('Import file').setInputFiles({ name: 'big.csv', mimeType: 'text/csv', buffer: crmFile(3000, 'Quota') });
  await expect(page.getByRole('status').filter({ hasText: /Ready: 3,?000 deals to create/ })).toBeVisible({ timeout: 30_000 });
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: /Imported big.csv: 3,?000 deals created, 0 updated./ })).toBeVisible({ timeout: 30_000 });
  expect((await app.storedReferrals()).length).toBe(before.length + 3000);
});
