// Shared mode: the app served by the Co-sell server (tools/serve-shared.mjs), each browser
// context a different user. Deals cross between organisations live, changes made offline are
// sent when the browser is back, and a change the server refuses is told in its words.
import { expect, type Page } from '@playwright/test';
import { createDeal, createMicrosoftReferral } from '../fixtures/deals';
import { crmFile } from '../fixtures/files';
import { test, signIn } from '../fixtures/shared';

const sync = (page: Page) => page.getByRole('status', { name: 'Sync' });
const actions = (page: Page) => page.getByRole('group', { name: 'Actions' });

async function accept(page: Page) {
  await actions(page).getByRole('button', { name: 'Accept' }).click();
  const dialog = page.getByRole('dialog', { name: 'Accept' });
  await dialog.getByLabel('Phone').fill('+1 425 555 0100');
  await dialog.getByRole('button', { name: 'Confirm' }).click();
  await expect(dialog).toBeHidden();
}

test('a P2P invitation reaches Fabrikam’s open browser without a reload, and Contoso’s open deal page shows the answer', async ({ browser, people }) => {
  const contoso = await signIn(browser, people, 'Contoso Admin (Contoso Ltd)');
  const fabrikam = await signIn(browser, people, 'Fabrikam Admin (Fabrikam Inc)');
  await expect(sync(contoso.page)).toHaveText('Up to date');
  // Other tests share this server, and Fabrikam's first sync may still be on its way: the
  // count must grow past what the tab says now.
  const inbound = fabrikam.page.getByRole('tab', { name: /^Inbound/ });
  const count = async () => Number((await inbound.textContent())?.match(/\d+/)?.[0] ?? 0);
  const before = await count();

  await createDeal(contoso.page, { name: 'Shared live P2P', solution: 'Contoso Fleet Analytics', view: 'No', partners: ['Fabrikam'] });
  const invitation = fabrikam.page.getByRole('link', { name: 'Shared live P2P', exact: true });
  await expect(invitation).toBeVisible({ timeout: 15_000 });
  await expect.poll(count).toBeGreaterThan(before);

  await invitation.click();
  await accept(fabrikam.page);
  await expect(contoso.page.getByRole('region', { name: 'Fabrikam Inc' })).toContainText('Accepted', { timeout: 15_000 });
  await expect(sync(fabrikam.page)).toHaveText('Up to date');
});

test('offline, Fabrikam’s answer waits in the outbox and the header says so; back online it is sent and Contoso sees it', async ({ browser, people }) => {
  const contoso = await signIn(browser, people, 'Contoso Admin (Contoso Ltd)');
  const fabrikam = await signIn(browser, people, 'Fabrikam Admin (Fabrikam Inc)');
  await createDeal(contoso.page, { name: 'Shared offline answer', solution: 'Contoso Fleet Analytics', view: 'No', partners: ['Fabrikam'] });
  const invitation = fabrikam.page.getByRole('link', { name: 'Shared offline answer', exact: true });
  await expect(invitation).toBeVisible({ timeout: 15_000 });
  await invitation.click();

  await fabrikam.context.setOffline(true);
  await accept(fabrikam.page);
  await expect(fabrikam.page.getByRole('term').filter({ hasText: /^Status$/ }).first().locator('xpath=following-sibling::*[1]')).toHaveText('Accepted');
  await expect(sync(fabrikam.page)).toHaveText('Offline — 1 change will be sent when you are back online');
  await expect(contoso.page.getByRole('region', { name: 'Fabrikam Inc' })).toContainText('Received');

  await fabrikam.context.setOffline(false);
  await expect(sync(fabrikam.page)).toHaveText('Up to date', { timeout: 15_000 });
  await expect(contoso.page.getByRole('region', { name: 'Fabrikam Inc' })).toContainText('Accepted', { timeout: 15_000 });
});

test('two people of Contoso edit one deal, one offline: the later one is told what was not saved, sees the newer deal, and can apply the change again', async ({ browser, people }) => {
  const admin = await signIn(browser, people, 'Contoso Admin (Contoso Ltd)');
  const germany = await signIn(browser, people, 'Contoso Germany Admin (Contoso Ltd)');
  await createDeal(admin.page, { name: 'Shared edited twice', solution: 'Contoso Migration Services', view: 'No' });
  const link = germany.page.getByRole('link', { name: 'Shared edited twice', exact: true });
  await germany.page.getByRole('tab', { name: /^Outbound/ }).click();
  await expect(link).toBeVisible({ timeout: 15_000 });
  await link.click();

  await germany.context.setOffline(true);
  await actions(germany.page).getByRole('button', { name: 'Edit', exact: true }).click();
  const theirs = germany.page.getByRole('dialog', { name: 'Edit' });
  await theirs.getByLabel('Estimated value').fill('99000');
  await theirs.getByRole('button', { name: 'Save' }).click();
  await expect(theirs).toBeHidden();
  await expect(sync(germany.page)).toContainText('Offline — 1 change will be sent');

  await actions(admin.page).getByRole('button', { name: 'Edit', exact: true }).click();
  const mine = admin.page.getByRole('dialog', { name: 'Edit' });
  await mine.getByLabel('CRM ID').fill('CRM-FIRST');
  await mine.getByRole('button', { name: 'Save' }).click();
  await expect(mine).toBeHidden();
  await expect(sync(admin.page)).toHaveText('Up to date', { timeout: 15_000 });

  await germany.context.setOffline(false);
  const refused = germany.page.getByRole('main').getByRole('alert').filter({ hasText: 'Your change was not saved' });
  await expect(refused).toBeVisible({ timeout: 15_000 });
  await expect(refused).toContainText('Shared edited twice');
  // The newer deal is shown: the admin's CRM ID, not this change's value.
  await expect(germany.page.getByRole('region', { name: 'Details' })).toContainText('CRM-FIRST');
  await expect(germany.page.getByRole('main')).not.toContainText('99,000');
  // Notifications say it too.
  await germany.page.getByRole('button', { name: 'Notifications', exact: true }).click();
  await expect(germany.page.getByRole('region', { name: 'Notifications' })).toContainText('Your change was not saved');
  await germany.page.getByRole('button', { name: 'Notifications', exact: true }).click();

  // The input is kept: applied again, on the newer deal.
  await refused.getByRole('button', { name: 'Apply my change again' }).click();
  await expect(refused).toBeHidden();
  await expect(germany.page.getByRole('main')).toContainText('99,000');
  await expect(sync(germany.page)).toHaveText('Up to date', { timeout: 15_000 });
  await expect(admin.page.getByRole('main')).toContainText('99,000', { timeout: 15_000 });
});

test('a change made while the server cannot be reached survives a reload and is sent afterwards', async ({ browser, people }) => {
  const contoso = await signIn(browser, people, 'Contoso Admin (Contoso Ltd)');
  await createDeal(contoso.page, { name: 'Shared kept over reload', solution: 'Contoso Migration Services', view: 'No' });
  await contoso.page.route('**/sync/push', (route) => route.abort());
  await contoso.page.getByRole('button', { name: 'Favorite' }).click();
  await expect(sync(contoso.page)).toHaveText("Can't reach the server (retrying) — 1 change waits to be sent", { timeout: 15_000 });

  await contoso.page.reload();
  await expect(contoso.page.getByRole('heading', { level: 1, name: 'Shared kept over reload' })).toBeVisible();
  await expect(contoso.page.getByRole('button', { name: 'Favorite' })).toHaveAttribute('aria-pressed', 'true');
  await contoso.page.unroute('**/sync/push');
  await expect(sync(contoso.page)).toHaveText('Up to date', { timeout: 15_000 });

  // Another browser of the same user gets the heart from the server.
  const elsewhere = await signIn(browser, people, 'Contoso Admin (Contoso Ltd)');
  await expect(elsewhere.page.getByRole('tab', { name: /^Favorites/ })).toContainText('1', { timeout: 15_000 });
});

test('signing out removes the copy from the browser; another user sees only their own deals', async ({ browser, people }) => {
  const contoso = await signIn(browser, people, 'Contoso Admin (Contoso Ltd)');
  await createDeal(contoso.page, { name: 'Shared Contoso only', solution: 'Contoso Migration Services', view: 'No' });
  const databases = () => contoso.page.evaluate(async () => (await indexedDB.databases()).map((d) => d.name));
  await expect.poll(databases).toContain('cosell-shared-contoso-admin');

  await contoso.page.getByRole('button', { name: 'Sign out' }).click();
  await expect(contoso.page.getByRole('heading', { level: 1, name: 'Sign in to Co-sell' })).toBeVisible();
  await expect.poll(databases).not.toContain('cosell-shared-contoso-admin');

  await contoso.page.getByLabel('Sign in as').selectOption({ label: 'Fabrikam Admin (Fabrikam Inc)' });
  await contoso.page.getByRole('button', { name: 'Sign in' }).click();
  await expect(sync(contoso.page)).toHaveText('Up to date', { timeout: 15_000 });
  await expect(contoso.page.getByRole('combobox', { name: 'Signed in as' })).toHaveValue('fabrikam-admin');
  await contoso.page.goto('/outbound');
  await expect(contoso.page.getByRole('tab', { name: /^Outbound/ })).toHaveAttribute('aria-selected', 'true');
  await expect(contoso.page.getByRole('link', { name: 'Shared Contoso only', exact: true })).toHaveCount(0);
});

test('two admins answer one Microsoft referral at once: the first answer wins, the second is told in the rules’ words', async ({ browser, people }) => {
  const seller = await signIn(browser, people, 'Microsoft Seller (Microsoft)');
  const admin = await signIn(browser, people, 'Contoso Admin (Contoso Ltd)');
  const germany = await signIn(browser, people, 'Contoso Germany Admin (Contoso Ltd)');
  await createMicrosoftReferral(seller.page, 'Shared answered twice');
  for (const user of [admin, germany]) {
    const link = user.page.getByRole('link', { name: 'Shared answered twice', exact: true });
    await expect(link).toBeVisible({ timeout: 15_000 });
    await link.click();
  }

  await germany.context.setOffline(true);
  await actions(germany.page).getByRole('button', { name: 'Decline' }).click();
  const decline = germany.page.getByRole('dialog', { name: 'Decline' });
  await decline.getByLabel('Reason').selectOption({ label: 'Customer need not met' });
  await decline.getByRole('button', { name: 'Close deal' }).click();
  await expect(decline).toBeHidden();

  await accept(admin.page);
  await expect(sync(admin.page)).toHaveText('Up to date', { timeout: 15_000 });

  await germany.context.setOffline(false);
  const refused = germany.page.getByRole('main').getByRole('alert').filter({ hasText: 'Your change was not saved' });
  await expect(refused).toBeVisible({ timeout: 15_000 });
  const status = germany.page.getByRole('term').filter({ hasText: /^Status$/ }).first().locator('xpath=following-sibling::*[1]');
  await expect(status).toHaveText('Accepted');
  // The seller's copy follows the answer that won.
  await expect(seller.page.getByRole('region', { name: 'Contoso Ltd' })).toContainText('Accepted', { timeout: 15_000 });
});

test('the partner admin makes an API token on the Organisation page, sees it once, and revokes it', async ({ browser, people }) => {
  const admin = await signIn(browser, people, 'Contoso Admin (Contoso Ltd)');
  await admin.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Organisation' }).click();
  const tokens = admin.page.getByRole('region', { name: 'API tokens' });
  await tokens.getByRole('button', { name: 'Create token' }).click();
  await expect(tokens.getByRole('alert')).toHaveText('Name the token (1 to 80 characters).');
  await tokens.getByLabel('Token name').fill('Dynamics CRM');
  await tokens.getByLabel('Access').selectOption({ label: 'Read and write' });
  await tokens.getByRole('button', { name: 'Create token' }).click();
  const once = tokens.getByRole('status').filter({ hasText: 'Copy this token now' });
  await expect(once).toBeVisible();
  const token = (await once.locator('code').textContent()) ?? '';
  expect(token).toMatch(/^cst_/);
  await expect(tokens.getByRole('row', { name: /Dynamics CRM/ })).toContainText('Read and write');

  const api = (t: string) => admin.page.request.get('/v1.0/engagements/referrals', { headers: { Authorization: `Bearer ${t}` } });
  expect((await api(token)).status()).toBe(200);
  await tokens.getByRole('button', { name: 'Revoke Dynamics CRM' }).click();
  await expect(tokens.getByRole('row', { name: /Dynamics CRM/ })).toContainText('Revoked');
  expect((await api(token)).status()).toBe(401);
});

test('when the session ends, changes are kept and sent once the user signs in again', async ({ browser, people }) => {
  const contoso = await signIn(browser, people, 'Contoso Admin (Contoso Ltd)');
  await createDeal(contoso.page, { name: 'Shared session ended', solution: 'Contoso Migration Services', view: 'No' });
  await expect(sync(contoso.page)).toHaveText('Up to date', { timeout: 15_000 });
  // The session ends (as when it expires on the server); a change made now waits.
  await contoso.context.clearCookies();
  await contoso.page.getByRole('button', { name: 'Favorite' }).click();
  await expect(sync(contoso.page)).toHaveText('Your session has ended: sign in again. Your unsent changes are kept.', { timeout: 15_000 });

  await contoso.page.getByRole('button', { name: 'Sign in again' }).click();
  await expect(contoso.page.getByRole('heading', { level: 1, name: 'Sign in to Co-sell' })).toBeVisible();
  await contoso.page.getByLabel('Sign in as').selectOption({ label: 'Contoso Admin (Contoso Ltd)' });
  await contoso.page.getByRole('button', { name: 'Sign in' }).click();
  await expect(contoso.page.getByRole('button', { name: 'Favorite' })).toHaveAttribute('aria-pressed', 'true');
  await expect(sync(contoso.page)).toHaveText('Up to date', { timeout: 15_000 });
  const elsewhere = await signIn(browser, people, 'Contoso Admin (Contoso Ltd)');
  await elsewhere.page.getByRole('tab', { name: /^Favorites/ }).click();
  await expect(elsewhere.page.getByRole('link', { name: 'Shared session ended', exact: true })).toBeVisible({ timeout: 15_000 });
});

test('a fresh browser takes a first pull of several pages, and continues after a page fails on the way', async ({ browser, people }) => {
  const importer = await signIn(browser, people, 'Contoso Admin (Contoso Ltd)');
  await importer.page.goto('/import');
  await importer.page.getByLabel('Import file').setInputFiles({ name: 'crm.csv', mimeType: 'text/csv', buffer: crmFile(45, 'Paged sync') });
  await expect(importer.page.getByRole('status').filter({ hasText: 'Ready: 45 deals to create and 0 to update' })).toBeVisible();
  await importer.page.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(importer.page.getByRole('status').filter({ hasText: 'Imported crm.csv: 45 deals created, 0 updated.' })).toBeVisible();
  await expect(sync(importer.page)).toHaveText('Up to date', { timeout: 15_000 });

  // The server sends a first pull in pages of 20 deals (tools/serve-shared.mjs): the second
  // page fails once; the pages before it are kept, and the next try goes on from there.
  let pulls = 0;
  const fresh = await signIn(browser, people, 'Contoso Admin (Contoso Ltd)', (context) =>
    context.route('**/sync/pull', (route) => (++pulls === 2 ? route.abort('connectionreset') : route.continue())),
  );
  await expect(sync(fresh.page)).toHaveText("Can't reach the server (retrying)", { timeout: 15_000 });
  await fresh.page.goto('/outbound');
  const search = fresh.page.getByRole('searchbox', { name: 'Search deals' });
  await search.fill('Paged sync');
  const rows = fresh.page.getByRole('table').getByRole('row').filter({ has: fresh.page.getByRole('link', { name: /^Paged sync \d+$/ }) });
  await expect(sync(fresh.page)).toHaveText('Up to date', { timeout: 15_000 });
  await expect(rows).toHaveCount(45);
  expect(pulls).toBeGreaterThan(3);

  // What the pages wrote is the copy: a reload shows every deal from the browser's store.
  await fresh.page.reload();
  await fresh.page.getByRole('searchbox', { name: 'Search deals' }).fill('Paged sync');
  await expect(rows).toHaveCount(45);
});
