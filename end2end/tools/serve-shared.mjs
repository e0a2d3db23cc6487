// Starts the Co-sell server for the shared-mode tests: the debug build of cosell-server
// (cargo build -p cosell-server), serving ../dist with demo sign-in, on a fresh SQLite
// database in a temporary directory that is removed when the server stops. First pulls come
// in pages of 20 deals, so the suite syncs its browsers page by page.
//
//   node tools/serve-shared.mjs [port]
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const port = Number(process.argv[2] ?? 8095);
const dir = mkdtempSync(join(tmpdir(), 'cosell-shared-'));
const server = spawn(
  join(root, 'target/debug/cosell-server'),
  ['--bind', `127.0.0.1:${port}`, '--database-url', `sqlite://${dir}/cosell.db`, '--static-dir', join(root, 'dist'), '--demo-sign-in', '--expiry-interval-secs', '5', '--first-pull-page', '20'],
  { stdio: ['ignore', 'inherit', 'inherit'], env: { ...process.env, RUST_LOG: process.env.RUST_LOG ?? 'warn' } },
);
const stop = () => {
  server.kill('SIGTERM');
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
server.on('exit', (code) => {
  rmSync(dir, { recursive: true, force: true });
  process.exit(code ?? 0);
});
