// A small OpenID provider for the browser sign-in test (no network, no dependencies):
// discovery, its published key (an RSA key generated at start), a sign-in page where one
// types an email address, and a token endpoint that checks the client secret and the PKCE
// verifier before it hands out a signed ID token.
import { createHash, generateKeyPairSync, randomBytes, sign } from 'node:crypto';
import { createServer } from 'node:http';

const b64url = (buf) => Buffer.from(buf).toString('base64url');
const escapeHtml = (s) => String(s).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** Starts the provider on `port`; `clients` maps client ids to their secrets. */
export function startProvider(port, clients) {
  const issuer = `http://127.0.0.1:${port}`;
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const jwk = { ...publicKey.export({ format: 'jwk' }), kid: 'e2e-key', use: 'sig', alg: 'RS256' };
  const codes = new Map();

  const idToken = (claims) => {
    const head = b64url(JSON.stringify({ alg: 'RS256', typ: 'JWT', kid: 'e2e-key' }));
    const body = b64url(JSON.stringify(claims));
    return `${head}.${body}.${b64url(sign('RSA-SHA256', Buffer.from(`${head}.${body}`), privateKey))}`;
  };
  const json = (res, status, value) => {
    res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
    res.end(JSON.stringify(value));
  };
  const form = (req) =>
    new Promise((done) => {
      let text = '';
      req.on('data', (c) => (text += c));
      req.on('end', () => done(new URLSearchParams(text)));
    });

  const server = createServer(async (req, res) => {
    const url = new URL(req.url, issuer);
    if (url.pathname === '/.well-known/openid-configuration') {
      return json(res, 200, {
        issuer,
        authorization_endpoint: `${issuer}/authorize`,
        token_endpoint: `${issuer}/token`,
        jwks_uri: `${issuer}/keys`,
        response_types_supported: ['code'],
        subject_types_supported: ['public'],
        id_token_signing_alg_values_supported: ['RS256'],
      });
    }
    if (url.pathname === '/keys') return json(res, 200, { keys: [jwk] });
    if (url.pathname === '/authorize' && req.method === 'GET') {
      const q = url.searchParams;
      if (!clients[q.get('client_id')] || q.get('code_challenge_method') !== 'S256') {
        res.writeHead(400, { 'content-type': 'text/plain' });
        return res.end('unknown client or no PKCE');
      }
      const hidden = ['client_id', 'redirect_uri', 'state', 'nonce', 'code_challenge']
        .map((k) => `<input type="hidden" name="${k}" value="${escapeHtml(q.get(k) ?? '')}">`)
        .join('');
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      return res.end(`<!doctype html><html lang="en"><title>Test identity provider</title>
        <h1>Test identity provider</h1>
        <form method="post" action="/authorize">${hidden}
        <label>Email <input name="email" type="email" required></label>
        <button type="submit">Continue</button></form></html>`);
    }
    if (url.pathname === '/authorize' && req.method === 'POST') {
      const f = await form(req);
      const code = b64url(randomBytes(24));
      codes.set(code, Object.fromEntries(f));
      const back = new URL(f.get('redirect_uri'));
      back.searchParams.set('code', code);
      back.searchParams.set('state', f.get('state') ?? '');
      res.writeHead(302, { location: back.toString() });
      return res.end();
    }
    if (url.pathname === '/token' && req.method === 'POST') {
      const f = await form(req);
      const grant = codes.get(f.get('code'));
      codes.delete(f.get('code'));
      const challenge = b64url(createHash('sha256').update(f.get('code_verifier') ?? '').digest());
      if (!grant || clients[f.get('client_id')] !== f.get('client_secret') || grant.client_id !== f.get('client_id')
          || grant.redirect_uri !== f.get('redirect_uri') || grant.code_challenge !== challenge) {
        return json(res, 400, { error: 'invalid_grant' });
      }
      const now = Math.floor(Date.now() / 1000);
      return json(res, 200, {
        token_type: 'Bearer',
        access_token: b64url(randomBytes(16)),
        expires_in: 3600,
        id_token: idToken({ iss: issuer, aud: grant.client_id, sub: grant.email, email: grant.email, nonce: grant.nonce, iat: now, exp: now + 600 }),
      });
    }
    res.writeHead(404);
    res.end();
  });
  server.listen(port, '127.0.0.1');
  return server;
}
