// Takes the README's screenshot of the German interface: a browser whose language is German
// gets Co-sell in German.
//   node tools/shot-german.mjs <base-url> <out-dir>
import { base, out, launch } from './shot-browser.mjs';

const browser = await launch();
const page = await browser.newPage({ viewport: { width: 1440, height: 900 }, locale: 'de-DE' });
await page.goto(`${base}/?demo=64`);
await page.getByRole('tab', { name: /^Eingehend/ }).waitFor();
await page.getByRole('table').getByRole('row').nth(1).waitFor();
await page.screenshot({ path: `${out}/inbound-de-1440.png` });

await browser.close();
