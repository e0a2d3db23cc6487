// The app runs under the strict Content-Security-Policy, with no inline script or style and
// no eval: every main page is opened and the browser reports no violation.
import { test, expect } from './fixtures/app';
import { CONTENT_SECURITY_POLICY } from '../tools/csp.mjs';

test('every main page works under the strict CSP and no violation is reported', async ({ app, page }) => {
  await page.addInitScript(() => {
    (window as any).__violations = [];
    document.addEventListener('securitypolicyviolation', (e) => (window as any).__violations.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  const response = await page.goto('/?demo=24');
  expect(response?.headers()['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
  expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self' 'wasm-unsafe-eval'");
  expect(CONTENT_SECURITY_POLICY).not.toContain('unsafe-inline');
  await expect(app.signedInAs).toBeVisible();
  await expect.poll(() => app.tabCount('Inbound')).toBeGreaterThan(0);

  for (const name of ['Forecast', 'Email outbox', 'Settings', 'Deals'] as const) {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name, exact: true }).click();
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  }
  await app.dealRows.first().getByRole('link').click();
  await expect(page.getByRole('group', { name: 'Actions' })).toBeVisible();
  await page.goto('/deals/new');
  await expect(page.getByRole('heading', { level: 1, name: 'New deal' })).toBeVisible();
  expect(await page.evaluate(() => (window as any).__violations)).toEqual([]);
});
