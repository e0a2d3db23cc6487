// The pipeline forecast and responsiveness (issue #6): figures checked against a hand-computed
// pipeline imported from a CRM file.
import { test, expect } from './fixtures/app';
import type { Page } from '@playwright/test';

const NOW = '2027-01-15T09:00:00Z';

// In EUR (reference rates: 1 EUR = 1.08 USD):
//   Fleet rollout   100,000 EUR   Developed 40 %  Feb 2027  → 40,000.00 weighted
//   Data estate      50,000 USD   Proposed  60 %  Mar 2027  → 46,296.30, 27,777.78 weighted
//   Field kit        10,000 EUR   Qualified 20 %  May 2027  →  2,000.00 weighted
//   Open question         0 EUR   Qualified 20 %  Apr 2027  → no value reported
// Total 156,296 (weighted 69,778); Q1 2027 (Feb and Mar) 146,296 (weighted 67,778).
const file = [
  'Deal name,Customer name,DUNS,Value,Currency,Estimated close date,CRM ID,Sales stage,Solutions',
  'Fleet rollout,Tailspin Toys,,100000,EUR,2027-02-28,CRM-1,Developed,Contoso Fleet Analytics',
  'Data estate,Adatum Corporation,929348951,50000,USD,2027-03-15,CRM-2,60%,Azure',
  'Field kit,Tailspin Toys,,10000,EUR,2027-05-10,CRM-3,Qualified,Contoso Field Service Kit',
  'Open question,Tailspin Toys,,0,EUR,2027-04-01,CRM-4,Qualified,Azure',
].join('\n');

async function importPipeline(page: Page) {
  await page.getByLabel('Import file').setInputFiles({ name: 'crm.csv', mimeType: 'text/csv', buffer: Buffer.from(file) });
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: '4 deals created' })).toBeVisible();
}

function figure(page: Page, term: string) {
  return page.getByRole('definition').filter({ has: page.locator('xpath=preceding-sibling::dt[1]', { hasText: term }) });
}

test('the forecast by stage and month matches a hand-computed pipeline, in the chosen currency', async ({ app, page }) => {
  await app.open(`/import?now=${NOW}`);
  await importPipeline(page);

  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Forecast' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Pipeline forecast' })).toBeFocused();
  const currency = page.getByLabel('Reporting currency');
  await expect(currency).toHaveValue('EUR');
  await expect(figure(page, 'Open pipeline')).toHaveText('EUR 156,296');
  await expect(figure(page, 'Weighted forecast')).toHaveText('EUR 69,778');
  await expect(figure(page, 'Likely to close in Q1 2027')).toHaveText('EUR 67,778 weighted of EUR 146,296, 2 deals');

  // The chart's bars carry their numbers; the table repeats them.
  const chart = page.getByRole('group', { name: 'Weighted pipeline by sales stage' });
  await expect(chart.getByRole('button')).toHaveCount(3);
  await expect(chart.getByRole('button', { name: 'Qualified: EUR 2,000 weighted of EUR 10,000, 2 deals' })).toBeVisible();
  const table = page.getByRole('table', { name: 'Open deals by sales stage' });
  await expect(table.getByRole('columnheader', { name: 'Weighted (EUR)' })).toBeVisible();
  await expect(table.getByRole('row', { name: /Developed/ })).toContainText('40,000');
  await expect(table.getByRole('row', { name: /Proposed/ })).toContainText('27,778');

  // A bar lists its deals; pressing it again closes the list.
  const developed = chart.getByRole('button', { name: /^Developed:/ });
  await developed.click();
  await expect(developed).toHaveAttribute('aria-pressed', 'true');
  const list = page.getByRole('table', { name: 'Deals at Developed' });
  await expect(list.getByRole('link')).toHaveText(['Fleet rollout']);
  await developed.press('Enter');
  await expect(list).toHaveCount(0);

  // By close month, and with the keyboard.
  await page.getByRole('radio', { name: 'Close month' }).check();
  const months = page.getByRole('group', { name: 'Weighted pipeline by close month' });
  await expect(months.getByRole('button')).toHaveCount(4);
  await months.getByRole('button', { name: /^Mar 2027:/ }).focus();
  await page.keyboard.press(' ');
  await expect(page.getByRole('table', { name: 'Deals closing in Mar 2027' }).getByRole('link')).toHaveText(['Data estate']);

  // This quarter's deals, from the summary.
  await page.getByRole('button', { name: /2 deals$/ }).click();
  const quarter = page.getByRole('table', { name: 'Deals likely to close in Q1 2027' }).getByRole('link');
  await expect(quarter).toHaveCount(2);
  expect((await quarter.allTextContents()).sort()).toEqual(['Data estate', 'Fleet rollout']);

  // The same pipeline in US dollars (× 1.08), remembered across a reload.
  await currency.selectOption('USD');
  await expect(figure(page, 'Weighted forecast')).toHaveText('USD 75,360');
  await page.reload();
  await expect(page.getByLabel('Reporting currency')).toHaveValue('USD');
  await expect(figure(page, 'Open pipeline')).toHaveText('USD 168,800');

  // Responsiveness: the deal without a value is named, with a link to it.
  const responsiveness = page.getByRole('region', { name: 'Responsiveness' });
  await expect(figure(page, 'Median time to answer')).toHaveText('No answers yet');
  await expect(responsiveness.getByRole('heading', { name: 'Missing a value (1)' })).toBeVisible();
  await responsiveness.getByRole('link', { name: 'Open question' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Open question' })).toBeVisible();
});

test('deals whose close date has passed are listed; the forecast holds only the deals the user may see', async ({ app, page }) => {
  await app.open(`/import?now=${NOW}`);
  await importPipeline(page);
  // Months later, three of the four close dates have passed (Feb, Mar and Apr 1).
  await page.goto('/forecast?now=2027-04-20T09:00:00Z');
  const responsiveness = page.getByRole('region', { name: 'Responsiveness' });
  const overdue = responsiveness.getByRole('listitem').filter({ has: page.getByRole('link') });
  await expect(responsiveness.getByRole('heading', { name: /^Close date passed.*\(3\)$/ })).toBeVisible();
  await expect(overdue).toHaveCount(4); // three overdue, and the deal without a value
  await expect(figure(page, 'Likely to close in Q2 2027')).toHaveText('EUR 2,000 weighted of EUR 10,000, 2 deals');

  // A referral user sees only the deals they are on the team of: none of these.
  await app.signInAs('Contoso Germany Seller');
  await expect(page.getByText('No open deals to forecast.')).toBeVisible();
  await expect(figure(page, 'Open pipeline')).toHaveText('EUR 0');
});

test('with demo deals the forecast has bars and the answer times of inbound referrals', async ({ app, page }) => {
  await app.open('/forecast?demo=60');
  await expect(page.getByRole('group', { name: 'Weighted pipeline by sales stage' }).getByRole('button').first()).toBeVisible();
  await expect(figure(page, 'Median time to answer')).not.toHaveText('No answers yet');
  await expect(figure(page, 'Expired unanswered')).toHaveText(/^\d+ % \(\d+ of \d+\)$/);
});
