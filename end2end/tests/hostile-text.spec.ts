// Hostile text where people type (#27): script tags, event handlers, javascript: URLs, SVG,
// CSS url(), template syntax, bidi overrides, zero-width and right-to-left characters, and
// SQL. Each is typed into the wizard, a shared note and the URL, and must come back as the
// same text: no dialog opens, no script runs, the strict CSP reports nothing, and no request
// leaves the app's origin.
import { test, expect } from './fixtures/app';
import type { Page } from '@playwright/test';
import { createDeal } from './fixtures/deals';

/** A CSV cell holding `text` as it is (RFC 4180 quoting). */
const cell = (text: string) => `"${text.replace(/"/g, '""')}"`;

const PAYLOADS = [
  '<script>window.__ran=1;alert(1)</script>',
  '<img src=x onerror="window.__ran=1;alert(1)">',
  '"><svg onload="window.__ran=1;alert(1)">',
  'javascript:window.__ran=1;alert(1)',
  '<a href="javascript:alert(1)">click me</a>',
  '<style>body{background:url(https://evil.example/x.png)}</style>',
  '{{constructor.constructor("window.__ran=1")()}}',
  '\u202eevil.exe\u202c deal \u200b\u200d\u2060 with zero-width',
  'صفقة تجريبية RTL deal',
  "Robert'); DROP TABLE referrals;--",
];

/** Records what must never happen while `page` is used. */
async function guard(page: Page, origin: string) {
  const dialogs: string[] = [];
  const outside: string[] = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  page.on('request', (r) => {
    const url = r.url();
    if (!url.startsWith(origin) && !url.startsWith('data:') && !url.startsWith('blob:')) outside.push(url);
  });
  await page.addInitScript(() => {
    (window as any).__violations = [];
    document.addEventListener('securitypolicyviolation', (e) => (window as any).__violations.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  return async () => {
    expect(dialogs, 'no dialog opened').toEqual([]);
    expect(outside, 'no request left the origin').toEqual([]);
    expect(await page.evaluate(() => (window as any).__violations), 'no CSP violation').toEqual([]);
    expect(await page.evaluate(() => (window as any).__ran), 'no payload ran').toBeUndefined();
  };
}

test('hostile deal names are shown as the text typed, in the list and on the deal page, and nothing runs', async ({ app, page, baseURL }) => {
  test.setTimeout(120_000);
  const nothingRan = await guard(page, baseURL ?? '');
  await app.open('/');
  for (const name of PAYLOADS.slice(0, 5)) {
    await createDeal(page, { name, solution: 'Contoso Fleet Analytics', view: 'No' });
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(name);
  }
  await page.goto('/outbound');
  for (const name of PAYLOADS.slice(0, 5)) {
    await expect(app.row(name)).toHaveCount(1);
  }
  await nothingRan();
});

test('more hostile names and shared notes come back as text after a reload', async ({ app, page, baseURL }) => {
  test.setTimeout(120_000);
  const nothingRan = await guard(page, baseURL ?? '');
  await app.open('/');
  for (const name of PAYLOADS.slice(5)) {
    await createDeal(page, { name, solution: 'Contoso Fleet Analytics', view: 'No' });
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(name);
  }
  const notes = page.getByRole('region', { name: 'Shared notes' });
  for (const text of PAYLOADS) {
    await notes.getByRole('button', { name: 'Add shared note' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add shared note' });
    await dialog.getByLabel('Shared note').fill(text);
    await dialog.getByRole('button', { name: 'Confirm' }).click();
    await expect(dialog).toBeHidden();
  }
  await page.reload();
  await expect(notes.getByRole('listitem')).toHaveCount(PAYLOADS.length);
  for (const text of PAYLOADS) {
    await expect(notes.getByRole('listitem').filter({ hasText: text })).toHaveCount(1);
  }
  await nothingRan();
});

test('hostile text in the address is shown as text or ignored', async ({ app, page, baseURL }) => {
  const nothingRan = await guard(page, baseURL ?? '');
  await app.open('/');
  for (const payload of PAYLOADS.slice(0, 4)) {
    // Dots encoded too: a path with a file extension is the static host's 404, not a route.
    await page.goto(`/deals/${encodeURIComponent(payload).replace(/\./g, '%2E')}`);
    await expect(page.getByRole('heading', { level: 1, name: 'Deal not found' })).toBeVisible();
    await page.goto(`/?q=${encodeURIComponent(payload)}&now=${encodeURIComponent(payload)}`);
    await expect(app.signedInAs).toBeVisible();
  }
  await nothingRan();
});

test('hostile cells of an import file come back as text in the problem report and in the list', async ({ app, page, baseURL }) => {
  test.setTimeout(120_000);
  const nothingRan = await guard(page, baseURL ?? '');
  await app.open('/');
  const header = 'Deal name,Customer name,DUNS,Value,Currency,Estimated close date,CRM ID,Solutions,Notes';
  const row = (name: string, value: string, i: number) =>
    [cell(name), 'Tailspin Toys', '', cell(value), 'USD', '2027-06-30', cell(`HOSTILE-${i}`), 'Contoso Fleet Analytics', cell(PAYLOADS[(i + 3) % PAYLOADS.length])].join(',');
  await page.getByRole('link', { name: 'Import', exact: true }).click();

  // A hostile value where a number belongs: reported at its row and column, nothing imported.
  const bad = [header, ...PAYLOADS.map((p, i) => row(p, i === 1 ? PAYLOADS[1] : '1000', i))].join('\n');
  await page.getByLabel('Import file').setInputFiles({ name: 'hostile.csv', mimeType: 'text/csv', buffer: Buffer.from(bad) });
  const problems = page.getByRole('table', { name: 'Problems' });
  await expect(problems.getByRole('row').filter({ hasText: 'Value' })).toContainText('3');
  await expect(page.getByRole('status').filter({ hasText: 'Nothing was imported' })).toBeVisible();

  // The same names with clean values: every one is created and listed as the text it is.
  const good = [header, ...PAYLOADS.map((p, i) => row(p, '1000', i))].join('\n');
  await page.getByLabel('Import file').setInputFiles({ name: 'hostile.csv', mimeType: 'text/csv', buffer: Buffer.from(good) });
  await expect(page.getByRole('status').filter({ hasText: `Ready: ${PAYLOADS.length} deals to create` })).toBeVisible();
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: `${PAYLOADS.length} deals created` })).toBeVisible();
  await page.goto('/outbound');
  for (const name of PAYLOADS) await expect(app.row(name)).toHaveCount(1);
  await nothingRan();
});

test('hostile names in the organisation editors are shown as text, in the editors, the user switcher and the wizard', async ({ app, page, baseURL }) => {
  const nothingRan = await guard(page, baseURL ?? '');
  await app.open('/');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Organisation' }).click();
  const users = page.getByRole('region', { name: 'Users' });
  const solutions = page.getByRole('region', { name: 'Solutions' });
  for (const [i, name] of PAYLOADS.slice(0, 4).entries()) {
    await page.getByRole('button', { name: 'Add user' }).click();
    const add = page.getByRole('dialog', { name: 'Add user' });
    await add.getByLabel('Display name').fill(name);
    await add.getByRole('textbox', { name: 'Email', exact: true }).fill(`hostile${i}@contoso.example`);
    await add.getByRole('group', { name: 'Location scope' }).getByLabel('Munich, Germany').check();
    await add.getByRole('button', { name: 'Confirm' }).click();
    await expect(add).toBeHidden();
    await expect(users.getByRole('rowheader', { name, exact: true })).toHaveCount(1);
    await expect(app.signedInAs.getByRole('option', { name, exact: true })).toHaveCount(1);

    await page.getByRole('button', { name: 'Add solution' }).click();
    const solution = page.getByRole('dialog', { name: 'Add solution' });
    await solution.getByLabel('Solution name').fill(`${name} ${i}`);
    await solution.getByRole('button', { name: 'Confirm' }).click();
    await expect(solution).toBeHidden();
    await expect(solutions.getByRole('rowheader', { name: `${name} ${i}`, exact: true })).toHaveCount(1);
  }
  // A deal with a hostile solution: its page names the solution as text.
  await createDeal(page, { name: 'Hostile solution deal', solution: `${PAYLOADS[0]} 0`, view: 'No' });
  await expect(page.getByRole('main')).toContainText(`${PAYLOADS[0]} 0`);
  await nothingRan();
});

test('a name of 2,000 characters without a space wraps: no page scrolls sideways, and the full name is there', async ({ app, page }) => {
  const name = 'W'.repeat(2000);
  await app.open('/');
  await createDeal(page, { name, solution: 'Contoso Fleet Analytics', view: 'No' });
  const sideways = () => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(name);
  expect(await sideways(), 'the deal page does not scroll sideways').toBeLessThanOrEqual(0);
  await page.goto('/outbound');
  await expect(app.row(name)).toHaveCount(1);
  expect(await sideways(), 'the list does not scroll sideways').toBeLessThanOrEqual(0);
  // The list shows three lines of it; the link's name and tooltip are the whole name.
  const link = app.row(name).getByRole('link', { name, exact: true });
  await expect(link).toHaveAttribute('title', name);
  const lines = await link.evaluate((a) => a.getBoundingClientRect().height / parseFloat(getComputedStyle(a).lineHeight));
  expect(Math.round(lines)).toBe(3);
});

test('a megabyte pasted into the deal name is refused at its field, and the wizard stays usable', async ({ app, page }) => {
  await app.open('/');
  await page.goto('/deals/new');
  await page.getByLabel('Customer location').fill('Munich');
  await page.getByLabel('Customer name').fill('adatum');
  await page.getByRole('button', { name: 'Select the customer' }).first().click();
  await page.getByRole('button', { name: 'Next' }).click();
  const name = page.getByLabel('Deal name');
  await name.fill('<b>x</b>'.repeat(131_072));
  await page.getByLabel('Estimated value').fill('50000');
  await page.getByLabel('Estimated close date').fill(new Date(Date.now() + 45 * 86400_000).toISOString().slice(0, 10));
  await page.getByRole('button', { name: 'Next' }).click();
  await expect(name).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByText('This is too long: at most 2,000 characters.')).toBeVisible();
  await name.fill('A name of a sensible length');
  await page.getByRole('button', { name: 'Next' }).click();
  await expect(name).toBeHidden();
});
