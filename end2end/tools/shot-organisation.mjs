// Takes the README's screenshots of the Organisation page (a scope just widened, the user
// editor open) and of My profile.
//   node tools/shot-organisation.mjs <base-url> <out-dir>
import { base, out, launch } from './shot-browser.mjs';

const browser = await launch();
const page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
await page.goto(`${base}/organisation?demo=64`);
const users = page.getByRole('region', { name: 'Users' });
await users.getByRole('button', { name: 'Edit Contoso Germany Seller' }).click();
const dialog = page.getByRole('dialog', { name: 'Edit user' });
await dialog.getByRole('group', { name: 'Location scope' }).getByLabel('Seattle, United States').check();
await page.screenshot({ path: `${out}/organisation-editor-1280.png` });
await dialog.getByRole('button', { name: 'Confirm' }).click();
await dialog.waitFor({ state: 'hidden' });
await page.getByRole('button', { name: 'Dismiss message' }).click();
await page.screenshot({ path: `${out}/organisation-1280.png`, fullPage: true });
await page.setViewportSize({ width: 360, height: 800 });
await page.waitForTimeout(200);
await page.screenshot({ path: `${out}/organisation-360.png` });
await browser.close();
