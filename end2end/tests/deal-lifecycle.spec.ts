// The deal page as the parties use it (SPEC §6–§8), switching Signed in as between them.
import { test, expect, type CoSell } from './fixtures/app';
import { actions, createDeal, createMicrosoftReferral, fact, openFrom } from './fixtures/deals';

test('a P2P invitation is accepted by one partner and declined by another; the inviter sees both and is told', async ({ app, page }) => {
  await app.open('/');
  await createDeal(page, { name: 'Adatum P2P lifecycle', solution: 'Contoso Fleet Analytics', view: 'No', partners: ['Fabrikam', 'Northwind'] });

  await openFrom(app, 'Fabrikam Admin', 'Inbound', 'Adatum P2P lifecycle');
  await expect(fact(page, 'Status')).toHaveText('Received');
  await expect(page.getByRole('region', { name: 'Contoso Ltd' })).toBeVisible();
  await actions(app).getByRole('button', { name: 'Accept' }).click();
  const accept = page.getByRole('dialog', { name: 'Accept' });
  await accept.getByLabel('Phone').fill('+1 425 555 0100');
  await accept.getByRole('button', { name: 'Confirm' }).click();
  await expect(fact(page, 'Status')).toHaveText('Accepted');
  await expect(page.getByRole('list', { name: 'Deal lifecycle' }).locator('[aria-current="step"]')).toContainText('Accepted');

  await openFrom(app, 'Northwind Admin', 'Inbound', 'Adatum P2P lifecycle');
  await actions(app).getByRole('button', { name: 'Decline' }).click();
  const decline = page.getByRole('dialog', { name: 'Decline' });
  await decline.getByLabel('Reason').selectOption({ label: 'Customer need not met' });
  await decline.getByRole('button', { name: 'Close deal' }).click();
  await expect(fact(page, 'Status')).toHaveText('Declined');
  await expect(actions(app)).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Accept' })).toHaveCount(0);

  await openFrom(app, 'Contoso Admin', 'Outbound', 'Adatum P2P lifecycle');
  await expect(page.getByRole('region', { name: 'Fabrikam Inc' })).toContainText('Accepted');
  await expect(page.getByRole('region', { name: 'Northwind Traders' })).toContainText('Declined');
  const bell = page.getByRole('button', { name: 'Notifications', exact: true });
  await expect(bell).toHaveAccessibleDescription('2 unread notifications');
  await bell.click();
  const panel = page.getByRole('region', { name: 'Notifications' });
  await expect(panel).toContainText('Fabrikam Inc accepted Adatum P2P lifecycle');
  await expect(panel).toContainText('Northwind Traders declined Adatum P2P lifecycle');
  await expect(panel.getByRole('listitem').filter({ hasText: '· unread' })).toHaveCount(2);
  await panel.getByRole('button', { name: 'Mark all as read' }).click();
  await expect(bell).toHaveAccessibleDescription('No unread notifications');
  await expect(panel.getByRole('listitem').filter({ hasText: '· unread' })).toHaveCount(0);

  // The timeline lists every step of the engagement, newest first.
  const timeline = page.getByRole('region', { name: 'Activity' });
  await expect(timeline.getByRole('listitem').filter({ hasText: /^Declined/ })).toHaveCount(1);
  await expect(timeline).toContainText('Accepted');
  await expect(timeline).toContainText('Created');

  // The email outbox has the decline in the sender's organisation, with its reason.
  await page.getByRole('link', { name: 'Email outbox' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Email outbox' })).toBeVisible();
  await expect(page.getByRole('row').filter({ hasText: 'Northwind Traders declined Adatum P2P lifecycle' }).first()).toContainText('Reason: Customer need not met');
});

test('an unanswered invitation expires after 14 days, closes with no actions and tells the sender', async ({ app, page }) => {
  await app.open('/');
  await createDeal(page, { name: 'Adatum expiring', solution: 'Contoso Fleet Analytics', view: 'No', partners: ['Fabrikam'] });
  const later = new Date(Date.now() + 15 * 86400_000).toISOString().slice(0, 19) + 'Z';
  await app.open(`/?now=${later}`);
  await openFrom(app, 'Fabrikam Admin', 'Inbound', 'Adatum expiring');
  await expect(fact(page, 'Status')).toHaveText('Expired');
  await expect(actions(app)).toHaveCount(0);
  await expect(page.getByText('This deal is closed: it is read-only.')).toBeVisible();
  await app.signInAs('Contoso Admin');
  await page.getByRole('button', { name: 'Notifications', exact: true }).click();
  await expect(page.getByRole('region', { name: 'Notifications' })).toContainText('Adatum expiring expired unanswered');
});

test('a Private deal explains why it is not eligible, then upgrades to Partner-led and to Co-sell', async ({ app, page }) => {
  await app.open('/');
  await createDeal(page, { name: 'Adatum upgrades', solution: 'Contoso Fleet Analytics', view: 'No' });
  await expect(fact(page, 'Deal type')).toHaveText('Private');
  const eligibility = page.getByRole('region', { name: 'Deal registration eligibility' });
  await expect(eligibility).toContainText('Not met: Deal type is Co-sell or Partner-led');

  await actions(app).getByRole('button', { name: 'Let Microsoft sellers view this deal' }).click();
  await page.getByRole('dialog', { name: 'Let Microsoft sellers view this deal' }).getByRole('button', { name: 'Confirm' }).click();
  await expect(fact(page, 'Deal type')).toHaveText('Partner-led');
  await expect(page.getByRole('region', { name: 'Deal registration eligibility' })).toContainText('Met: Deal type is Co-sell or Partner-led');

  await actions(app).getByRole('button', { name: 'Invite Microsoft' }).click();
  const invite = page.getByRole('dialog', { name: 'Invite Microsoft' });
  await invite.getByLabel('Identify the type of help you need from Microsoft').selectOption({ label: 'Proof of concept/Demo' });
  await invite.getByLabel('Contact name').fill('Erika Mustermann');
  await invite.getByLabel('Contact phone').fill('+49 89 1234567');
  await invite.getByLabel('Contact email').fill('erika@adatum.example');
  await invite.getByRole('button', { name: 'Confirm' }).click();
  await expect(fact(page, 'Deal type')).toHaveText('Co-sell');
  await expect(fact(page, 'Microsoft status')).toHaveText('Invited, awaiting response');
  await expect(actions(app).getByRole('button', { name: 'Invite Microsoft' })).toHaveCount(0);
});

test('Microsoft\'s co-sell referral is accepted by the partner, which cannot invite partners to it; German users get German email', async ({ app, page }) => {
  await app.open('/');
  await app.signInAs('Microsoft Seller');
  await createMicrosoftReferral(page, 'Adatum from Microsoft');

  await openFrom(app, 'Contoso Admin', 'Inbound', 'Adatum from Microsoft');
  await expect(actions(app).getByRole('button', { name: 'Invite partner' })).toHaveCount(0);
  await actions(app).getByRole('button', { name: 'Accept' }).click();
  const accept = page.getByRole('dialog', { name: 'Accept' });
  await accept.getByLabel('Phone').fill('+1 425 555 0100');
  await accept.getByRole('button', { name: 'Confirm' }).click();
  await expect(fact(page, 'Status')).toHaveText('Accepted');
  await expect(actions(app).getByRole('button', { name: 'Mark Qualified' })).toBeVisible();
  await expect(actions(app).getByRole('button', { name: 'Invite partner' })).toHaveCount(0);

  await page.getByRole('link', { name: 'Email outbox' }).click();
  const german = page.getByRole('row').filter({ hasText: 'Neue Co-Selling-Empfehlung: Adatum from Microsoft' });
  await expect(german.first()).toContainText('Deutsch');
});

test('a solution assessment is won only after every assessment stage is marked', async ({ app, page }) => {
  await app.open('/');
  await createDeal(page, { name: 'Adatum assessment', solution: 'Azure migration assessment', assessment: true, view: 'Yes' });
  const bar = actions(app);
  await expect(bar.getByRole('button', { name: 'Mark as won' })).toHaveCount(0);
  for (const stage of ['Assessment planned', 'Data collected', 'Analysis done', 'Report delivered']) {
    await expect(bar.getByRole('button', { name: 'Mark as won' })).toHaveCount(0);
    await bar.getByRole('button', { name: `Mark ${stage}` }).click();
    await expect(fact(page, 'Sales stage')).toContainText(stage);
  }
  // Not eligible for registration (an assessment), so winning early asks nothing.
  await bar.getByRole('button', { name: 'Mark as won' }).click();
  await expect(fact(page, 'Status')).toHaveText('Won');
  await expect(actions(app)).toHaveCount(0);
  await expect(page.getByRole('region', { name: 'Deal registration eligibility' })).toContainText('Not met: Deal type is Co-sell or Partner-led');
});

test('an eligible Partner-led deal is won, registered, approved by a Microsoft seller and closes', async ({ app, page }) => {
  await app.open('/');
  await createDeal(page, { name: 'Adatum registered', solution: 'Contoso Fleet Analytics', view: 'Yes' });
  await actions(app).getByRole('button', { name: 'Mark as won' }).click();
  const early = page.getByRole('dialog', { name: 'Mark as won' });
  await expect(early).toContainText('less than 72 hours ago');
  await early.getByRole('button', { name: 'Confirm' }).click();
  await expect(fact(page, 'Status')).toHaveText('Won');
  // Winning opens the registration form at once, with its warning; Register later closes it.
  const form = page.getByRole('dialog', { name: 'Register now' });
  await expect(form).toContainText('Register only if your company\'s name and the solution appear in the customer\'s contract');
  await form.getByRole('button', { name: 'Register later' }).click();
  await expect(form).toBeHidden();
  await expect(page.getByRole('region', { name: 'Deal registration eligibility' })).not.toContainText('Not met');

  await actions(app).getByRole('button', { name: 'Register now' }).click();
  await form.getByLabel('Contract end date').fill('');
  await form.getByRole('button', { name: 'Submit registration' }).click();
  await expect(form.getByLabel('Contract end date')).toHaveAttribute('aria-invalid', 'true');
  await form.getByLabel('Evergreen').check();
  await form.getByRole('button', { name: 'Submit registration' }).click();
  await expect(form).toBeHidden();
  await expect(page.getByRole('list', { name: 'Deal lifecycle' })).toContainText('Deal registration: Submitted');

  await app.signInAs('Microsoft Seller');
  await page.getByRole('link', { name: 'Registrations' }).click();
  const row = page.getByRole('row').filter({ hasText: 'Adatum registered' });
  await row.getByRole('button', { name: 'Approve' }).click();
  await expect(row).toContainText('Approved');

  await openFrom(app, 'Contoso Admin', 'Outbound', 'Adatum registered');
  const current = page.getByRole('list', { name: 'Deal lifecycle' }).locator('[aria-current="step"]');
  await expect(current).toContainText('Closed');
  await expect(page.getByRole('list', { name: 'Deal lifecycle' })).toContainText('Deal registration: Approved');
});

test('a received deal is accepted with the keyboard; Escape cancels a dialog; focus lands on the deal heading', async ({ app, page }) => {
  await app.open('/');
  await createDeal(page, { name: 'Adatum by keyboard', solution: 'Contoso Fleet Analytics', view: 'No', partners: ['Fabrikam'] });
  await openFrom(app, 'Fabrikam Admin', 'Inbound', 'Adatum by keyboard');
  const accept = actions(app).getByRole('button', { name: 'Accept' });
  await accept.focus();
  await accept.press('Enter');
  const dialog = page.getByRole('dialog', { name: 'Accept' });
  await expect(dialog.getByLabel('Deal name')).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(accept).toBeFocused();

  await accept.press('Enter');
  const phone = dialog.getByLabel('Phone');
  await phone.focus();
  await phone.press('ControlOrMeta+a');
  await phone.pressSequentially('+1 425 555 0100');
  const confirm = dialog.getByRole('button', { name: 'Confirm' });
  await confirm.focus();
  await confirm.press('Enter');
  await expect(fact(page, 'Status')).toHaveText('Accepted');
  await expect(page.getByRole('heading', { level: 1, name: 'Adatum by keyboard' })).toBeFocused();
  await expect(page.getByRole('status').filter({ hasText: 'The deal was accepted' })).toBeVisible();
});

test('the owner edits and saves, manages the team, invites a partner from the deal page and marks the deal lost', async ({ app, page }) => {
  await app.open('/');
  await createDeal(page, { name: 'Adatum day to day', solution: 'Contoso Fleet Analytics', view: 'Yes' });
  const bar = actions(app);

  await bar.getByRole('button', { name: 'Edit', exact: true }).click();
  const edit = page.getByRole('dialog', { name: 'Edit' });
  await edit.getByLabel('Estimated value').fill('lots');
  await edit.getByRole('button', { name: 'Save' }).click();
  await expect(edit.getByLabel('Estimated value')).toHaveAttribute('aria-invalid', 'true');
  await edit.getByLabel('Estimated value').fill('75000');
  await edit.getByLabel('CRM ID').fill('CRM-77');
  await edit.getByRole('button', { name: 'Save' }).click();
  await expect(edit).toBeHidden();
  await expect(page.getByRole('region', { name: 'Details' })).toContainText('CRM-77');

  await bar.getByRole('button', { name: 'Add team member' }).click();
  const add = page.getByRole('dialog', { name: 'Add team member' });
  await add.getByLabel('Name').fill('Jonas Weber');
  await add.getByLabel('Phone').fill('+49 89 5550 1202');
  await add.getByLabel('Email').fill('jonas@contoso.example');
  await add.getByRole('button', { name: 'Confirm' }).click();
  const team = page.getByRole('region', { name: 'Team' });
  await expect(team).toContainText('Jonas Weber');
  await team.getByRole('button', { name: 'Remove Jonas Weber' }).click();
  await expect(team).not.toContainText('Jonas Weber');

  await actions(app).getByRole('button', { name: 'Invite partner' }).click();
  const invite = page.getByRole('dialog', { name: 'Invite partner' });
  const combo = invite.getByRole('combobox', { name: 'Partner', exact: true });
  await combo.fill('Fabrikam');
  await combo.press('Enter');
  await invite.getByLabel('Partner estimated value').fill('10000');
  await invite.getByRole('button', { name: 'Add Fabrikam Data Platform' }).click();
  await invite.getByRole('button', { name: 'Confirm' }).click();
  await expect(invite).toBeHidden();
  await expect(page.getByRole('region', { name: 'Fabrikam Inc' })).toContainText('Received');
  await expect(fact(page, 'Deal type')).toHaveText('Partner-led + P2P');

  await actions(app).getByRole('button', { name: 'Mark as lost' }).click();
  const lost = page.getByRole('dialog', { name: 'Mark as lost' });
  await lost.getByLabel('Reason').selectOption({ label: 'Lost to a competitor' });
  await lost.getByRole('button', { name: 'Confirm' }).click();
  await expect(fact(page, 'Status')).toHaveText('Lost');
  await expect(actions(app)).toHaveCount(0);
});

test('a Microsoft seller asks for a fix, the partner resubmits, and the seller rejects with a reason', async ({ app, page }) => {
  await app.open('/');
  await createDeal(page, { name: 'Adatum to fix', solution: 'Contoso Fleet Analytics', view: 'Yes' });
  await actions(app).getByRole('button', { name: 'Mark as won' }).click();
  await page.getByRole('dialog', { name: 'Mark as won' }).getByRole('button', { name: 'Confirm' }).click();
  const form = page.getByRole('dialog', { name: 'Register now' });
  await form.getByLabel('Evergreen').check();
  await form.getByRole('button', { name: 'Submit registration' }).click();
  await expect(form).toBeHidden();

  await app.signInAs('Microsoft Seller');
  await page.getByRole('link', { name: 'Registrations' }).click();
  const row = page.getByRole('row').filter({ hasText: 'Adatum to fix' });
  await row.getByRole('button', { name: 'Request action' }).click();
  const ask = page.getByRole('dialog', { name: 'Request action' });
  await ask.getByLabel('Error to fix').fill('The signed date is missing from the contract copy.');
  await ask.getByRole('button', { name: 'Confirm' }).click();
  await expect(row).toContainText('Action required');

  await openFrom(app, 'Contoso Admin', 'Outbound', 'Adatum to fix');
  await expect(page.getByRole('region', { name: 'Deal registration eligibility' })).toContainText('The signed date is missing');
  await actions(app).getByRole('button', { name: 'Resubmit registration' }).click();
  const again = page.getByRole('dialog', { name: 'Resubmit registration' });
  await expect(again).toContainText('Microsoft asked: The signed date is missing');
  await again.getByRole('button', { name: 'Submit registration' }).click();
  await expect(again).toBeHidden();

  await app.signInAs('Microsoft Seller');
  await page.getByRole('link', { name: 'Registrations' }).click();
  await row.getByRole('button', { name: 'Reject' }).click();
  const reject = page.getByRole('dialog', { name: 'Reject' });
  await reject.getByLabel('Reason for rejection').fill('Duplicate of an earlier registration.');
  await reject.getByRole('button', { name: 'Confirm' }).click();
  await expect(row).toContainText('Rejected');
  await expect(row.getByRole('button')).toHaveCount(0);

  // The queue links each deal to the copy the validator may see: Microsoft's.
  await row.getByRole('link', { name: 'Adatum to fix' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Adatum to fix' })).toBeVisible();
  await expect(fact(page, 'Status')).toHaveText('View only');
});
