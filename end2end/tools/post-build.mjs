// After `trunk build --release`: minifies the wasm-bindgen JS glue (Trunk copies it as
// generated) and joins the stylesheets into one file, in their order, updating index.html
// and its integrity hashes. One stylesheet compresses better and is one request fewer.
//   node tools/post-build.mjs <dist>
import { readdirSync, readFileSync, writeFileSync, unlinkSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { minify } from 'terser';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const dist = process.argv[2] ?? 'dist';
const sri = (bytes) => `sha384-${createHash('sha384').update(bytes).digest('base64')}`;
const indexPath = join(dist, 'index.html');
let html = readFileSync(indexPath, 'utf8');

for (const name of readdirSync(dist).filter((n) => n.endsWith('.js') && n !== 'boot.js' && n !== 'sw.js')) {
  const path = join(dist, name);
  const before = readFileSync(path);
  const { code } = await minify(before.toString('utf8'), { module: true, compress: { passes: 2 }, mangle: true, format: { comments: false } });
  writeFileSync(path, code);
  html = html.split(sri(before)).join(sri(Buffer.from(code)));
  console.log(`  ${name}: ${before.length} B → ${Buffer.byteLength(code)} B`);
}

// Trunk's HTML may be minified (unquoted attributes in any order).
const attr = (tag, name) => tag.match(new RegExp(`\\s${name}="?([^"\\s>]+)"?`))?.[1];
const links = [...html.matchAll(/<link\b[^>]*\brel="?stylesheet"?[^>]*>\s*/g)].map((m) => [m[0], attr(m[0], 'href')]);
if (links.length > 1) {
  const base = html.match(/<base href="?([^"\s>]*)"?/)?.[1] ?? '/';
  const files = links.map((m) => m[1].slice(base.length));
  const css = files.map((f) => readFileSync(join(dist, f), 'utf8')).join('\n');
  const name = `app-${createHash('sha256').update(css).digest('hex').slice(0, 16)}.css`;
  writeFileSync(join(dist, name), css);
  files.forEach((f) => unlinkSync(join(dist, f)));
  html = html.replace(links[0][0], `<link rel="stylesheet" href="${base}${name}" integrity="${sri(Buffer.from(css))}"/>\n  `);
  for (const m of links.slice(1)) html = html.replace(m[0], '');
  console.log(`  ${files.length} stylesheets → ${name}`);
}
writeFileSync(indexPath, html);

// The service worker precaches every file of this build under one version: the hash of all
// their bytes, so a new deployment is a new cache and its files are never mixed with the old.
const files = [];
const walk = (dir, prefix = '') => {
  for (const entry of readdirSync(join(dist, dir), { withFileTypes: true })) {
    const rel = prefix + entry.name;
    if (entry.isDirectory()) walk(join(dir, entry.name), `${rel}/`);
    // embed.json is the deployer's configuration, read fresh from the server.
    else if (rel !== 'sw.js' && rel !== 'embed.json' && !/\.(br|gz)$/.test(rel)) files.push(rel);
  }
};
walk('');
files.sort();
const version = createHash('sha256');
for (const f of files) version.update(f).update(readFileSync(join(dist, f)));
const swPath = join(dist, 'sw.js');
// From the source: Trunk's minifier renames the placeholders in its copy.
const source = readFileSync(new URL('../../public/sw.js', import.meta.url), 'utf8');
const sw = source
  .replace("const VERSION = 'development';", `const VERSION = '${version.digest('hex').slice(0, 16)}';`)
  .replace('const FILES = [];', `const FILES = ${JSON.stringify(files)};`);
if (!sw.includes('const FILES = ["')) throw new Error('post-build: public/sw.js has no FILES placeholder');
writeFileSync(swPath, (await minify(sw, { compress: { passes: 2 }, format: { comments: false } })).code);
console.log(`  sw.js precaches ${files.length} files`);

// Precompressed copies (brotli at its best level, gzip -9) of every file that compresses, for
// servers that choose one by the request's Accept-Encoding: the Co-sell server and
// tools/serve-dist.mjs; README, Deploying. Compressed once here rather than on every request.
let compressed = 0;
for (const f of [...files, 'sw.js']) {
  if (!/\.(wasm|js|css|html|json|svg|webmanifest)$/.test(f)) continue;
  const bytes = readFileSync(join(dist, f));
  const br = brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length } });
  writeFileSync(join(dist, `${f}.br`), br);
  writeFileSync(join(dist, `${f}.gz`), gzipSync(bytes, { level: 9 }));
  compressed++;
}
console.log(`  ${compressed} files precompressed (.br, .gz)`);
