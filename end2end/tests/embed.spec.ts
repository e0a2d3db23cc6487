// Embedding: the build rebased to /apps/cosell/ (tools/rebase.mjs) inside an iframe of an
// intranet page on another origin (end2end/host/). The host signs the user in and passes its
// theme; Co-sell posts deal-created and deal-won to that origin only.
import { test, expect } from './fixtures/app';
import { createDeal } from './fixtures/deals';

const host = 'http://intranet.localhost:8090/host/';

test('embedded under /apps/cosell/ in another origin: signed in and themed by the host, events posted', async ({ app, page }) => {
  await page.goto(host);
  const events = page.getByRole('list', { name: 'Events from Co-sell' });
  await expect(events.getByRole('listitem').first()).toHaveText('cosell:ready');
  const cosell = page.getByTitle('Co-sell').contentFrame();

  // No header chrome: no brand link and no user switcher; the host's user is signed in.
  await expect(cosell.getByText(/^Signed in as Contoso Germany Seller · Contoso Ltd/)).toBeVisible();
  await expect(cosell.getByRole('combobox', { name: 'Signed in as' })).toHaveCount(0);
  await expect(cosell.getByRole('link', { name: 'Co-sell' })).toHaveCount(0);
  const accent = await cosell.locator('html').evaluate((html) => getComputedStyle(html).getPropertyValue('--cs-accent').trim());
  expect(accent).toBe('#0f6b4f');

  // Links stay under the sub-path.
  await cosell.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Forecast' }).click();
  await expect(cosell.getByRole('heading', { level: 1, name: 'Pipeline forecast' })).toBeVisible();
  await cosell.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Deals' }).click();

  await createDeal(cosell, { name: 'Embedded deal', solution: 'Contoso Migration Services', view: 'Yes' });
  await expect(events.getByRole('listitem').filter({ hasText: /^cosell:deal-created: Embedded deal \(/ })).toHaveCount(1);
  await cosell.getByRole('group', { name: 'Actions' }).getByRole('button', { name: 'Mark as won' }).click();
  await expect(cosell.getByRole('status').filter({ hasText: 'The deal is won.' })).toBeVisible();
  await expect(events.getByRole('listitem').filter({ hasText: /^cosell:deal-won: Embedded deal \(/ })).toHaveCount(1);
});

test('a deep link under the sub-path starts the app, and its service worker is scoped there', async ({ app, page }) => {
  await page.goto('http://127.0.0.1:8090/apps/cosell/forecast');
  await expect(page.getByRole('heading', { level: 1, name: 'Pipeline forecast' })).toBeVisible();
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
  await expect(page).toHaveURL('http://127.0.0.1:8090/apps/cosell/settings');
  await page.goBack();
  await expect(page).toHaveURL('http://127.0.0.1:8090/apps/cosell/forecast');
});

test.describe('with the service worker', () => {
  test.use({ serviceWorkers: 'allow' });
  test('the sub-path deployment registers its service worker for its own scope', async ({ app, page }) => {
    await page.goto('http://127.0.0.1:8090/apps/cosell/');
    await expect(page.getByRole('combobox', { name: 'Signed in as' })).toBeVisible();
    const scope = await page.evaluate(async () => (await navigator.serviceWorker.ready).scope);
    expect(scope).toBe('http://127.0.0.1:8090/apps/cosell/');
  });
});

test('messages from an origin that is not configured are ignored', async ({ app, page }) => {
  // The app itself, not the intranet, frames the embedded app: same origin, not in embed.json.
  await page.goto('http://127.0.0.1:8090/apps/cosell/?embed=1');
  await expect(page.getByText(/^Signed in as Contoso Admin/)).toBeVisible();
  await page.evaluate(() => window.postMessage({ type: 'cosell:init', user: 'msft-seller' }, '*'));
  await page.waitForTimeout(300);
  await expect(page.getByText(/^Signed in as Contoso Admin/)).toBeVisible();
});
