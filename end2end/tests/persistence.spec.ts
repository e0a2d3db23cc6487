import { test, expect } from './fixtures/app';

test('deals survive a reload, and Reset all data asks first', async ({ app, page }) => {
  await app.open();
  await app.loadDemoDeals(24);
  const inbound = await app.tabCount('Inbound');
  const outbound = await app.tabCount('Outbound');
  const names = await app.dealNames();

  await page.reload();
  expect(await app.tabCount('Inbound')).toBe(inbound);
  expect(await app.tabCount('Outbound')).toBe(outbound);
  expect(await app.dealNames()).toEqual(names);

  await app.nav('Settings').click();
  await expect(page.getByRole('button', { name: 'Load demo deals' })).toBeDisabled();
  const reset = page.getByRole('button', { name: 'Reset all data' });
  await reset.click();
  const dialog = page.getByRole('dialog', { name: 'Reset all data' });
  await expect(dialog).toBeVisible();
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toBeHidden();
  await expect(reset).toBeFocused();
  expect((await app.storedReferrals()).length).toBeGreaterThan(0);

  await reset.click();
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  expect((await app.storedReferrals()).length).toBeGreaterThan(0);

  await reset.click();
  await dialog.getByRole('button', { name: 'Confirm' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('status').filter({ hasText: 'All deals and favorites were removed.' })).toBeVisible();
  expect(await app.storedReferrals()).toEqual([]);
  await page.reload();
  await app.nav('Deals').click();
  expect(await app.tabCount('Inbound')).toBe(0);
});

test('stored records that cannot be read are skipped with a message, not a crash', async ({ app, page }) => {
  await app.open('/?demo=16');
  const before = (await app.storedReferrals()).length;
  await page.evaluate(
    () =>
      new Promise<void>((resolve) => {
        const open = indexedDB.open('cosell');
        open.onsuccess = () => {
          // A line whose JSON is no referral, added to a bucket.
          const tx = open.result.transaction('referral_buckets', 'readwrite');
          const store = tx.objectStore('referral_buckets');
          const get = store.get(0);
          get.onsuccess = () => {
            const before = get.result ? new TextDecoder().decode(get.result) : '';
            const line = `broken-record\te1\t${JSON.stringify({ id: 'broken-record', name: 42, status: 'Sideways' })}\n`;
            store.put(new TextEncoder().encode(before + line).buffer, 0);
          };
          tx.oncomplete = () => {
            open.result.close();
            resolve();
          };
        };
      }),
  );
  await page.reload();
  await expect(page.getByRole('alert')).toContainText('1 stored record could not be read');
  expect((await app.tabCount('Inbound')) + (await app.tabCount('Outbound'))).toBeGreaterThan(0);
  expect((await app.storedReferrals()).length).toBe(before + 1);
});

test('a demo load that fails part-way writes nothing at all', async ({ app, page }) => {
  await app.injectWriteFailures();
  await app.open();
  await app.nav('Settings').click();
  await page.getByLabel('Number of demo deals').fill('40');
  // The 26th write of the one transaction fails: the whole load must roll back.
  await app.failWrites(25);
  await page.getByRole('button', { name: 'Load demo deals' }).click();
  await expect(page.getByRole('alert')).toContainText('nothing was loaded');
  expect(await app.storedReferrals()).toEqual([]);
  await expect(page.getByText('0 referrals are stored in this browser.')).toBeVisible();

  await app.failWrites(null);
  await page.getByRole('button', { name: 'Load demo deals' }).click();
  await expect.poll(async () => (await app.storedReferrals()).length).toBeGreaterThan(40);
});

test('a database of schema version 1 is upgraded in place and keeps its deals', async ({ app, page }) => {
  // Write a version-1 database the way the first release did, before the app opens it.
  await page.goto('/data/users.json');
  const stored = await page.evaluate(
    () =>
      new Promise<number>((resolve, reject) => {
        const open = indexedDB.open('cosell', 1);
        open.onupgradeneeded = () => {
          open.result.createObjectStore('referrals', { keyPath: 'id' });
          open.result.createObjectStore('favorites', { keyPath: ['userId', 'referralId'] });
        };
        open.onerror = () => reject(open.error);
        open.onsuccess = async () => {
          const db = open.result;
          const now = new Date().toISOString();
          const referral = {
            id: 'v1-deal', engagementId: 'v1-eng', organizationId: 'contoso', name: 'Deal from version 1',
            createdDateTime: now, updatedDateTime: now, status: 'Active', substatus: 'Accepted', type: 'PartnerLed',
            direction: 'Outgoing', location: 'contoso-munich',
            customerProfile: { name: 'Tailspin Toys', address: { addressLine1: '1 Main', city: 'Seattle', country: 'US' } },
            consent: { consentToShareReferralWithMicrosoftSellers: true, consentToContact: false },
            details: { dealValue: 1000, currency: 'USD', closingDateTime: now, helpType: 'NoHelpRequired' },
            salesStage: 'Created', eTag: 'v1',
          };
          const tx = db.transaction(['referrals', 'favorites'], 'readwrite');
          tx.objectStore('referrals').put(referral);
          tx.objectStore('favorites').put({ userId: 'contoso-admin', referralId: 'v1-deal' });
          tx.oncomplete = () => {
            db.close();
            resolve(1);
          };
        };
      }),
  );
  expect(stored).toBe(1);

  await app.open('/outbound');
  await expect(app.row('Deal from version 1')).toBeVisible();
  await expect(app.heart('Deal from version 1')).toHaveAttribute('aria-pressed', 'true');
  const stores = await page.evaluate(
    () =>
      new Promise<string[]>((resolve) => {
        const open = indexedDB.open('cosell');
        open.onsuccess = () => {
          resolve([String(open.result.version), ...Array.from(open.result.objectStoreNames)]);
          open.result.close();
        };
      }),
  );
  expect(stores).toEqual(['5', 'activity_buckets', 'copy', 'favorites', 'notification_buckets', 'org_setups', 'referral_buckets']);
});
