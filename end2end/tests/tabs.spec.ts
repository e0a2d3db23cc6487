// Several tabs at once: a change in one shows in the others without a reload, and two tabs
// editing the same deal never lose an update (the second save is refused, eTag).
import { test, expect } from './fixtures/app';
import { createDeal } from './fixtures/deals';

test('a deal created and hearted in one tab appears in the other without a reload', async ({ app, page, context }) => {
  await app.open('/outbound');
  const other = await context.newPage();
  await other.goto('/');
  await expect(other.getByRole('combobox', { name: 'Signed in as' })).toBeVisible();
  await other.getByRole('tab', { name: /^Outbound\b/ }).click();
  await expect(other.getByRole('tab', { name: /^Outbound\b/ })).toHaveText(/\b0\b/);

  await createDeal(page, { name: 'Seen from the other tab', solution: 'Contoso Migration Services', view: 'No' });
  const row = other.getByRole('row').filter({ has: other.getByRole('link', { name: 'Seen from the other tab', exact: true }) });
  await expect(row).toBeVisible();
  await expect(other.getByRole('tab', { name: /^Outbound\b/ })).toHaveText(/\b1\b/);

  await app.nav('Deals').click();
  await app.openTab('Outbound');
  await app.heart('Seen from the other tab').click();
  await expect(other.getByRole('tab', { name: /^Favorites\b/ })).toHaveText(/\b1\b/);
  await expect(row.getByRole('button', { name: 'Favorite' })).toHaveAttribute('aria-pressed', 'true');
});

test('two tabs edit the same deal: the second save is refused with a conflict message and nothing is lost', async ({ app, page, context }) => {
  await app.open('/');
  await createDeal(page, { name: 'Edited twice', solution: 'Contoso Migration Services', view: 'No' });
  const dealUrl = page.url();
  const other = await context.newPage();
  await other.goto(dealUrl);
  await expect(other.getByRole('heading', { level: 1, name: 'Edited twice' })).toBeVisible();

  // Both open the edit form on the same version.
  await page.getByRole('group', { name: 'Actions' }).getByRole('button', { name: 'Edit', exact: true }).click();
  const mine = page.getByRole('dialog', { name: 'Edit' });
  await other.getByRole('group', { name: 'Actions' }).getByRole('button', { name: 'Edit', exact: true }).click();
  const theirs = other.getByRole('dialog', { name: 'Edit' });

  await mine.getByLabel('CRM ID').fill('CRM-FIRST');
  await mine.getByRole('button', { name: 'Save' }).click();
  await expect(mine).toBeHidden();

  // The second tab's save would overwrite the first one's CRM ID: refused.
  await theirs.getByLabel('Estimated value').fill('99000');
  await theirs.getByRole('button', { name: 'Save' }).click();
  await expect(theirs.getByRole('alert').filter({ hasText: 'changed in another tab or window' })).toBeVisible();
  await expect(theirs).toBeVisible();
  let [stored] = (await app.storedReferrals()).filter((r) => r.name === 'Edited twice');
  expect(stored.externalReferenceId).toBe('CRM-FIRST');
  expect(stored.details.dealValue).toBe(50000);

  // Cancel, and the page behind already shows the first tab's change; edit again and save.
  await theirs.getByRole('button', { name: 'Cancel' }).click();
  await expect(other.getByRole('region', { name: 'Details' })).toContainText('CRM-FIRST');
  await other.getByRole('group', { name: 'Actions' }).getByRole('button', { name: 'Edit', exact: true }).click();
  await expect(theirs.getByLabel('CRM ID')).toHaveValue('CRM-FIRST');
  await theirs.getByLabel('Estimated value').fill('99000');
  await theirs.getByRole('button', { name: 'Save' }).click();
  await expect(theirs).toBeHidden();
  [stored] = (await app.storedReferrals()).filter((r) => r.name === 'Edited twice');
  expect(stored.externalReferenceId).toBe('CRM-FIRST');
  expect(stored.details.dealValue).toBe(99000);
  // And the first tab shows the second tab's value.
  await expect(page.getByRole('main')).toContainText('99,000');
});

test('a newer schema opened in another tab upgrades without waiting, and this tab asks to reload', async ({ app, page, context }) => {
  await app.open('/');
  const stored = await page.evaluate(() => new Promise<number>((resolve) => {
    const open = indexedDB.open('cosell');
    open.onsuccess = () => { resolve(open.result.version); open.result.close(); };
  }));
  // A new tab of a later deployment opens the database at the next version.
  const newer = await context.newPage();
  await newer.goto('/settings');
  const upgraded = await newer.evaluate((version) => new Promise<string>((resolve) => {
    const open = indexedDB.open('cosell', version + 1);
    open.onblocked = () => resolve('blocked');
    open.onsuccess = () => { resolve(`opened ${open.result.version}`); open.result.close(); };
    open.onerror = () => resolve(`error ${open.error}`);
  }), stored);
  expect(upgraded).toBe(`opened ${stored + 1}`);
  const warning = page.getByRole('alert').filter({ hasText: 'Co-sell was updated in another tab' });
  await expect(warning).toBeVisible();
  await expect(warning.getByRole('button', { name: 'Reload' })).toBeVisible();
});

test('a dialog being filled in stays open while another tab changes the deal', async ({ app, page, context }) => {
  await app.open('/');
  await createDeal(page, { name: 'Invite while changed', solution: 'Contoso Migration Services', view: 'Yes' });
  const other = await context.newPage();
  await other.goto(page.url());
  await other.getByRole('group', { name: 'Actions' }).getByRole('button', { name: 'Invite partner' }).click();
  const invite = other.getByRole('dialog', { name: 'Invite partner' });
  await invite.getByLabel('Partner estimated value').fill('12345');

  await page.getByRole('group', { name: 'Actions' }).getByRole('button', { name: 'Edit', exact: true }).click();
  await page.getByRole('dialog', { name: 'Edit' }).getByLabel('CRM ID').fill('CRM-WHILE');
  await page.getByRole('dialog', { name: 'Edit' }).getByRole('button', { name: 'Save' }).click();

  await expect(other.getByRole('region', { name: 'Details' })).toContainText('CRM-WHILE');
  await expect(invite).toBeVisible();
  await expect(invite.getByLabel('Partner estimated value')).toHaveValue('12345');
});
