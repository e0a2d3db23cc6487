// Takes the README's screenshots of the German interface: a browser whose language is German
// gets Co-sell in German (the deal list, a deal page, the wizard's review).
//   node tools/shot-german.mjs <base-url> <out-dir>
import { base, out, launch } from './shot-browser.mjs';

const browser = await launch();
const page = await browser.newPage({ viewport: { width: 1440, height: 900 }, locale: 'de-DE' });
await page.goto(`${base}/?demo=64`);
await page.getByRole('tab', { name: /^Eingehend/ }).waitFor();
await page.getByRole('table').getByRole('row').nth(1).waitFor();
await page.screenshot({ path: `${out}/inbound-de-1440.png` });

await page.getByRole('tab', { name: /^Ausgehend/ }).click();
await page.getByRole('table').getByRole('row').nth(3).getByRole('link').click();
await page.getByRole('list', { name: 'Deallebenszyklus' }).waitFor();
await page.waitForTimeout(300);
await page.screenshot({ path: `${out}/deal-de-1440.png`, fullPage: true });
await browser.close();
