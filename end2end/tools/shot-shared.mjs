// Takes the README's screenshots of shared mode against a running Co-sell server (make serve
// DEMO=64): the header's sync status, a change the server refused on its deal page, and the
// Organisation page's webhooks with a delivery waiting for its retry.
//   node tools/shot-shared.mjs <server-url> <out-dir>
import { base, out, launch } from './shot-browser.mjs';

const browser = await launch();

async function signIn(who) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 860 } });
  const page = await context.newPage();
  await page.goto(`${base}/`);
  await page.getByLabel('Sign in as').selectOption({ label: who });
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('status', { name: 'Sync' }).filter({ hasText: 'Up to date' }).waitFor();
  return { context, page };
}

const admin = await signIn('Contoso Admin (Contoso Ltd)');
await admin.page.waitForTimeout(300);
await admin.page.screenshot({ path: `${out}/shared-status-1280.png` });

// A webhook to a receiver that is not there: the edit below is announced, fails, and waits.
await admin.page.goto(`${base}/organisation`);
const hooks = admin.page.getByRole('region', { name: 'Webhooks' });
await hooks.getByLabel('Webhook URL').fill('https://crm.contoso.invalid/cosell-events');
await hooks.getByRole('button', { name: 'Add webhook' }).click();
await hooks.getByRole('status').waitFor();

// Both Contoso admins open the same outbound deal; one edits offline, the other online.
const germany = await signIn('Contoso Germany Admin (Contoso Ltd)');
await germany.page.goto(`${base}/outbound`);
const row = germany.page.getByRole('row').filter({ hasText: /Accepted|Created/ }).first();
const name = (await row.getByRole('link').textContent()) ?? '';
await row.getByRole('link').click();
await admin.page.goto(`${base}/outbound`);
await admin.page.getByRole('link', { name, exact: true }).click();
const edit = async (page, label, value) => {
  await page.getByRole('group', { name: 'Actions' }).getByRole('button', { name: 'Edit', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Edit' });
  await dialog.getByLabel(label).fill(value);
  await dialog.getByRole('button', { name: 'Save' }).click();
  await dialog.waitFor({ state: 'hidden' });
};
await germany.context.setOffline(true);
await edit(germany.page, 'Estimated value', '99000');
await edit(admin.page, 'CRM ID', 'CRM-4711');
await admin.page.getByRole('status', { name: 'Sync' }).filter({ hasText: 'Up to date' }).waitFor();
await germany.context.setOffline(false);
await germany.page.getByRole('main').getByRole('alert').waitFor();
await germany.page.waitForTimeout(300);
await germany.page.screenshot({ path: `${out}/shared-refused-1280.png` });

await admin.page.goto(`${base}/organisation`);
await hooks.getByRole('table').getByText(/Will be retried|Waiting/).first().waitFor();
await admin.page.waitForTimeout(3500);
await hooks.screenshot({ path: `${out}/webhooks-1280.png` });
await browser.close();
