// Trunk's post_build hook (Trunk.toml): puts the lazily loaded wasm modules that the
// wasm-bindgen wrapper next to this file split off (src/app/lazy.rs) into Trunk's staging
// directory. Each module is optimised like the main wasm in a release build (index.html's
// data-wasm-opt-params) and named by its content hash, so servers may cache it for good;
// their loader, __wasm_split.js, is pointed at Trunk's hashed JS glue and those names, and
// put next to the glue, which imports it.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const staging = process.env.TRUNK_STAGING_DIR;
const profile = process.env.TRUNK_PROFILE ?? 'debug';
const source = process.env.TRUNK_SOURCE_DIR ?? '.';
if (!staging) throw new Error('wasm-split/stage.mjs runs as a Trunk hook (TRUNK_STAGING_DIR is not set)');
// Where Trunk has wasm-bindgen write (target/wasm-bindgen/<profile>) and the wrapper its split.
const target = process.env.CARGO_TARGET_DIR ?? join(source, 'target');
const split = join(target, 'wasm-bindgen', profile, 'split');
const glue = readdirSync(staging).filter((n) => /^cosell-[0-9a-f]+\.js$/.test(n));
if (glue.length !== 1) throw new Error(`wasm-split: expected one JS glue in ${staging}, found ${glue.length}`);
const glueText = readFileSync(join(staging, glue[0]), 'utf8');
if (glueText.includes('__wasm_split_placeholder__')) {
  console.error('wasm-split: the wasm was not split, so the app cannot start. Build with end2end/tools/wasm-split first in PATH (make dist, make dev).');
  process.exit(1);
}
if (!glueText.includes('__wasm_split.js')) process.exit(0); // no split points
let loader = readFileSync(join(split, '__wasm_split.js'), 'utf8').replace('"./cosell.js"', `"./${glue[0]}"`);
if (!loader.includes(glue[0])) throw new Error('wasm-split: __wasm_split.js does not import ./cosell.js');

const html = readFileSync(join(source, 'index.html'), 'utf8');
const params = html.match(/data-wasm-opt-params="([^"]*)"/)?.[1].split(/\s+/).filter(Boolean) ?? [];
const work = mkdtempSync(join(tmpdir(), 'wasm-split-'));
for (const name of readdirSync(split).filter((n) => /^(split|chunk)_.+\.wasm$/.test(n)).sort()) {
  let path = join(split, name);
  if (profile === 'release') {
    const optimised = join(work, name);
    execFileSync('wasm-opt', ['-Oz', ...params, path, '-o', optimised], { stdio: 'inherit' });
    path = optimised;
  }
  const bytes = readFileSync(path);
  const hashed = name.replace(/\.wasm$/, `-${createHash('sha256').update(bytes).digest('hex').slice(0, 16)}.wasm`);
  writeFileSync(join(staging, hashed), bytes);
  if (!loader.includes(`"./${name}"`)) throw new Error(`wasm-split: __wasm_split.js does not load ${name}`);
  loader = loader.replace(`"./${name}"`, `"./${hashed}"`);
  console.log(`  ${hashed}: ${bytes.length} B`);
}
rmSync(work, { recursive: true, force: true });
writeFileSync(join(staging, '__wasm_split.js'), loader);
