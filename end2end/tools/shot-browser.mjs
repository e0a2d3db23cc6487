// What every screenshot script shares: its arguments and Debian's Chromium, launched the
// way the test suite launches it.
import { chromium } from '@playwright/test';

export const [base = 'http://127.0.0.1:8090', out = 'screenshots'] = process.argv.slice(2);

export function launch() {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}
