import { chromium } from '@playwright/test';
import { spawn } from 'node:child_process';
const server = spawn(process.execPath, ['tools/serve-dist.mjs', '8098'], { stdio: ['ignore', 'pipe', 'inherit'] });
await new Promise((r) => server.stdout.once('data', r));
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox','--disable-gpu','--disable-background-networking','--disable-component-update','--disable-sync'] });
const ctx = await browser.newContext({ serviceWorkers: 'block', viewport: { width: 1440, height: 900 } });
await ctx.addInitScript(() => {
  const painted = (then) => requestAnimationFrame(() => setTimeout(then, 0));
  const rows = new MutationObserver(() => { if (document.querySelector('tbody tr a')) { rows.disconnect(); painted(() => (window.__painted = performance.now())); } });
  rows.observe(document, { childList: true, subtree: true });
  window.__marks = [];
  const mark = (n) => window.__marks.push([n, Math.round(performance.now())]);
  for (const name of ['instantiate', 'instantiateStreaming']) { const o = WebAssembly[name]; WebAssembly[name] = async (...a) => { const r = await o.apply(WebAssembly, a); mark('wasm ready'); return r; }; }
  const oga = IDBObjectStore.prototype.getAll; IDBObjectStore.prototype.getAll = function (...a) { const req = oga.apply(this, a); const n = this.name; mark('getAll ' + n); req.addEventListener('success', () => mark('got ' + n)); return req; };
  const of = window.fetch; window.fetch = async (...a) => { const r = await of(...a); mark('fetched ' + String(a[0].url ?? a[0]).split('/').pop()); return r; };
});
ctx.on('console', (m) => m.text().startsWith('T ') && console.log(m.text(), Date.now() % 100000));
const seed = await ctx.newPage();
await seed.goto('http://127.0.0.1:8098/?demo=' + (process.env.N ?? 10000));
await seed.waitForFunction(() => window.__painted, null, { timeout: 300000 });
await seed.close();
const times = [];
for (let i = 0; i < Number(process.env.RUNS ?? 5); i++) {
  const page = await ctx.newPage();
  console.log('goto', Date.now() % 100000); await page.goto('http://127.0.0.1:8098/');
  await page.waitForFunction(() => window.__painted, null, { timeout: 300000 });
  const r = await page.evaluate(() => ({ painted: Math.round(window.__painted), marks: window.__marks }));
  times.push(r.painted);
  if (i === 0 || process.env.V) console.log(JSON.stringify(r.marks));
  await page.close();
}
console.log('cold start', times.join(' '), 'median', times.sort((a, b) => a - b)[Math.floor(times.length / 2)]);
await browser.close(); server.kill();
