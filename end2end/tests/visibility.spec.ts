import { test, expect } from './fixtures/app';

/** SPEC §1, applied to the stored referrals by the test itself. */
function visibleTo(user: { org: string; scope: string[] | 'global'; teamEmail?: string }, r: any): boolean {
  if (r.organizationId !== user.org) return false;
  if (user.scope !== 'global' && !user.scope.includes(r.location)) return false;
  if (user.teamEmail) return (r.team ?? []).some((m: any) => m.email.toLowerCase() === user.teamEmail);
  return true;
}

async function shownIds(app: any): Promise<string[]> {
  const ids: string[] = [];
  for (const tab of ['Inbound', 'Outbound'] as const) {
    await app.openTab(tab);
    ids.push(...(await app.dealIds()));
  }
  return ids.sort();
}

test('switching the signed-in user changes what the tabs show, per the visibility rule', async ({ app, page }) => {
  await app.open('/?demo=64');
  const stored = await app.storedReferrals();

  const admin = stored.filter((r) => visibleTo({ org: 'contoso', scope: 'global' }, r)).map((r) => r.id).sort();
  expect(await shownIds(app)).toEqual(admin);

  await app.signInAs('Contoso Germany Seller');
  const seller = stored
    .filter((r) => visibleTo({ org: 'contoso', scope: ['contoso-munich'], teamEmail: 'de.seller@contoso.example' }, r))
    .map((r) => r.id)
    .sort();
  expect(seller.length).toBeGreaterThan(0);
  expect(seller.length).toBeLessThan(stored.filter((r) => r.location === 'contoso-munich').length);
  // The demo has Seattle deals with this seller on the team; scope still hides them.
  expect(stored.some((r) => r.location === 'contoso-seattle' && r.team.some((m: any) => m.email === 'de.seller@contoso.example'))).toBe(true);
  expect(await shownIds(app)).toEqual(seller);

  // A deal of another scope cannot be opened by URL either.
  const seattle = stored.find((r) => r.location === 'contoso-seattle')!;
  await page.goto(`/deals/${seattle.id}`);
  await expect(page.getByRole('heading', { level: 1, name: 'Deal not found' })).toBeVisible();

  await app.signInAs('Contoso Germany Admin');
  const scopedAdmin = stored.filter((r) => visibleTo({ org: 'contoso', scope: ['contoso-munich'] }, r)).map((r) => r.id).sort();
  await page.goto('/');
  expect(await shownIds(app)).toEqual(scopedAdmin);

  await app.signInAs('Microsoft Seller');
  const microsoft = stored.filter((r) => r.organizationId === 'msft').map((r) => r.id).sort();
  expect(await shownIds(app)).toEqual(microsoft);
});

test('the signed-in user is remembered across a reload', async ({ app, page }) => {
  await app.open('/?demo=16');
  await app.signInAs('Fabrikam Admin');
  await page.reload();
  await expect(app.signedInAs.locator('option:checked')).toHaveText('Fabrikam Admin');
  await expect(page.getByText('Fabrikam Inc · Referral admin')).toBeVisible();
});
