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

test('hostile messages from the host: an unknown user, markup and unsafe theme values are ignored, nothing runs and nothing is fetched', async ({ app, page }) => {
  const outside: string[] = [];
  const dialogs: string[] = [];
  page.on('request', (r) => {
    if (!/^http:\/\/((cosell\.)?intranet\.localhost|127\.0\.0\.1):8090\//.test(r.url()) && !r.url().startsWith('data:')) outside.push(r.url());
  });
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  await page.addInitScript(() => {
    (window as any).__violations = [];
    document.addEventListener('securitypolicyviolation', (e) => (window as any).__violations.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  await page.goto(host);
  const cosell = page.getByTitle('Co-sell').contentFrame();
  await expect(cosell.getByText(/^Signed in as Contoso Germany Seller · Contoso Ltd/)).toBeVisible();

  // Sent from the intranet's own page, the one origin embed.json allows.
  await page.evaluate(() => {
    const frame = document.getElementById('cosell') as HTMLIFrameElement;
    const to = new URL(frame.src).origin;
    const post = (m: unknown) => frame.contentWindow!.postMessage(m, to);
    post({ type: 'cosell:init', user: '<img src=x onerror="window.__ran=1;alert(1)">' });
    post({ type: 'cosell:init', user: { toString: 'msft-seller' } });
    post({ type: '<script>alert(1)</script>', user: 'msft-seller' });
    post({
      type: 'cosell:init',
      theme: {
        '--cs-accent': 'url(https://evil.example/a.png)',
        '--cs-accent-soft': 'image-set("https://evil.example/b.png" 1x)',
        '--cs-accent-hover': 'red; background: url(https://evil.example/c.png)',
        '--cs-focus': '\\75 rl(https://evil.example/d.png)',
        '--cs-bg': '}</style><script>alert(1)</script>',
        'background-image': 'url(https://evil.example/e.png)',
        '--cs-font': 'Georgia, serif',
      },
    });
    post('<svg onload=alert(1)>');
    post(null);
  });
  // The one plain value is applied, so the messages were read; the rest was dropped.
  const property = (name: string) => cosell.locator('html').evaluate((html, n) => getComputedStyle(html).getPropertyValue(n).trim(), name);
  await expect.poll(() => property('--cs-font')).toBe('Georgia, serif');
  expect(await property('--cs-accent')).toBe('#0f6b4f');
  expect(await property('--cs-accent-soft')).not.toContain('evil');
  expect(await property('--cs-bg')).not.toContain('script');
  await expect(cosell.getByText(/^Signed in as Contoso Germany Seller · Contoso Ltd/)).toBeVisible();
  // The deal list and its lifecycle steps (which paint with the accent) still render.
  await createDeal(cosell, { name: 'After hostile messages', solution: 'Contoso Migration Services', view: 'No' });

  expect(dialogs, 'no dialog opened').toEqual([]);
  expect(outside, 'no request left the two origins').toEqual([]);
  expect(await cosell.locator('html').evaluate(() => (window as any).__violations), 'no CSP violation in the app').toEqual([]);
  expect(await cosell.locator('html').evaluate(() => (window as any).__ran), 'no payload ran').toBeUndefined();
});

test('when the module that listens to the host cannot be fetched, the embedded app says so and the list works', async ({ app, page }) => {
  await page.route(/\/(split|chunk)_[^/]+\.wasm$/, (route) => route.abort('internetdisconnected'));
  await page.goto(host);
  const cosell = page.getByTitle('Co-sell').contentFrame();
  await expect(cosell.getByRole('alert')).toContainText('Co-sell could not fetch this part of the app.');
  await expect(cosell.getByRole('heading', { level: 1, name: 'Deals' })).toBeVisible();
  // Nothing was announced to the host, and its user was not applied.
  await expect(page.getByRole('list', { name: 'Events from Co-sell' }).getByRole('listitem')).toHaveCount(0);
  await expect(cosell.getByText(/^Signed in as Contoso Admin/)).toBeVisible();
});
