import { defineConfig } from '@playwright/test';

const port = 8090;
// The shared-mode tests (tests/shared/) run against a Co-sell server of their own.
const sharedPort = 8095;
// The sign-in test: a server that signs people in through an OpenID provider (port + 1).
export const oidcPort = 8096;

export default defineConfig({
  testDir: './tests',
  outputDir: './test-results',
  timeout: 30_000,
  expect: { timeout: 10_000 },
  workers: 2,
  retries: process.env.CI ? 1 : 0,
  reporter: [['list']],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    trace: 'retain-on-failure',
    // The service worker would answer requests from its cache, out of reach of page.route;
    // offline.spec.ts allows it.
    serviceWorkers: 'block',
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
  projects: [
    { name: 'local', testIgnore: /shared\// },
    // One server, one exchange: these tests run one after another, file after file.
    { name: 'shared', testMatch: /shared\/.*\.spec\.ts/, fullyParallel: false, workers: 1, use: { baseURL: `http://127.0.0.1:${sharedPort}` } },
  ],
  webServer: [
    // The release build in ../dist, served with the strict Content-Security-Policy.
    {
      command: `node tools/serve-dist.mjs ${port}`,
      url: `http://127.0.0.1:${port}/`,
      reuseExistingServer: !process.env.CI,
    },
    // The same build served by the Co-sell server (shared mode), on a fresh database.
    {
      command: `node tools/serve-shared.mjs ${sharedPort}`,
      url: `http://127.0.0.1:${sharedPort}/readyz`,
      reuseExistingServer: false,
    },
    // The same build behind sign-in through an OpenID provider started with it.
    {
      command: `node tools/serve-oidc.mjs ${oidcPort}`,
      url: `http://127.0.0.1:${oidcPort}/readyz`,
      reuseExistingServer: false,
    },
  ],
});
