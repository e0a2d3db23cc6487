// Code splitting (src/app/lazy.rs): the deal page and the rarely used pages come from wasm
// modules loaded after the first screen. Every lazy route works as a deep link, in-app
// navigation puts focus on the new page's heading once its module is there, the list does
// not wait for the modules, and a module that cannot be fetched is reported on the page.
import { test, expect } from './fixtures/app';

const LAZY_ROUTES: [string, string | RegExp][] = [
  ['/deals/new', 'New deal'],
  ['/forecast', 'Pipeline forecast'],
  ['/import', 'Import deals'],
  ['/settings', 'Settings'],
  ['/outbox', 'Email outbox'],
  ['/organisation', 'Organisation'],
  ['/profile', 'My profile'],
  ['/registrations', 'Registrations'],
  ['/deals/no-such-deal', 'Deal not found'],
];
const MODULE = /\/(split|chunk)_[^/]+\.wasm$/;

test('every lazily loaded page opens from a deep link', async ({ app, page }) => {
  for (const [path, heading] of LAZY_ROUTES) {
    await app.open(path);
    await expect(page.getByRole('heading', { level: 1, name: heading })).toBeVisible();
  }
  // A deal's own page, reached by its address.
  await app.loadDemoDeals(3);
  const [id] = await app.dealIds();
  const name = (await app.dealRows.first().getByRole('link').textContent())!.trim();
  await app.open(`/deals/${id}`);
  await expect(page.getByRole('heading', { level: 1, name, exact: true })).toBeVisible();
});

test('the list comes first; the modules follow, and navigation into them focuses the new heading', async ({ app, page }) => {
  // Hold the modules back until the list is up: the first screen must not wait for them.
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  const fetched: string[] = [];
  await page.route(MODULE, async (route) => {
    fetched.push(new URL(route.request().url()).pathname);
    await released;
    await route.continue();
  });
  await app.open();
  await expect(app.tab('Inbound')).toBeVisible();
  // Asked for after the first paint, without a click.
  await expect.poll(() => fetched.length).toBeGreaterThanOrEqual(2);
  release();

  for (const [link, heading] of [['Forecast', 'Pipeline forecast'], ['Settings', 'Settings'], ['Deals', 'Deals']]) {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: link, exact: true }).click();
    await expect(page.getByRole('heading', { level: 1, name: heading, exact: true })).toBeFocused();
  }
  await app.loadDemoDeals(3);
  const first = app.dealRows.first().getByRole('link');
  const name = (await first.textContent())!.trim();
  await first.click();
  await expect(page.getByRole('heading', { level: 1, name, exact: true })).toBeFocused();
});

test('a module that cannot be fetched is reported on its page, and Try again loads it', async ({ app, page }) => {
  let failing = true;
  await page.route(MODULE, (route) => (failing ? route.abort('internetdisconnected') : route.continue()));
  await app.open('/forecast');
  await expect(page.getByRole('heading', { level: 1, name: 'This page could not be loaded' })).toBeVisible();
  // The rest of the app goes on working.
  await app.nav('Deals').click();
  await expect(app.tab('Inbound')).toBeVisible();
  await page.goBack();
  const tryAgain = page.getByRole('button', { name: 'Try again' });
  await expect(tryAgain).toBeVisible();

  failing = false;
  await tryAgain.click();
  await expect(page.getByRole('heading', { level: 1, name: 'Pipeline forecast' })).toBeVisible();
  await expect(page.getByRole('heading', { level: 1, name: 'This page could not be loaded' })).toHaveCount(0);
});

test('the demo generator comes with the rare pages: when it cannot be fetched, ?demo= says so and loads nothing', async ({ app, page }) => {
  let failing = true;
  await page.route(MODULE, (route) => (failing ? route.abort('internetdisconnected') : route.continue()));
  await app.open('/?demo=12');
  await expect(page.getByRole('alert')).toContainText('The demo generator could not be fetched; nothing was loaded.');
  expect(await app.tabCount('Inbound') + (await app.tabCount('Outbound'))).toBe(0);

  failing = false;
  await app.open('/?demo=12');
  await expect.poll(async () => (await app.tabCount('Inbound')) + (await app.tabCount('Outbound'))).toBeGreaterThan(0);
});

test('the triage’s answers and Decline dialog, the export, the shortcuts’ list and the notifications panel come with the rare pages: when they cannot be fetched, the app says so and the list goes on', async ({ app, page }) => {
  await app.open('/?demo=40');
  await expect(app.dealRows.first()).toBeVisible();
  await page.route(MODULE, (route) => route.abort('internetdisconnected'));
  await app.open('/');
  await app.table.getByRole('checkbox', { name: /^Select / }).first().check();
  await page.getByRole('group', { name: 'Selected deals' }).getByRole('button', { name: 'Decline selected' }).click();
  const advice = 'Co-sell could not fetch this part of the app.';
  await expect(page.getByRole('alert').filter({ hasText: advice })).toHaveCount(1);
  await expect(page.getByRole('dialog', { name: 'Decline selected' })).toHaveCount(0);
  await expect(page.getByRole('group', { name: 'Selected deals' })).toBeVisible();

  await page.getByRole('button', { name: 'Dismiss message' }).click();
  await expect(page.getByRole('alert').filter({ hasText: advice })).toHaveCount(0);
  // Accepting needs the answers' forms: nothing is accepted, and the selection stays.
  const inbound = await app.tabCount('Inbound');
  await page.getByRole('group', { name: 'Selected deals' }).getByRole('button', { name: 'Accept selected' }).click();
  await expect(page.getByRole('alert').filter({ hasText: advice })).toHaveCount(1);
  await expect(page.getByRole('group', { name: 'Selected deals' })).toContainText('1 selected');
  await expect(page.getByRole('status').filter({ hasText: /accepted/ })).toHaveCount(0);
  expect(await app.tabCount('Inbound')).toBe(inbound);

  await page.getByRole('button', { name: 'Dismiss message' }).click();
  await expect(page.getByRole('alert').filter({ hasText: advice })).toHaveCount(0);
  await page.getByRole('button', { name: 'Export CSV' }).click();
  await expect(page.getByRole('alert').filter({ hasText: advice })).toHaveCount(1);
  await app.openTab('Outbound');
  await expect(app.dealRows.first()).toBeVisible();

  // The shortcuts' list: the dialog opens, says it could not fetch the list, and closes.
  await app.tab('Outbound').focus();
  await page.keyboard.press('?');
  const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(help).toContainText(advice);
  await expect(help.getByRole('row')).toHaveCount(0);
  await help.getByRole('button', { name: 'Close' }).click();
  await expect(help).toBeHidden();

  // The notifications panel: a notice says so, and the panel closes.
  await page.getByRole('button', { name: 'Dismiss message' }).click();
  await expect(page.getByRole('alert').filter({ hasText: advice })).toHaveCount(0);
  const bell = page.getByRole('button', { name: 'Notifications', exact: true });
  await bell.click();
  await expect(page.getByRole('alert').filter({ hasText: advice })).toHaveCount(1);
  await expect(bell).toHaveAttribute('aria-expanded', 'false');
  await expect(page.getByRole('region', { name: 'Notifications' })).toHaveCount(0);
});
