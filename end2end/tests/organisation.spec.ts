// Organisation administration (issue #9): users, roles and location scopes, locations and
// solutions, as a partner's MPN partner admin runs them; My profile for everyone.
import { test, expect, type CoSell } from './fixtures/app';
import { createDeal, createMicrosoftReferral, fact } from './fixtures/deals';

async function openOrganisation(app: CoSell) {
  await app.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Organisation' }).click();
  await expect(app.page.getByRole('heading', { level: 1, name: 'Organisation' })).toBeVisible();
}

function section(app: CoSell, name: 'Users' | 'Locations' | 'Solutions') {
  return app.page.getByRole('region', { name });
}

test('the partner admin gives the Munich seller Seattle too, and the seller sees the Seattle deals they are on the team of, in an open tab too', async ({ app, page, context }) => {
  await app.open('/?demo=64');
  const stored = await app.storedReferrals();
  const onTeam = (r: any) => r.organizationId === 'contoso' && r.team.some((m: any) => m.email === 'de.seller@contoso.example');
  const munich = stored.filter((r) => onTeam(r) && r.location === 'contoso-munich');
  const both = stored.filter((r) => onTeam(r) && ['contoso-munich', 'contoso-seattle'].includes(r.location));
  expect(both.length).toBeGreaterThan(munich.length);

  // The seller's own tab, open while the admin changes the scope.
  const seller = await context.newPage();
  await seller.goto('/');
  await seller.getByRole('combobox', { name: 'Signed in as' }).selectOption({ label: 'Contoso Germany Seller' });
  const count = async () => {
    let n = 0;
    for (const name of ['Inbound', 'Outbound']) n += Number(((await seller.getByRole('tab', { name: new RegExp(`^${name}`) }).textContent()) ?? '').replace(/\D+/g, ''));
    return n;
  };
  await expect.poll(count).toBe(munich.length);

  await openOrganisation(app);
  await section(app, 'Users').getByRole('button', { name: 'Edit Contoso Germany Seller' }).click();
  const dialog = page.getByRole('dialog', { name: 'Edit user' });
  await expect(dialog.getByLabel('Display name')).toHaveValue('Contoso Germany Seller');
  await expect(dialog.getByLabel('Role')).toHaveValue('ReferralUser');
  const scope = dialog.getByRole('group', { name: 'Location scope' });
  await expect(scope.getByLabel('Munich, Germany')).toBeChecked();
  await scope.getByLabel('Seattle, United States').check();
  await dialog.getByRole('button', { name: 'Confirm' }).click();
  await expect(dialog).toBeHidden();
  await expect(section(app, 'Users').getByRole('row', { name: /Contoso Germany Seller/ })).toContainText('Munich, Germany; Seattle, United States');
  await expect(page.getByRole('region', { name: 'Changes' })).toContainText('Location scope: Munich, Germany → Munich, Germany; Seattle, United States');

  // The other tab follows at once, without a reload.
  await expect.poll(count).toBe(both.length);
  await seller.close();
  // And so does this one, after a reload too.
  await app.open('/');
  await app.signInAs('Contoso Germany Seller');
  await app.openTab('Outbound');
  const seattle = both.find((r) => r.location === 'contoso-seattle' && r.direction === 'Outgoing')!;
  await expect(app.row(seattle.name).first()).toBeVisible();
});

test('a deactivated user leaves Signed in as and gets no email; their deals without a team are listed for reassignment', async ({ app, page }) => {
  await app.open('/?demo=32');
  await openOrganisation(app);
  await section(app, 'Users').getByRole('button', { name: 'Deactivate Contoso Germany Admin' }).click();
  const confirm = page.getByRole('dialog', { name: 'Deactivate user' });
  await expect(confirm).toContainText('can no longer sign in');
  await confirm.getByRole('button', { name: 'Confirm' }).click();
  await expect(confirm).toBeHidden();
  await expect(section(app, 'Users').getByRole('row', { name: /Contoso Germany Admin/ })).toContainText('Deactivated');
  await expect(app.signedInAs.getByRole('option', { name: 'Contoso Germany Admin' })).toHaveCount(0);
  await expect(app.signedInAs.getByRole('option', { name: 'Contoso Germany Seller' })).toHaveCount(1);

  // A new Munich referral: the global admin is emailed, the deactivated Munich admin is not.
  await app.signInAs('Microsoft Seller');
  await createMicrosoftReferral(page, 'Referral after the deactivation');

  await app.signInAs('Contoso Admin');
  await page.getByRole('link', { name: 'Email outbox' }).click();
  const emails = page.getByRole('row').filter({ hasText: 'Referral after the deactivation' });
  await expect(emails.getByRole('cell', { name: 'admin@contoso.example', exact: true })).toHaveCount(1);
  await expect(emails.getByRole('cell', { name: 'de.admin@contoso.example', exact: true })).toHaveCount(0);

  // The seller's deals whose only team member they are, once the seller is deactivated too.
  const stored = await app.storedReferrals();
  const gone = ['de.seller@contoso.example', 'de.admin@contoso.example'];
  const lonely = stored.filter((r) => r.organizationId === 'contoso' && ['Accepted', 'Received', 'Pending'].includes(r.substatus) && r.team.length > 0 && r.team.every((m: any) => gone.includes(m.email)));
  expect(lonely.length).toBeGreaterThan(0);
  await openOrganisation(app);
  await section(app, 'Users').getByRole('button', { name: 'Deactivate Contoso Germany Seller' }).click();
  await page.getByRole('dialog', { name: 'Deactivate user' }).getByRole('button', { name: 'Confirm' }).click();
  const reassign = page.getByRole('region', { name: 'Deals to reassign' });
  await expect(reassign.getByRole('link')).toHaveCount(lonely.length);
  await expect(reassign.getByRole('link', { name: lonely[0].name }).first()).toBeVisible();
  // Reactivated, the list is gone and the seller can sign in again.
  await section(app, 'Users').getByRole('button', { name: 'Reactivate Contoso Germany Seller' }).click();
  const adminOnly = lonely.filter((r) => r.team.every((m: any) => m.email === 'de.admin@contoso.example'));
  await expect(reassign.getByRole('link')).toHaveCount(adminOnly.length);
  await expect(app.signedInAs.getByRole('option', { name: 'Contoso Germany Seller' })).toHaveCount(1);
});

test('a referral admin reads the organisation but cannot open the user editor; the last partner admin keeps the role', async ({ app, page }) => {
  await app.open('/');
  await app.signInAs('Contoso Germany Admin');
  await openOrganisation(app);
  await expect(page.getByRole('note')).toContainText('your organisation\'s MPN partner admin changes it');
  await expect(section(app, 'Users').getByRole('row', { name: /Contoso Germany Seller/ })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Add user' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: /^Edit / })).toHaveCount(0);
  await expect(page.getByRole('button', { name: /^Deactivate / })).toHaveCount(0);

  // A referral user has no Organisation link, and the page says who it is for.
  await app.signInAs('Contoso Germany Seller');
  await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Organisation' })).toHaveCount(0);
  await expect(page.getByText('The organisation\'s set-up is open to MPN partner admins and referral admins.')).toBeVisible();

  // The only MPN partner admin cannot give up the role: refused, nothing saved.
  await app.signInAs('Contoso Admin');
  await openOrganisation(app);
  await section(app, 'Users').getByRole('button', { name: 'Edit Contoso Admin' }).click();
  const dialog = page.getByRole('dialog', { name: 'Edit user' });
  await dialog.getByLabel('Role').selectOption({ label: 'Referral admin' });
  await dialog.getByRole('button', { name: 'Confirm' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'at least one active MPN partner admin' })).toBeVisible();
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(section(app, 'Users').getByRole('row', { name: /Contoso Admin/ }).first()).toContainText('MPN partner admin + Referral admin');

  // A new user with a taken email gets the message at the field, and nothing is added.
  await page.getByRole('button', { name: 'Add user' }).click();
  const add = page.getByRole('dialog', { name: 'Add user' });
  await add.getByLabel('Display name').fill('Second Seller');
  await add.getByRole('textbox', { name: 'Email', exact: true }).fill('de.seller@contoso.example');
  await add.getByRole('group', { name: 'Location scope' }).getByLabel('Munich, Germany').check();
  await add.getByRole('button', { name: 'Confirm' }).click();
  await expect(add.getByRole('textbox', { name: 'Email', exact: true })).toHaveAttribute('aria-invalid', 'true');
  await expect(add).toContainText('Another user has this email address.');
  await add.getByRole('textbox', { name: 'Email', exact: true }).fill('second.seller@contoso.example');
  await add.getByRole('button', { name: 'Confirm' }).click();
  await expect(add).toBeHidden();
  await expect(app.signedInAs.getByRole('option', { name: 'Second Seller' })).toHaveCount(1);
});

test('a new solution appears in the wizard, and marked Azure IP co-sell eligible it makes a won Partner-led deal eligible for registration', async ({ app, page }) => {
  await app.open('/');
  await openOrganisation(app);
  await page.getByRole('button', { name: 'Add solution' }).click();
  const dialog = page.getByRole('dialog', { name: 'Add solution' });
  await dialog.getByLabel('Solution name').fill('Contoso Insight Hub');
  await dialog.getByRole('button', { name: 'Confirm' }).click();
  await expect(dialog).toBeHidden();
  await expect(section(app, 'Solutions').getByRole('row', { name: /Contoso Insight Hub/ })).toContainText('Co-sell ready');

  // Co-sell ready: a won Partner-led deal with it is not eligible.
  await createDeal(page, { name: 'Insight Hub, co-sell ready', solution: 'Contoso Insight Hub', view: 'Yes' });
  await expect(page.getByRole('region', { name: 'Deal registration eligibility' })).toContainText('Not met: At least one solution is incentive-eligible');

  await openOrganisation(app);
  await section(app, 'Solutions').getByRole('button', { name: 'Edit Contoso Insight Hub' }).click();
  const edit = page.getByRole('dialog', { name: 'Edit solution' });
  await edit.getByLabel('Co-sell status').selectOption({ label: 'Azure IP co-sell eligible (Azure IP co-sell)' });
  await edit.getByRole('button', { name: 'Confirm' }).click();
  await expect(edit).toBeHidden();
  await expect(section(app, 'Solutions').getByRole('row', { name: /Contoso Insight Hub/ })).toContainText('Azure IP co-sell eligible');

  await createDeal(page, { name: 'Insight Hub, Azure IP', solution: 'Contoso Insight Hub', view: 'Yes' });
  await expect(fact(page, 'Deal type')).toHaveText('Partner-led');
  await page.getByRole('group', { name: 'Actions' }).getByRole('button', { name: 'Mark as won' }).click();
  await page.getByRole('dialog', { name: 'Mark as won' }).getByRole('button', { name: 'Confirm' }).click();
  await expect(fact(page, 'Status')).toHaveText('Won');
  await expect(page.getByRole('region', { name: 'Deal registration eligibility' })).not.toContainText('Not met');
  await expect(page.getByRole('group', { name: 'Actions' }).getByRole('button', { name: 'Register now' })).toBeVisible();
});

test('My profile: the language of emails and email notifications are saved; the deals on the team are listed', async ({ app, page }) => {
  await app.open('/?demo=16');
  await app.signInAs('Contoso Germany Seller');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'My profile' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'My profile' })).toBeVisible();
  const deals = page.getByRole('region', { name: 'Deals I am on the team of' }).getByRole('link');
  expect(await deals.count()).toBeGreaterThan(0);
  await expect(page.getByLabel('Language of emails')).toHaveValue('de');
  await page.getByLabel('Language of emails').selectOption({ label: 'English' });
  await page.getByLabel('Email me about my deals').uncheck();
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Your profile was saved.' })).toBeVisible();
  await page.reload();
  await expect(page.getByLabel('Language of emails')).toHaveValue('en');
  await expect(page.getByLabel('Email me about my deals')).not.toBeChecked();
});
