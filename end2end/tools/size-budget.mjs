// Prints the first load of the app (wasm + JS + CSS in dist/: what the browser fetches before
// the first screen works) as brotli, the encoding the servers send (tools/post-build.mjs
// writes the copies), and gzip beside it; fails when the brotli bytes pass the budget. The
// lazily loaded modules (split_*.wasm, chunk_*.wasm: src/app/lazy.rs) are listed apart: they
// are fetched after the first screen.
//   node tools/size-budget.mjs <dist> <budget-bytes-brotli>
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { FIRST_LOAD_EXTENSIONS, isLazyModule } from './first-load.mjs';

const [dist = 'dist', budgetArg = '430080'] = process.argv.slice(2);
const budget = Number(budgetArg);
const brotli = (bytes) => brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } });
let raw = 0;
let gzip = 0;
let br = 0;
let lazyBr = 0;
const rows = [];
const lazyRows = [];
for (const name of readdirSync(dist).sort()) {
  if (!FIRST_LOAD_EXTENSIONS.includes(extname(name))) continue;
  const path = join(dist, name);
  const bytes = readFileSync(path);
  // The copy the server sends, when the build has one.
  const brBytes = existsSync(`${path}.br`) ? readFileSync(`${path}.br`).length : brotli(bytes).length;
  const zipped = gzipSync(bytes, { level: 9 }).length;
  const row = `  ${name.padEnd(44)} ${String(bytes.length).padStart(9)} B raw ${String(zipped).padStart(9)} B gzip ${String(brBytes).padStart(9)} B brotli`;
  if (isLazyModule(name)) {
    lazyBr += brBytes;
    lazyRows.push(row);
    continue;
  }
  raw += bytes.length;
  gzip += zipped;
  br += brBytes;
  rows.push(row);
}
const kb = (n) => (n / 1024).toFixed(1);
console.log(rows.join('\n'));
if (lazyRows.length) console.log(`Loaded after the first screen: ${kb(lazyBr)} KB brotli\n${lazyRows.join('\n')}`);
console.log(`First load: ${kb(br)} KB brotli (${kb(gzip)} KB gzip, ${kb(raw)} KB raw) for wasm + JS + CSS; budget ${kb(budget)} KB brotli`);
if (br > budget) {
  console.error(`Size budget exceeded by ${kb(br - budget)} KB brotli`);
  process.exit(1);
}
