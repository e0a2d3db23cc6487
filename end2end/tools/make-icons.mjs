// Renders public/favicon.svg into the web app manifest's PNG icons (public/icons/), with
// Debian's Chromium. Run again when the icon changes:  node tools/make-icons.mjs
import { mkdirSync, readFileSync } from 'node:fs';
import { launch } from './shot-browser.mjs';

const svg = readFileSync(new URL('../../public/favicon.svg', import.meta.url), 'utf8');
const dir = new URL('../../public/icons/', import.meta.url);
mkdirSync(dir, { recursive: true });
const browser = await launch();
for (const [name, size, padding, background] of [
  ['icon-192.png', 192, 0, 'transparent'],
  ['icon-512.png', 512, 0, 'transparent'],
  // Maskable: the mark inside the safe zone (80 %), on the brand colour to the edges.
  ['icon-maskable-512.png', 512, 0.1, '#1f4e8c'],
]) {
  const page = await browser.newPage({ viewport: { width: size, height: size } });
  const inner = Math.round(size * (1 - 2 * padding));
  await page.setContent(
    `<body style="margin:0;background:${background};display:grid;place-items:center;height:${size}px">` +
      `<div style="width:${inner}px;height:${inner}px">${svg.replace('<svg ', '<svg width="100%" height="100%" ')}</div></body>`,
  );
  await page.screenshot({ path: new URL(name, dir).pathname, omitBackground: background === 'transparent' });
  await page.close();
}
await browser.close();
