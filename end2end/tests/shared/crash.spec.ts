// Crash during a write (issue #27), in shared mode: a deal created while the server cannot be
// reached waits in the copy's outbox, and is there whole or not at all wherever the renderer
// is killed (tests/fixtures/crash.ts). Pushes are refused throughout, so the server's exchange
// stays the same from run to run.
import { expect, type Page } from '@playwright/test';
import { crashEverywhere, crashLaunchOptions, report } from '../fixtures/crash';
import { fillNewDeal } from '../fixtures/deals';
import { test, signIn } from '../fixtures/shared';

test.use({ launchOptions: crashLaunchOptions });

const sync = (page: Page) => page.getByRole('status', { name: 'Sync' });

/** Opens the app with every push failing, as when the network drops after the pull. */
async function openWithoutPush(page: Page) {
  await page.route('**/sync/push', (route) => route.abort('internetdisconnected'));
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1, name: 'Deals' })).toBeVisible();
}

test('a change waiting in the outbox is stored whole or not at all, wherever the page dies', async ({ browser, people }) => {
  test.setTimeout(300_000);
  const contoso = await signIn(browser, people, 'Contoso Admin (Contoso Ltd)');
  await contoso.page.close();
  const tried = await crashEverywhere(
    contoso.context,
    {
      prepare: async (page) => {
        await openWithoutPush(page);
        await expect(sync(page)).toHaveText('Up to date', { timeout: 15_000 });
        await fillNewDeal(page, { name: 'Crash-tested outbox', solution: 'Contoso Fleet Analytics', view: 'No' });
      },
      act: (page) => page.getByRole('button', { name: 'Create deal' }).click(),
      done: async (page) => {
        await expect(page.getByRole('heading', { level: 1, name: 'Crash-tested outbox' })).toBeVisible();
        await expect(sync(page)).toHaveText("Can't reach the server (retrying) — 1 change waits to be sent");
      },
      started: openWithoutPush,
    },
    20,
  );
  report('a change queued in the outbox', tried);
});
