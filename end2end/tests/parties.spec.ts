// What the parties of one deal see of each other and share (SPEC §2, §3, §6): Microsoft's view
// of a Partner-led deal, the whole P2P team, shared notes, and what an invited partner may do.
import { test, expect, type CoSell } from './fixtures/app';
import { actions, createDeal, fact, openFrom } from './fixtures/deals';

async function addSharedNote(app: CoSell, text: string) {
  const notes = app.page.getByRole('region', { name: 'Shared notes' });
  await notes.getByRole('button', { name: 'Add shared note' }).click();
  const dialog = app.page.getByRole('dialog', { name: 'Add shared note' });
  await dialog.getByLabel('Shared note').fill(text);
  await dialog.getByRole('button', { name: 'Confirm' }).click();
  await expect(dialog).toBeHidden();
}

test('a Partner-led deal is in the Microsoft seller\'s Inbound as View only, with nothing to answer; both write shared notes', async ({ app, page }) => {
  await app.open('/');
  await createDeal(page, { name: 'Adatum for Microsoft to view', solution: 'Contoso Fleet Analytics', view: 'Yes' });
  await expect(fact(page, 'Microsoft status')).toHaveText('Microsoft sellers may view');
  const notes = page.getByRole('region', { name: 'Shared notes' });
  await expect(notes).toContainText('No shared notes yet.');
  // An empty note is refused next to its field, and nothing is written.
  await notes.getByRole('button', { name: 'Add shared note' }).click();
  const dialog = page.getByRole('dialog', { name: 'Add shared note' });
  await dialog.getByRole('button', { name: 'Confirm' }).click();
  await expect(dialog.getByLabel('Shared note')).toHaveAttribute('aria-invalid', 'true');
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(notes).toContainText('No shared notes yet.');
  await addSharedNote(app, 'The customer wants a workshop in January.');
  await expect(notes).toContainText('Contoso Admin (Contoso Ltd)');

  await openFrom(app, 'Microsoft Seller', 'Inbound', 'Adatum for Microsoft to view');
  await expect(fact(page, 'Status')).toHaveText('View only');
  await expect(page.getByRole('button', { name: 'Accept' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Decline' })).toHaveCount(0);
  await expect(page.getByRole('status').filter({ hasText: 'left to answer' })).toHaveCount(0);
  await expect(notes).toContainText('The customer wants a workshop in January.');
  await addSharedNote(app, 'Our account team knows the CIO.');
  await expect(notes.getByRole('listitem')).toHaveCount(2);

  await openFrom(app, 'Contoso Admin', 'Outbound', 'Adatum for Microsoft to view');
  await expect(notes).toContainText('Microsoft Seller (Microsoft)');
  await expect(notes).toContainText('Our account team knows the CIO.');
  // A deal's own Notes stay private: the partner's wizard notes are not among them.
  await expect(page.getByRole('region', { name: 'Activity' })).toContainText('Shared note added');
});

test('P2P partners see each other\'s team once the invitee accepts; the invited partner may bring Microsoft in, not other partners', async ({ app, page }) => {
  await app.open('/');
  await createDeal(page, { name: 'Adatum P2P teams', solution: 'Contoso Fleet Analytics', view: 'No', partners: ['Fabrikam'] });

  await openFrom(app, 'Fabrikam Admin', 'Inbound', 'Adatum P2P teams');
  // The inviter's contacts come with the invitation.
  const invitation = page.getByRole('region', { name: 'Invitation' });
  await expect(invitation).toContainText('Contacts');
  await expect(invitation).toContainText('@contoso.example');
  await expect(page.getByRole('region', { name: 'Contoso Ltd' })).not.toContainText('@contoso.example');
  // Own contacts are optional: with none given, the accepting user is the team.
  await actions(app).getByRole('button', { name: 'Accept' }).click();
  const accept = page.getByRole('dialog', { name: 'Accept' });
  await accept.getByLabel('Name', { exact: true }).fill('');
  await accept.getByLabel('Phone').fill('');
  await accept.getByLabel('Email').fill('');
  await accept.getByRole('button', { name: 'Confirm' }).click();
  await expect(fact(page, 'Status')).toHaveText('Accepted');
  await expect(page.getByRole('region', { name: 'Team' })).toContainText('Fabrikam Admin');
  await expect(page.getByRole('region', { name: 'Contoso Ltd' })).toContainText('@contoso.example');

  await expect(actions(app).getByRole('button', { name: 'Invite Microsoft' })).toBeVisible();
  await expect(actions(app).getByRole('button', { name: 'Let Microsoft sellers view this deal' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Invite partner' })).toHaveCount(0);

  await openFrom(app, 'Contoso Admin', 'Outbound', 'Adatum P2P teams');
  const fabrikam = page.getByRole('region', { name: 'Fabrikam Inc' });
  await expect(fabrikam).toContainText('Accepted');
  await expect(fabrikam).toContainText('Fabrikam Admin');

  await openFrom(app, 'Fabrikam Admin', 'Inbound', 'Adatum P2P teams');
  await actions(app).getByRole('button', { name: 'Invite Microsoft' }).click();
  const invite = page.getByRole('dialog', { name: 'Invite Microsoft' });
  await invite.getByLabel('Identify the type of help you need from Microsoft').selectOption({ label: 'Proof of concept/Demo' });
  await invite.getByLabel('Contact name').fill('Erika Mustermann');
  await invite.getByLabel('Contact phone').fill('+49 89 1234567');
  await invite.getByLabel('Contact email').fill('erika@adatum.example');
  await invite.getByRole('button', { name: 'Confirm' }).click();
  await expect(invite).toBeHidden();
  await expect(fact(page, 'Microsoft status')).toHaveText('Invited, awaiting response');

  await openFrom(app, 'Microsoft Seller', 'Inbound', 'Adatum P2P teams');
  await expect(fact(page, 'Status')).toHaveText('Received');
  await expect(page.getByRole('region', { name: 'Invitation' })).toContainText('Fabrikam Inc');
  // Microsoft is not part of the partners' P2P team.
  await expect(page.getByRole('region', { name: 'Contoso Ltd' })).not.toContainText('@contoso.example');
});

test('a deal of Business Applications solutions only is Registered at once, with nothing for Microsoft to review', async ({ app, page }) => {
  await app.open('/');
  await createDeal(page, { name: 'Adatum field service', solution: 'Contoso Field Service Kit', view: 'Yes' });
  await actions(app).getByRole('button', { name: 'Mark as won' }).click();
  await page.getByRole('dialog', { name: 'Mark as won' }).getByRole('button', { name: 'Confirm' }).click();
  const form = page.getByRole('dialog', { name: 'Register now' });
  await expect(form).toContainText('appear in the customer\'s contract');
  await form.getByLabel('Evergreen').check();
  await form.getByRole('button', { name: 'Submit registration' }).click();
  await expect(form).toBeHidden();
  const lifecycle = page.getByRole('list', { name: 'Deal lifecycle' });
  await expect(lifecycle).toContainText('Deal registration: Registered');
  await expect(lifecycle.locator('[aria-current="step"]')).toContainText('Closed');

  await app.signInAs('Microsoft Seller');
  await page.getByRole('link', { name: 'Registrations' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Registrations' })).toBeVisible();
  // Listed with the decided registrations, as Registered, with nothing to review.
  const row = page.getByRole('row').filter({ hasText: 'Adatum field service' });
  await expect(row.getByRole('cell', { name: 'Registered' })).toBeVisible();
  const rowActions = row.getByRole('group', { name: 'Actions for Adatum field service' });
  await expect(rowActions.getByRole('button')).toHaveCount(0);
});
