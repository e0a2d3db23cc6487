// Serves the release build in ../dist the way a static host would: the files as they are,
// index.html for every other path (deep links such as /deals/<id>), and the strict
// Content-Security-Policy the app must run under. For the embedding tests it also serves,
// when they exist, the copy rebased to /apps/cosell/ (../dist-apps, tools/rebase.mjs) with a
// frame-ancestors of the intranet's origin, and the example host page (../host/) at /host/;
// the benchmark's baseline page (../bench/baseline/) at /bench/.
//
//   node tools/serve-dist.mjs [port]
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CONTENT_SECURITY_POLICY } from './csp.mjs';

const dir = (p) => resolve(fileURLToPath(new URL(p, import.meta.url)));
const port = Number(process.argv[2] ?? process.env.PORT ?? 8090);
// The intranet of the embedding test: the same server under another name of the same site
// (the app is framed from cosell.intranet.localhost).
export const INTRANET_ORIGIN = `http://intranet.localhost:${port}`;

const types = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.webmanifest': 'application/manifest+json',
};


// Longest prefix first. `app`: a build of Co-sell, whose routes all answer index.html.
const mounts = [
  { prefix: '/apps/cosell/', root: dir('../../dist-apps'), app: true, csp: CONTENT_SECURITY_POLICY.replace("frame-ancestors 'self'", `frame-ancestors 'self' ${INTRANET_ORIGIN}`) },
  { prefix: '/host/', root: dir('../host'), app: false, csp: CONTENT_SECURITY_POLICY.replace("frame-ancestors 'self'", "frame-ancestors 'none'").replace("default-src 'self'", "default-src 'self'; frame-src http://cosell.intranet.localhost:*") },
  // The benchmark's hand-written baseline (end2end/bench/baseline): same origin, so it reads
  // the app's IndexedDB.
  { prefix: '/bench/', root: dir('../bench/baseline'), app: false, csp: CONTENT_SECURITY_POLICY },
  { prefix: '/', root: dir('../../dist'), app: true, csp: CONTENT_SECURITY_POLICY },
];

// Trunk's content-hashed file names, as in the README's server configuration.
const HASHED = /-[0-9a-f]{16}(_bg)?\.(js|wasm|css|svg)$/;

async function fileFor(root, urlPath) {
  const clean = normalize(decodeURIComponent(urlPath)).replace(/^(\.\.[/\\])+/, '');
  const path = join(root, clean);
  if (!path.startsWith(root)) return null;
  try {
    const s = await stat(path);
    return s.isFile() ? path : null;
  } catch {
    return null;
  }
}

/** Whether an Accept-Encoding header takes `coding` (named, and not with q=0). */
function takes(header, coding) {
  return header.split(',').some((part) => {
    const [token, ...params] = part.split(';').map((p) => p.trim());
    const q = params.find((p) => p.startsWith('q='));
    return token.toLowerCase() === coding && (!q || Number(q.slice(2)) > 0);
  });
}

createServer(async (req, res) => {
  const url = new URL(req.url, 'http://localhost');
  const mount = mounts.find((m) => url.pathname.startsWith(m.prefix) || `${url.pathname}/` === m.prefix);
  const within = url.pathname.slice(mount.prefix.length - 1) || '/';
  let path = await fileFor(mount.root, within.endsWith('/') ? `${within}index.html` : within);
  // A missing file with an extension is a 404; any other path is a route of the app.
  if (!path && mount.app && extname(url.pathname) === '') path = join(mount.root, 'index.html');
  if (!path) {
    res.writeHead(404, { 'content-type': 'text/plain' }).end('Not found');
    return;
  }
  let body = await readFile(path);
  // Test hook: a browser carrying the cookie `cosell-deployment=<n>` is served a service
  // worker of another version, as after a new deployment (end2end/tests/offline.spec.ts).
  const deployment = /(?:^|;\s*)cosell-deployment=(\w+)/.exec(req.headers.cookie ?? '')?.[1];
  if (deployment && url.pathname.endsWith('/sw.js')) {
    body = Buffer.from(body.toString('utf8').replace(/VERSION\s*=\s*(["'])([^"']*)\1/, `VERSION = '$2-${deployment}'`));
  }
  // The build's precompressed copy when the browser takes it (tools/post-build.mjs).
  let encoding = null;
  const rewritten = deployment && url.pathname.endsWith('/sw.js');
  const accepts = String(req.headers['accept-encoding'] ?? '');
  for (const [name, ext] of [['br', '.br'], ['gzip', '.gz']]) {
    if (rewritten || encoding || !takes(accepts, name)) continue;
    const copy = await readFile(path + ext).catch(() => null);
    if (copy) {
      body = copy;
      encoding = name;
    }
  }
  res.writeHead(200, {
    'content-type': types[extname(path)] ?? 'application/octet-stream',
    'content-security-policy': mount.csp,
    'x-content-type-options': 'nosniff',
    // As the README tells deployers: the build's hashed files never change (so browsers
    // keep them, and Chromium its compiled wasm), everything else is revalidated.
    'cache-control': HASHED.test(url.pathname) ? 'public, max-age=31536000, immutable' : 'no-cache',
    vary: 'accept-encoding',
    ...(encoding ? { 'content-encoding': encoding } : {}),
  });
  res.end(body);
}).listen(port, '127.0.0.1', () => console.log(`Serving ${mounts.at(-1).root} on http://127.0.0.1:${port}`));
