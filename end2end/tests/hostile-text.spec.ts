// Hostile text where people type (#27): script tags, event handlers, javascript: URLs, SVG,
// CSS url(), template syntax, bidi overrides, zero-width and right-to-left characters, and
// SQL. Each is typed into the wizard, a shared note and the URL, and must come back as the
// same text: no dialog opens, no script runs, the strict CSP reports nothing, and no request
// leaves the app's origin.
import { test, expect } from './fixtures/app';
import type { Page } from '@playwright/test';
import { createDeal } from './fixtures/deals';

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
