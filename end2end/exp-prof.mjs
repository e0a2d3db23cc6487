// Serves /tmp/prof (a build with function names) and profiles one cold start.
import { chromium } from '@playwright/test';
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join } from 'node:path';
const root = '/tmp/prof';
const types = { '.html': 'text/html', '.js': 'text/javascript', '.wasm': 'application/wasm', '.css': 'text/css', '.json': 'application/json' };
const server = createServer(async (req, res) => {
  let p = decodeURIComponent(new URL(req.url, 'http://x').pathname);
  let body; try { body = await readFile(join(root, p)); } catch { p = '/index.html'; body = await readFile(join(root, p)); }
  res.writeHead(200, { 'content-type': types[extname(p)] ?? 'application/octet-stream' }); res.end(body);
}).listen(8096);
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox','--disable-gpu','--disable-background-networking','--disable-component-update','--disable-sync'] });
const ctx = await browser.newContext({ serviceWorkers: 'block', viewport: { width: 1440, height: 900 } });
await ctx.addInitScript(() => {
  const painted = (then) => requestAnimationFrame(() => setTimeout(then, 0));
  const rows = new MutationObserver(() => { if (document.querySelector('tbody tr a')) { rows.disconnect(); painted(() => (window.__painted = performance.now())); } });
  rows.observe(document, { childList: true, subtree: true });
});
const seed = await ctx.newPage();
await seed.goto('http://127.0.0.1:8096/?demo=10000');
await seed.waitForFunction(() => window.__painted, null, { timeout: 300000 });
await seed.close();
const page = await ctx.newPage();
const cdp = await ctx.newCDPSession(page);
await cdp.send('Profiler.enable');
await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
await cdp.send('Profiler.start');
await page.goto(process.env.URL ?? 'http://127.0.0.1:8096/');
await page.waitForFunction(() => window.__painted, null, { timeout: 300000 });
if (process.env.ACTION) { await page.evaluate(process.env.ACTION); await page.waitForTimeout(500); }
const { profile } = await cdp.send('Profiler.stop');
const self = new Map(); const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const dt = profile.timeDeltas; const counts = new Map();
profile.samples.forEach((id, i) => counts.set(id, (counts.get(id) ?? 0) + (dt[i] ?? 0)));
for (const [id, us] of counts) { const n = byId.get(id); const name = n.callFrame.functionName || '(' + n.callFrame.url.split('/').pop() + ')'; self.set(name, (self.get(name) ?? 0) + us); }
const total = [...self.values()].reduce((a, b) => a + b, 0);
console.log('total ms', (total / 1000).toFixed(0), 'painted', await page.evaluate(() => window.__painted));
for (const [name, us] of [...self].sort((a, b) => b[1] - a[1]).slice(0, Number(process.env.TOP ?? 45))) console.log((us / 1000).toFixed(1).padStart(8), name.slice(0, 150));
await browser.close(); server.close();
