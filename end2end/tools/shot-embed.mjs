// Takes the README's screenshots of embedding and offline use: the example intranet page
// framing Co-sell (needs dist-apps, see the Makefile's test-e2e), and Settings with the
// update banner (the event boot.js fires when a new deployment waits).
//   node tools/shot-embed.mjs <base-url> <out-dir>
import { base, out, launch } from './shot-browser.mjs';

const browser = await launch();
const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
const port = new URL(base).port;
await page.goto(`http://intranet.localhost:${port}/host/`);
await page.getByRole('list', { name: 'Events from Co-sell' }).getByRole('listitem').first().waitFor();
await page.waitForTimeout(500);
await page.screenshot({ path: `${out}/embed-1280.png` });

await page.setViewportSize({ width: 1280, height: 1000 });
await page.goto(`${base}/settings`);
await page.getByRole('heading', { level: 1, name: 'Settings' }).waitFor();
await page.evaluate(() => window.dispatchEvent(new Event('cosell-update-ready')));
await page.getByRole('button', { name: 'Reload to update' }).waitFor();
await page.getByText(/^Persistent storage:/).waitFor();
await page.screenshot({ path: `${out}/offline-settings-1280.png` });
await browser.close();
