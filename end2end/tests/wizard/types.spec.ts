// Every deal type through the wizard with the keyboard alone, and a Microsoft-created referral.
import { test, expect, type CoSell } from '../fixtures/app';
import type { Locator, Page } from '@playwright/test';

const future = (days: number) => new Date(Date.now() + days * 86400_000).toISOString().slice(0, 10);

/**
 * No mouse: fields are reached by focus and filled by typing; buttons pressed with Enter.
 * (`press` focuses the element and presses in one action, so a re-render between a separate
 * focus and the key cannot send the key elsewhere.)
 */
async function type(field: Locator, text: string) {
  await field.press('ControlOrMeta+a');
  await field.pressSequentially(text);
}
async function press(button: Locator) {
  await button.press('Enter');
}
async function choose(select: Locator, label: string) {
  await select.selectOption({ label }); // a select is operated from the keyboard the same way
}

async function create(app: CoSell, deal: { name: string; solution: string; help: string; view?: 'Yes' | 'No'; partners?: string[]; assessment?: boolean }) {
  const page = app.page;
  await press(page.getByRole('button', { name: 'New deal' }));
  await type(page.getByLabel('Customer location'), 'Munich');
  await type(page.getByLabel('Customer name'), 'adatum');
  await press(page.getByRole('button', { name: 'Select the customer' }).first());
  if (deal.help !== 'No help required at this point of time') {
    await type(page.getByLabel('Contact name'), 'Erika Mustermann');
    await type(page.getByLabel('Contact phone'), '+49 89 1234567');
    await type(page.getByLabel('Contact email'), 'erika@adatum.example');
  }
  await press(page.getByRole('button', { name: 'Next' }));
  await type(page.getByLabel('Deal name'), deal.name);
  await type(page.getByLabel('Estimated value'), '50000');
  await page.getByLabel('Estimated close date').fill(future(45));
  await press(page.getByRole('button', { name: 'Next' }));
  await press(page.getByRole('button', { name: 'Next' }));
  await press(page.getByRole('button', { name: `Add ${deal.solution}`, exact: true }));
  if (deal.assessment) await choose(page.getByLabel('Assessment location'), 'Munich, Germany');
  await press(page.getByRole('button', { name: 'Next' }));
  await choose(page.getByLabel('Identify the type of help you need from Microsoft'), deal.help);
  if (deal.view) {
    const radio = page.getByRole('radiogroup', { name: 'Do you want Microsoft sellers to view this deal?' }).getByLabel(deal.view);
    await radio.focus();
    await radio.press('Space');
  }
  for (const partner of deal.partners ?? []) {
    await press(page.getByRole('button', { name: 'Invite partner' }));
    const dialog = page.getByRole('dialog', { name: 'Invite partner' });
    const combo = dialog.getByRole('combobox', { name: 'Partner', exact: true });
    await type(combo, partner);
    await combo.press('Enter');
    await type(dialog.getByLabel('Partner estimated value'), '10000');
    await press(dialog.getByRole('button', { name: 'Add Fabrikam Data Platform' }));
    await press(dialog.getByRole('button', { name: 'Confirm' }));
    await expect(dialog).toBeHidden();
  }
  await press(page.getByRole('button', { name: 'Next' }));
  await press(page.getByRole('button', { name: 'Create deal' }));
  await expect(page.getByRole('heading', { level: 1, name: deal.name })).toBeVisible();
}

async function outboundRow(app: CoSell, name: string) {
  await app.page.goto('/outbound');
  return app.row(name);
}

test('Private, Partner-led, Co-sell, P2P and solution assessment deals, created with the keyboard', async ({ app }) => {
  test.setTimeout(120_000); // five whole deals typed key by key: about 26 s on an idle 2-core machine
  await app.open('/?demo=16');
  const cases = [
    { name: 'Kbd private', solution: 'Contoso Migration Services', help: 'No help required at this point of time', view: 'No' as const, type: 'Private' },
    { name: 'Kbd partner-led', solution: 'Contoso Migration Services', help: 'No help required at this point of time', view: 'Yes' as const, type: 'Partner-led' },
    { name: 'Kbd co-sell', solution: 'Contoso Fleet Analytics', help: 'Quotes and licensing', type: 'Co-sell' },
    { name: 'Kbd p2p', solution: 'Contoso Migration Services', help: 'No help required at this point of time', view: 'Yes' as const, partners: ['fabrikam', 'northwind'], type: 'Partner-led + P2P' },
    { name: 'Kbd assessment', solution: 'Azure migration assessment', help: 'No help required at this point of time', view: 'Yes' as const, assessment: true, type: 'Solution assessment' },
  ];
  for (const c of cases) {
    await app.page.goto('/');
    await create(app, c);
    const row = await outboundRow(app, c.name);
    await expect(row.locator('td[data-label="Type"]')).toHaveText(c.type);
    await expect(row.locator('td[data-label="Status"]')).toHaveText('Accepted (10%)');
  }
  await app.signInAs('Northwind Admin');
  await app.page.goto('/');
  await expect(app.row('Kbd p2p')).toContainText('Received');
});

test('a Microsoft seller creates a referral that arrives in the partner\'s Inbound as Received', async ({ app, page }) => {
  await app.open('/?demo=16');
  await app.signInAs('Microsoft Seller');
  await press(page.getByRole('button', { name: 'New deal' }));
  await type(page.getByLabel('Customer location'), 'Seattle');
  await type(page.getByLabel('Customer name'), 'tailspin');
  await press(page.getByRole('button', { name: 'Select the customer' }).first());
  await press(page.getByRole('button', { name: 'Next' }));
  await choose(page.getByLabel('Partner', { exact: true }), 'Contoso Ltd');
  await choose(page.getByLabel('Partner location'), 'Seattle, United States');
  await type(page.getByLabel('Deal name'), 'Tailspin referral from Microsoft');
  await type(page.getByLabel('Estimated value'), '80000');
  await page.getByLabel('Estimated close date').fill(future(90));
  await press(page.getByRole('button', { name: 'Next' }));
  await press(page.getByRole('button', { name: 'Next' }));
  await press(page.getByRole('button', { name: 'Add Azure', exact: true }));
  await press(page.getByRole('button', { name: 'Next' }));
  await choose(page.getByLabel('Identify the type of help you need from Microsoft'), 'General or other');
  await press(page.getByRole('button', { name: 'Next' }));
  await press(page.getByRole('button', { name: 'Create deal' }));
  await expect(page.getByRole('heading', { level: 1, name: 'Tailspin referral from Microsoft' })).toBeVisible();
  await app.signInAs('Contoso Admin');
  await page.goto('/');
  await expect(app.row('Tailspin referral from Microsoft')).toContainText('Received');
});

test('nothing is created while a field is invalid, and each error sits at its field', async ({ app, page }) => {
  await app.open('/?demo=16');
  const before = (await app.storedReferrals()).length;
  await press(page.getByRole('button', { name: 'New deal' }));
  await type(page.getByLabel('Customer location'), 'Munich');
  await type(page.getByLabel('Customer name'), 'adatum');
  await press(page.getByRole('button', { name: 'Select the customer' }).first());
  await type(page.getByLabel('Contact email'), 'not-an-email');
  await press(page.getByRole('button', { name: 'Next' }));
  const email = page.getByLabel('Contact email');
  await expect(email).toHaveAttribute('aria-invalid', 'true');
  await expect(email).toHaveAccessibleDescription('Enter an email address such as name@example.com.');
  // A contact, once started, is complete: name and phone are asked for too.
  await expect(page.getByLabel('Contact name')).toHaveAccessibleDescription('This field is required.');
  await expect(page.getByLabel('Contact phone')).toHaveAccessibleDescription('This field is required.');
  await type(email, 'erika@adatum.example');
  await type(page.getByLabel('Contact name'), 'Erika Mustermann');
  await type(page.getByLabel('Contact phone'), '+49 89 1234567');
  await press(page.getByRole('button', { name: 'Next' }));
  await type(page.getByLabel('Currency'), 'EURO');
  await press(page.getByRole('button', { name: 'Next' }));
  for (const [label, message] of [
    ['Deal name', 'This field is required.'],
    ['Estimated value', 'This field is required.'],
    ['Currency', 'Enter a three-letter ISO 4217 currency code, such as EUR or USD.'],
    ['Estimated close date', 'This field is required.'],
  ]) {
    await expect(page.getByLabel(label)).toHaveAccessibleDescription(message);
  }
  await press(page.getByRole('button', { name: 'Back' }));
  await expect(page.getByLabel('Contact email')).toHaveValue('erika@adatum.example');
  expect((await app.storedReferrals()).length).toBe(before);
});
