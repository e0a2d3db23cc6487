// Clock and time zones (issue #27): the 14-day response window and the 72-hour guard are
// durations of real time (336 and 72 hours from the deal's creation), so they end on the
// same second for a reader in any time zone and across daylight saving changes. The page's
// clock is fixed (Playwright's clock) so each boundary is tried at the exact second.
import { test, expect } from './fixtures/app';
import { createDeal, fact, actions } from './fixtures/deals';

const HOUR = 3600_000;

// A zone at each end of the range, and two whose clocks change on the instant the deal is
// created (Europe falls back at 01:00 UTC on 25 October 2026, New York at 06:00 UTC on
// 1 November 2026).
const zones = [
  { zone: 'Etc/GMT+12', created: '2026-11-02T11:59:59Z' }, // UTC-12: one second before midnight
  { zone: 'Pacific/Kiritimati', created: '2026-11-02T09:59:59Z' }, // UTC+14: likewise
  { zone: 'Europe/Berlin', created: '2026-10-25T00:59:59Z' },
  { zone: 'America/New_York', created: '2026-11-01T05:59:59Z' },
];

for (const { zone, created } of zones) {
  test.describe(`in ${zone}`, () => {
    test.use({ timezoneId: zone });

    test('a referral expires on the second 14 days after it arrived, not before', async ({ app, page }) => {
      const t0 = Date.parse(created);
      await page.clock.setFixedTime(t0);
      await app.open('/');
      await createDeal(page, { name: `Window ${zone}`, solution: 'Contoso Fleet Analytics', help: 'Proof of concept/Demo' });
      const stored = (await app.storedReferrals()).filter((r) => r.name === `Window ${zone}`);
      expect(stored.map((r) => r.createdDateTime)).toContain(created);

      await app.signInAs('Microsoft Seller');
      await page.clock.setFixedTime(t0 + 336 * HOUR - 1000);
      await page.goto('/');
      const row = app.row(`Window ${zone}`);
      await expect(row).toContainText('Received');
      await expect(row).toContainText('Due now');

      await page.clock.setFixedTime(t0 + 336 * HOUR);
      await page.goto('/');
      await expect(row).toContainText('Expired');
    });

    test('marking a deal won asks for confirmation until the second 72 hours after creation', async ({ app, page }) => {
      const t0 = Date.parse(created);
      await page.clock.setFixedTime(t0);
      await app.open('/');
      await createDeal(page, { name: `Early ${zone}`, solution: 'Contoso Fleet Analytics', view: 'Yes' });
      const url = page.url();

      await page.clock.setFixedTime(t0 + 72 * HOUR - 1000);
      await page.goto(url);
      await actions(app).getByRole('button', { name: 'Mark as won' }).click();
      const early = page.getByRole('dialog', { name: 'Mark as won' });
      await expect(early).toContainText('less than 72 hours ago');
      await early.getByRole('button', { name: 'Cancel' }).click();
      await expect(fact(page, 'Status')).not.toHaveText('Won');

      await page.clock.setFixedTime(t0 + 72 * HOUR);
      await page.goto(url);
      await actions(app).getByRole('button', { name: 'Mark as won' }).click();
      await expect(fact(page, 'Status')).toHaveText('Won');
      await expect(page.getByRole('dialog', { name: 'Mark as won' })).toHaveCount(0);
    });
  });
}
