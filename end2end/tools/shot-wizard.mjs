// Takes the README's screenshot of the wizard's Sales type step (and the Review step to look at).
//   node tools/shot-wizard.mjs <base-url> <out-dir>
import { base, out, launch } from './shot-browser.mjs';

const browser = await launch();
const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
const future = (days) => new Date(Date.now() + days * 86400_000).toISOString().slice(0, 10);
await page.goto(`${base}/deals/new`);
await page.getByLabel('Customer location').fill('Munich');
await page.getByLabel('Customer name').fill('adatum');
await page.getByRole('button', { name: 'Select the customer' }).first().click();
await page.getByRole('button', { name: 'Next' }).click();
await page.getByLabel('Deal name').fill('Adatum – Azure landing zone');
await page.getByLabel('Estimated value').fill('120000');
await page.getByLabel('Estimated close date').fill(future(60));
await page.getByRole('button', { name: 'Next' }).click();
await page.getByRole('button', { name: 'Next' }).click();
await page.getByRole('button', { name: 'Add Contoso Fleet Analytics', exact: true }).click();
await page.getByRole('button', { name: 'Next' }).click();
await page.getByLabel('Identify the type of help you need from Microsoft').selectOption({ label: 'No help required at this point of time' });
await page.getByRole('radiogroup', { name: 'Do you want Microsoft sellers to view this deal?' }).getByLabel('No').check();
await page.getByRole('button', { name: 'Invite partner' }).click();
const dialog = page.getByRole('dialog', { name: 'Invite partner' });
await dialog.getByRole('combobox', { name: 'Partner', exact: true }).fill('Fabrikam');
await dialog.getByRole('combobox', { name: 'Partner', exact: true }).press('Enter');
await dialog.getByLabel('Partner estimated value').fill('30000');
await dialog.getByRole('button', { name: 'Add Fabrikam Data Platform' }).click();
await dialog.getByRole('button', { name: 'Confirm' }).click();
await page.getByRole('heading', { name: 'Step 5 of 6: Sales type' }).waitFor();
await page.screenshot({ path: `${out}/wizard-sales-type.png` });
await page.getByRole('button', { name: 'Next' }).click();
await page.screenshot({ path: `${out}/wizard-review.png`, fullPage: true });
await browser.close();
