// Moving deals in and out (issue #6): export the list, import a file with a dry run first.
import { readFileSync } from 'node:fs';
import { test, expect } from './fixtures/app';

const header = 'Deal name,Customer name,DUNS,Value,Currency,Estimated close date,CRM ID,Sales stage,Solutions';

test('a file with one bad row is refused whole and names the row; the fixed file imports', async ({ app, page }) => {
  await app.open('/');
  await app.page.getByRole('link', { name: 'Import', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Import deals' })).toBeVisible();
  const importButton = page.getByRole('button', { name: 'Import', exact: true });
  await expect(importButton).toBeDisabled();

  const bad = [
    header,
    'Fleet rollout,Tailspin Toys,,120000,EUR,2027-03-31,CRM-1001,40%,Contoso Fleet Analytics',
    'Data estate,Adatum Corporation,929348951,-5,EUR,2027-04-30,CRM-1002,Qualified,Azure; Microsoft Fabric',
  ].join('\n');
  await page.getByLabel('Import file').setInputFiles({ name: 'crm.csv', mimeType: 'text/csv', buffer: Buffer.from(bad) });
  const problems = page.getByRole('table', { name: 'Problems' });
  await expect(problems).toBeVisible();
  await expect(problems.getByRole('row').nth(1)).toContainText('3');
  await expect(problems.getByRole('row').nth(1)).toContainText('Value');
  await expect(page.getByRole('status').filter({ hasText: 'Nothing was imported' })).toHaveText(/^1 problem found\. Nothing was imported/);
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
  expect(lines[0]).toBe('Referral ID,Engagement ID,Deal name,Customer name,DUNS,Customer address,Customer city,Customer postal code,Country,Location,Status,Substatus,Deal type,Sales stage,Value,Currency,Estimated close date,CRM ID,Marketing campaign ID,Notes,Team,Solutions,Created,Updated,eTag');
  expect(lines.length - 1).toBe(shown);
  expect(lines.slice(1).every((l) => l.includes(customer))).toBe(true);

  const [jsonDownload] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export JSON' }).click()]);
  const json = JSON.parse(readFileSync(await jsonDownload.path(), 'utf8'));
  expect(json).toHaveLength(shown);
  expect(json[0]).toHaveProperty('eTag');
  expect(json[0]).toHaveProperty('customerProfile');

  // The export re-imports as it is: every deal matched by its ID, nothing to change.
  await page.goto('/import');
  await page.getByLabel('Import file').setInputFiles({ name: 'deals.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await expect(page.getByRole('status').filter({ hasText: `All ${shown} deals in the file are as they are in Co-sell` })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Import', exact: true })).toBeDisabled();

  // Renamed in the JSON, the worked deals update in place through the deal page's rules.
  const open = json.filter((r: { substatus: string }) => r.substatus === 'Accepted');
  expect(open.length).toBeGreaterThan(0);
  const renamed = open.map((r: { name: string }) => ({ ...r, name: `${r.name} (renewal)` }));
  await page.getByLabel('Import file').setInputFiles({ name: 'deals.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(renamed)) });
  await expect(page.getByRole('status').filter({ hasText: `Ready: 0 deals to create and ${open.length} to update` })).toBeVisible();
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: `${open.length} updated` })).toBeVisible();

  // The old export is now stale: its eTags no longer match.
  await page.getByLabel('Import file').setInputFiles({ name: 'deals.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(renamed)) });
  await expect(page.getByRole('table', { name: 'Problems' }).getByRole('cell', { name: 'eTag', exact: true }).first()).toBeVisible();
});

test('a file cannot set what the rules own: a won status or a Co-sell type is a row problem, in words', async ({ app, page }) => {
  await app.open('/import');
  const file = [
    'Deal name,Customer name,Value,Currency,Estimated close date,Solutions,Status,Substatus,Deal type',
    'Closed already,Tailspin Toys,100,EUR,2027-03-31,Azure,Closed,Won,Private',
    'Ask Microsoft,Tailspin Toys,100,EUR,2027-03-31,Azure,,,Co-sell',
    'Ambiguous,Adatum Corporation,100,EUR,2027-03-31,Azure,,,Partner-led',
  ].join('\n');
  await page.getByLabel('Import file').setInputFiles({ name: 'rules.csv', mimeType: 'text/csv', buffer: Buffer.from(file) });
  const problems = page.getByRole('table', { name: 'Problems' });
  await expect(problems.getByRole('row').filter({ hasText: 'Status' })).toContainText('A new deal starts as Active (Accepted)');
  await expect(problems.getByRole('row').filter({ hasText: 'Deal type' })).toContainText('use Invite Microsoft on its page');
  await expect(problems.getByRole('row').filter({ hasText: 'DUNS' })).toContainText('3 customers in the directory have this name');
  await expect(page.getByRole('button', { name: 'Import', exact: true })).toBeDisabled();
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
