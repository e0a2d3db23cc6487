// Sign-in through the organisation's identity provider (tools/serve-oidc.mjs): the browser
// goes to the provider and back, the server keeps the session, and an identity that is not
// in the directory is told it has no access, with nothing of the exchange shown.
import { test, expect, type Page } from '@playwright/test';

test.use({ baseURL: 'http://127.0.0.1:8096' });

function watch(page: Page): string[] {
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error' && /Content Security Policy|panicked|RuntimeError/i.test(m.text())) problems.push(m.text());
  });
  return problems;
}

async function signInAtProvider(page: Page, email: string) {
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1, name: 'Sign in to Co-sell' })).toBeVisible();
  await expect(page.getByLabel('Sign in as'), 'no demo sign-in on this server').toHaveCount(0);
  await page.getByRole('link', { name: 'Sign in with your organisation' }).click();
  await expect(page.getByRole('heading', { name: 'Test identity provider' })).toBeVisible();
  await page.getByLabel('Email').fill(email);
  await page.getByRole('button', { name: 'Continue' }).click();
}

test('a directory user signs in at the identity provider, works, and signs out', async ({ page, context }) => {
  const problems = watch(page);
  await signInAtProvider(page, 'de.admin@contoso.example');
  await expect(page.getByRole('heading', { level: 1, name: 'Deals' })).toBeVisible();
  await expect(page.getByRole('status', { name: 'Sync' })).toHaveText('Up to date');
  // People are who they signed in as: the header names them, with no user switch.
  await expect(page.getByText('Signed in as Contoso Germany Admin')).toBeVisible();
  await expect(page.getByRole('combobox', { name: 'Signed in as' })).toHaveCount(0);
  // The session is an HttpOnly cookie; no provider token reaches the page.
  const cookies = await context.cookies();
  const session = cookies.find((c) => c.name === 'cosell_session');
  expect(session?.httpOnly).toBe(true);
  expect(session?.sameSite).toBe('Strict');
  const stored = await page.evaluate(() => JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }) + document.cookie);
  expect(stored).not.toContain('eyJ');

  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Sign in to Co-sell' })).toBeVisible();
  const me = await page.request.get('/auth/me');
  expect(me.status(), 'the session ended on the server').toBe(401);
  expect(problems).toEqual([]);
});

test('an identity that is not in the directory is told it has no access, and sees nothing', async ({ page }) => {
  const problems = watch(page);
  await signInAtProvider(page, 'stranger@contoso.example');
  await expect(page.getByRole('alert')).toHaveText(
    "Your account has no access to Co-sell. Ask your organisation's Co-sell admin to add you.",
  );
  await expect(page.getByRole('heading', { level: 1, name: 'Sign in to Co-sell' })).toBeVisible();
  await expect(page.getByRole('heading', { level: 1, name: 'Deals' })).toHaveCount(0);
  expect((await page.request.get('/auth/me')).status()).toBe(401);
  expect(problems).toEqual([]);
});
