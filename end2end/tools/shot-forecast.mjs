// Takes the README's screenshots of the pipeline forecast, at 1440 and 360 px.
//   node tools/shot-forecast.mjs <base-url> <out-dir>
import { base, out, launch } from './shot-browser.mjs';

const browser = await launch();
const page = await browser.newPage({ viewport: { width: 1440, height: 1100 } });
await page.goto(`${base}/forecast?demo=200`);
const chart = page.getByRole('group', { name: 'Weighted pipeline by sales stage' });
await chart.getByRole('button').first().waitFor();
await chart.getByRole('button', { name: /^Proposed:/ }).click();
await page.waitForTimeout(300);
await page.screenshot({ path: `${out}/forecast-1440.png` });
await page.setViewportSize({ width: 360, height: 800 });
const top = (await page.getByRole('region', { name: 'By sales stage' }).boundingBox()).y;
await page.evaluate((y) => window.scrollTo(0, y - 16), top);
await page.waitForTimeout(200);
await page.screenshot({ path: `${out}/forecast-360.png` });
await browser.close();
