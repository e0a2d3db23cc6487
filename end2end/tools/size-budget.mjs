// Prints the gzip size of the app (wasm + JS + CSS in dist/) and fails above the budget.
//   node tools/size-budget.mjs <dist> <budget-bytes>
import { readdirSync, readFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import { gzipSync } from 'node:zlib';

const [dist = 'dist', budgetArg = '409600'] = process.argv.slice(2);
const budget = Number(budgetArg);
const counted = ['.wasm', '.js', '.css'];
let raw = 0;
let gzip = 0;
const rows = [];
for (const name of readdirSync(dist).sort()) {
  if (!counted.includes(extname(name))) continue;
  const bytes = readFileSync(join(dist, name));
  const zipped = gzipSync(bytes, { level: 9 }).length;
  raw += bytes.length;
  gzip += zipped;
  rows.push(`  ${name.padEnd(44)} ${String(bytes.length).padStart(9)} B raw ${String(zipped).padStart(9)} B gzip`);
}
const kb = (n) => (n / 1024).toFixed(1);
console.log(rows.join('\n'));
console.log(`App size: ${kb(gzip)} KB gzip (${kb(raw)} KB raw) for wasm + JS + CSS; budget ${kb(budget)} KB gzip`);
if (gzip > budget) {
  console.error(`Size budget exceeded by ${kb(gzip - budget)} KB gzip`);
  process.exit(1);
}
