// Starts the Co-sell server for the browser sign-in test: sign-in only through an OpenID
// provider (tools/oidc-provider.mjs, started here on the next port), no demo sign-in, on a
// fresh SQLite database in a temporary directory that is removed when the server stops.
//
//   node tools/serve-oidc.mjs [port]      (the provider listens on port + 1)
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startProvider } from './oidc-provider.mjs';

const root = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const port = Number(process.argv[2] ?? 8096);
const secret = 'e2e-client-secret';
const provider = startProvider(port + 1, { 'cosell-e2e': secret });
const dir = mkdtempSync(join(tmpdir(), 'cosell-oidc-'));
const server = spawn(
  join(root, 'target/debug/cosell-server'),
  [
    '--bind', `127.0.0.1:${port}`, '--database-url', `sqlite://${dir}/cosell.db`, '--static-dir', join(root, 'dist'),
    '--oidc-issuer', `http://127.0.0.1:${port + 1}`, '--oidc-client-id', 'cosell-e2e',
  ],
  {
    stdio: ['ignore', 'inherit', 'inherit'],
    // The secret through the environment, as the README recommends.
    env: { ...process.env, COSELL_OIDC_CLIENT_SECRET: secret, RUST_LOG: process.env.RUST_LOG ?? 'warn' },
  },
);
const stop = () => {
  server.kill('SIGTERM');
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
server.on('exit', (code) => {
  provider.close();
  rmSync(dir, { recursive: true, force: true });
  process.exit(code ?? 0);
});
