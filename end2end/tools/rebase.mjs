// Copies a release build for deployment under another path, without rebuilding: the
// addresses in index.html (Trunk's public URL, "/" by default) are rewritten; everything
// else is relative to the page's <base> or the service worker's scope and stays as built.
// Optionally writes embed.json, the host origins that may embed the app (README, Embedding).
//
//   node tools/rebase.mjs <build> <copy> <public-url> [--embed-origin <origin>]...
//   node tools/rebase.mjs dist dist-apps /apps/cosell/ --embed-origin https://intranet.example
import { cpSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const [from, to, publicUrl, ...rest] = process.argv.slice(2);
if (!from || !to || !publicUrl?.startsWith('/') || !publicUrl.endsWith('/')) {
  console.error('usage: rebase.mjs <build> <copy> </public/url/> [--embed-origin <origin>]...');
  process.exit(2);
}
const origins = [];
for (let i = 0; i < rest.length; i += 2) {
  if (rest[i] !== '--embed-origin' || !/^https?:\/\/[^/]+$/.test(rest[i + 1] ?? '')) {
    console.error(`rebase.mjs: expected --embed-origin <scheme://host[:port]>, got ${rest[i]} ${rest[i + 1] ?? ''}`);
    process.exit(2);
  }
  origins.push(rest[i + 1]);
}

rmSync(to, { recursive: true, force: true });
cpSync(from, to, { recursive: true });
const indexPath = join(to, 'index.html');
const html = readFileSync(indexPath, 'utf8');
const base = html.match(/<base href="?([^"\s>]*)"?/)?.[1];
if (!base) throw new Error(`rebase: ${indexPath} has no <base href>`);
// Every absolute address Trunk wrote starts with the build's public URL.
const rebased = html.replace(/(\s(?:href|src|data-cosell-js|data-cosell-wasm)="?)([^"\s>]*)/g, (m, attr, url) =>
  url.startsWith(base) && !url.startsWith('//') ? `${attr}${publicUrl}${url.slice(base.length)}` : m,
);
writeFileSync(indexPath, rebased);
// The build's precompressed copies of index.html hold the old addresses.
for (const ext of ['.br', '.gz']) rmSync(indexPath + ext, { force: true });
if (origins.length) writeFileSync(join(to, 'embed.json'), `${JSON.stringify({ allowedOrigins: origins }, null, 2)}\n`);
console.log(`  ${from} → ${to} under ${publicUrl}${origins.length ? `, embeddable by ${origins.join(', ')}` : ''}`);
