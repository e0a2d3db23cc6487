// Offline field demos: after one visit the service worker serves the whole build, so the app
// starts and saves deals with the network off; a new deployment waits for the user.
import { test, expect } from './fixtures/app';
import { createDeal } from './fixtures/deals';

test.use({ serviceWorkers: 'allow' });

/** Waits until the service worker has precached the build and controls the page. */
async function waitForOfflineReady(page: import('@playwright/test').Page) {
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
    if (!navigator.serviceWorker.controller) {
      await new Promise((resolve) => navigator.serviceWorker.addEventListener('controllerchange', resolve, { once: true }));
    }
  });
}

test('after one visit the app starts and saves a deal offline, and nothing is lost online', async ({ app, page, context }) => {
  await app.open();
  await waitForOfflineReady(page);

  await context.setOffline(true);
  await page.reload();
  await expect(app.signedInAs).toBeVisible();
  await createDeal(page, { name: 'Offline demo deal', solution: 'Contoso Migration Services', view: 'No' });
  await app.nav('Deals').click();
  await app.openTab('Outbound');
  await expect(app.row('Offline demo deal')).toBeVisible();
  // The deal page's own module comes from the service worker's cache too.
  await app.row('Offline demo deal').getByRole('link', { name: 'Offline demo deal' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Offline demo deal' })).toBeVisible();
  await page.goBack();
  await expect(app.row('Offline demo deal')).toBeVisible();

  // A deep link also starts offline.
  const url = page.url();
  await page.goto('/forecast');
  await expect(page.getByRole('heading', { level: 1, name: 'Pipeline forecast' })).toBeVisible();
  await page.goto(url);

  await context.setOffline(false);
  await page.reload();
  await app.openTab('Outbound');
  await expect(app.row('Offline demo deal')).toBeVisible();
  expect((await app.storedReferrals()).map((r) => r.name)).toContain('Offline demo deal');
});

test('a new deployment is announced, and Reload to update switches to it whole', async ({ app, page, context }) => {
  await app.open();
  await waitForOfflineReady(page);
  const before = await page.evaluate(() => caches.keys());
  expect(before).toHaveLength(1);
  await expect(page.getByRole('button', { name: 'Reload to update' })).toHaveCount(0);

  // The server now hands this browser a service worker of another version.
  await context.addCookies([{ name: 'cosell-deployment', value: 'next', url: page.url() }]);
  await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.update());
  const banner = page.getByRole('region', { name: 'Update available' });
  await expect(banner).toBeVisible();
  // Until the user chooses, the page keeps running on the old deployment's files.
  expect(await page.evaluate(() => caches.keys())).toContain(before[0]);

  await banner.getByRole('button', { name: 'Reload to update' }).click();
  await expect(banner).toBeHidden();
  await expect(app.signedInAs).toBeVisible();
  await expect.poll(() => page.evaluate(() => caches.keys())).toEqual([`${before[0]}-next`]);
});

test('Settings says whether the browser keeps the data (persistent storage)', async ({ app, page }) => {
  await app.open();
  await app.nav('Settings').click();
  await expect(page.getByRole('status').filter({ hasText: /^Persistent storage: (granted|not granted)/ })).toBeVisible();
});
