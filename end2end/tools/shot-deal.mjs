// Takes the README's screenshots of the Inbound list and of a deal page with its lifecycle,
// at 1440 and 360 px.
//   node tools/shot-deal.mjs <base-url> <out-dir>
import { base, out, launch } from './shot-browser.mjs';

const browser = await launch();
const page = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
await page.goto(`${base}/?demo=64`);
await page.getByRole('tab', { name: /^Inbound/ }).waitFor();
await page.waitForTimeout(300);
await page.screenshot({ path: `${out}/inbound-1440.png` });
await page.setViewportSize({ width: 360, height: 800 });
await page.screenshot({ path: `${out}/inbound-360.png` });
await page.setViewportSize({ width: 1440, height: 1000 });
await page.goto(`${base}/outbound`);
await page.getByRole('tab', { name: /^Outbound/ }).waitFor();
// A deal under way: accepted, with a sales stage past the first.
const row = page.getByRole('row').filter({ hasText: /Accepted/ }).filter({ hasText: /Co-sell/ }).first();
await row.getByRole('link').click();
await page.getByRole('list', { name: 'Deal lifecycle' }).waitFor();
const qualified = page.getByRole('group', { name: 'Actions' }).getByRole('button', { name: /^Mark (Qualified|Developed)$/ }).first();
if (await qualified.count()) await qualified.click();
await page.waitForTimeout(300);
await page.screenshot({ path: `${out}/deal-1440.png` });
await page.setViewportSize({ width: 360, height: 800 });
await page.screenshot({ path: `${out}/deal-360.png` });
await browser.close();
