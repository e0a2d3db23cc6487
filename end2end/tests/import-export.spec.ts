// Moving deals in and out (issue #6): export the list, import a file with a dry run first.
import { readFileSync } from 'node:fs';
import { test, expect } from './fixtures/app';

const header = 'Deal name,Customer name,Value,Currency,Estimated close date,CRM ID,Sales stage';

test('a file with one bad row is refused whole and names the row; the fixed file imports', async ({ app, page }) => {
  await app.open('/');
  await app.page.getByRole('link', { name: 'Import', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Import deals' })).toBeVisible();
  const importButton = page.getByRole('button', { name: 'Import', exact: true });
  await expect(importButton).toBeDisabled();

  const bad = [header, 'Fleet rollout,Tailspin Toys,120000,EUR,2027-03-31,CRM-1001,40%', 'Data estate,Adatum Corporation,-5,EUR,2027-04-30,CRM-1002,Qualified'].join('\n');
  await page.getByLabel('Import file').setInputFiles({ name: 'crm.csv', mimeType: 'text/csv', buffer: Buffer.from(bad) });
  const problems = page.getByRole('table', { name: 'Problems' });
  await expect(problems).toBeVisible();
  await expect(problems.getByRole('row').nth(1)).toContainText('3');
  await expect(problems.getByRole('row').nth(1)).toContainText('Value');
  await expect(page.getByRole('status').filter({ hasText: 'Nothing was imported' })).toBeVisible();
  await expect(importButton).toBeDisabled();
  await page.goto('/outbound');
  await expect(app.dealRows).toHaveCount(0);

  await page.goto('/import');
  const fixed = bad.replace(',-5,', ',5000,');
  await page.getByLabel('Import file').setInputFiles({ name: 'crm.csv', mimeType: 'text/csv', buffer: Buffer.from(fixed) });
  await expect(page.getByRole('status').filter({ hasText: 'Ready: 2 deals to create and 0 to update' })).toBeVisible();
  await importButton.click();
  await expect(page.getByRole('status').filter({ hasText: 'Imported crm.csv: 2 deals created, 0 updated.' })).toBeVisible();
  await page.goto('/outbound');
  await expect(app.dealRows).toHaveCount(2);
  await expect(app.row('Fleet rollout').locator('td[data-label="Status"]')).toHaveText('Developed (40%)');
});

test('export CSV and JSON of the filtered list; the JSON imports back as updates; a stale row is refused', async ({ app, page }) => {
  await app.open('/?demo=40');
  await page.goto('/outbound');
  await expect(app.dealRows.first()).toBeVisible();
  const all = await app.dealRows.count();
  const customer = (await app.dealRows.first().locator('td[data-label="Customer"]').textContent())!;
  await app.search.fill(customer);
  await expect.poll(() => app.dealRows.count()).toBeLessThan(all);
  const shown = await app.dealRows.count();
  expect(shown).toBeGreaterThan(0);

  const [csvDownload] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export CSV' }).click()]);
  const csv = readFileSync(await csvDownload.path(), 'utf8');
  const lines = csv.trim().split('\r\n');
  expect(lines[0]).toBe('Referral ID,Engagement ID,Deal name,Customer name,DUNS,Country,Status,Substatus,Deal type,Sales stage,Value,Currency,Estimated close date,CRM ID,Marketing campaign ID,Notes,Team,Solutions,Created,Updated,eTag');
  expect(lines.length - 1).toBe(shown);
  expect(lines.slice(1).every((l) => l.includes(customer))).toBe(true);

  const [jsonDownload] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export JSON' }).click()]);
  const json = JSON.parse(readFileSync(await jsonDownload.path(), 'utf8'));
  expect(json).toHaveLength(shown);
  expect(json[0]).toHaveProperty('eTag');
  expect(json[0]).toHaveProperty('customerProfile');

  // The same file imports back: every deal matched by its ID and updated in place.
  await page.goto('/import');
  const open = json.filter((r: { status: string }) => r.status !== 'Closed');
  await page.getByLabel('Import file').setInputFiles({ name: 'deals.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(open)) });
  await expect(page.getByRole('status').filter({ hasText: `Ready: 0 deals to create and ${open.length} to update` })).toBeVisible();
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: `${open.length} updated` })).toBeVisible();

  // The old export is now stale: its eTags no longer match.
  await page.getByLabel('Import file').setInputFiles({ name: 'deals.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(open)) });
  await expect(page.getByRole('table', { name: 'Problems' }).getByRole('cell', { name: 'eTag', exact: true }).first()).toBeVisible();
});

test('a file that is not CSV or JSON, and a cut-off file, get a clear report', async ({ app, page }) => {
  await app.open('/import');
  await page.getByLabel('Import file').setInputFiles({ name: 'logo.png', mimeType: 'image/png', buffer: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0xff, 0xfe]) });
  await expect(page.getByRole('table', { name: 'Problems' })).toContainText('not UTF-8');
  await page.getByLabel('Import file').setInputFiles({ name: 'cut.json', mimeType: 'application/json', buffer: Buffer.from('[{"id": "a", "name": "Cut') });
  await expect(page.getByRole('table', { name: 'Problems' })).toContainText('ends too early');
  await expect(page.getByRole('button', { name: 'Import', exact: true })).toBeDisabled();
  // A file over the limit is refused before it is read.
  await page.getByLabel('Import file').setInputFiles({ name: 'huge.csv', mimeType: 'text/csv', buffer: Buffer.alloc(21 * 1024 * 1024, 0x41) });
  await expect(page.getByRole('table', { name: 'Problems' })).toContainText('up to 20 MB');
  await expect(page.getByRole('button', { name: 'Import', exact: true })).toBeDisabled();
});
