// The Organisation page's webhooks and the Email outbox's delivery column, in shared mode:
// the partner admin registers a hook (its secret shown once), sees each change's delivery
// and how it went, and removes it; emails say whether they went out.
import { expect } from '@playwright/test';
import { createDeal } from '../fixtures/deals';
import { test, signIn } from '../fixtures/shared';

// Nothing listens on the discard port: every delivery fails and waits for its retry.
const hookUrl = 'http://127.0.0.1:9/cosell-events';

test('the partner admin registers a webhook, sees its deliveries, and removes it', async ({ browser, people }) => {
  const { page } = await signIn(browser, people, 'Contoso Admin (Contoso Ltd)');
  await page.getByRole('link', { name: 'Organisation' }).click();
  const hooks = page.getByRole('region', { name: 'Webhooks' });
  await expect(hooks.getByText('No webhooks yet.')).toBeVisible();

  await hooks.getByLabel('Webhook URL').fill('ftp://crm.contoso.example/');
  await hooks.getByRole('button', { name: 'Add webhook' }).click();
  await expect(hooks.getByRole('alert')).toHaveText('Enter a URL starting with https:// (or http:// inside your network).');
  await hooks.getByLabel('Webhook URL').fill(hookUrl);
  await hooks.getByLabel('Referral created').uncheck();
  await hooks.getByLabel('Referral updated').uncheck();
  await hooks.getByRole('button', { name: 'Add webhook' }).click();
  await expect(hooks.getByRole('alert')).toHaveText('Choose at least one event.');
  await hooks.getByLabel('Referral created').check();
  await hooks.getByRole('button', { name: 'Add webhook' }).click();
  await expect(hooks.getByRole('status')).toContainText('Copy this signing secret now: it is not shown again. whsec_');
  await expect(hooks.getByText('No deliveries', { exact: false }).or(hooks.getByText('Nothing delivered yet.'))).toBeVisible();

  await createDeal(page, { name: 'Announced by webhook', solution: 'Contoso Fleet Analytics', view: 'No' });
  await page.getByRole('link', { name: 'Organisation' }).click();
  const deliveries = hooks.getByRole('table', { name: `Latest deliveries to ${hookUrl}` });
  const row = deliveries.getByRole('row').filter({ hasText: 'Announced by webhook' });
  await expect(row.getByRole('cell').first()).toHaveText('Referral created');
  await expect(row).toContainText('Will be retried (attempts so far: 1). Last error: the receiver could not be reached', { timeout: 15_000 });
  await expect(hooks.getByText('whsec_'), 'the secret is not shown again').toHaveCount(0);

  await hooks.getByRole('button', { name: `Remove webhook ${hookUrl}` }).click();
  await expect(hooks.getByText('No webhooks yet.')).toBeVisible();
});

test('the Email outbox says an email was kept because no mail relay is configured', async ({ browser, people }) => {
  const contoso = await signIn(browser, people, 'Contoso Admin (Contoso Ltd)');
  const fabrikam = await signIn(browser, people, 'Fabrikam Admin (Fabrikam Inc)');
  await createDeal(contoso.page, { name: 'Emailed to Fabrikam', solution: 'Contoso Fleet Analytics', view: 'No', partners: ['Fabrikam'] });
  await expect(fabrikam.page.getByRole('link', { name: 'Emailed to Fabrikam', exact: true })).toBeVisible({ timeout: 15_000 });
  await fabrikam.page.getByRole('link', { name: 'Email outbox' }).click();
  const email = fabrikam.page.getByRole('row').filter({ hasText: 'New co-sell referral: Emailed to Fabrikam' }).first();
  await expect(email.getByRole('cell').last()).toHaveText('Kept here: no mail relay is configured');
  await expect(fabrikam.page.getByRole('columnheader', { name: 'Delivery' })).toBeVisible();
});
