// Crash during a write (issue #27), in local mode: a deal created in the wizard, an accept, a
// bulk decline of 50 deals, an import of 5,000 rows and the demo deals loaded in Settings are
// each stored whole or not at all wherever the renderer is killed (tests/fixtures/crash.ts).
import { test, expect } from '@playwright/test';
import { CoSell } from './fixtures/app';
import { crashEverywhere, crashLaunchOptions, report } from './fixtures/crash';
import { actions, fact, fillNewDeal } from './fixtures/deals';
import { crmFile } from './fixtures/files';

test.use({ launchOptions: crashLaunchOptions });
// Each test kills the renderers of its own browser: they run in both workers at once.
test.describe.configure({ mode: 'parallel' });

/** The app started on what is stored: the deal list and no error. */
const started = async (page: import('@playwright/test').Page) => {
  await new CoSell(page).open('/');
};

test('a deal created in the wizard is stored whole or not at all, wherever the page dies', async ({ context }) => {
  test.setTimeout(300_000);
  const tried = await crashEverywhere(
    context,
    {
      prepare: async (page) => {
        await new CoSell(page).open('/?demo=8');
        await fillNewDeal(page, { name: 'Crash-tested rollout', solution: 'Contoso Fleet Analytics', help: 'Proof of concept/Demo' });
      },
      act: (page) => page.getByRole('button', { name: 'Create deal' }).click(),
      done: (page) => expect(page.getByRole('heading', { level: 1, name: 'Crash-tested rollout' })).toBeVisible(),
      started,
    },
    20,
  );
  report('a create', tried);
});

test('an accepted invitation is stored whole or not at all, wherever the page dies', async ({ context }) => {
  test.setTimeout(300_000);
  const tried = await crashEverywhere(
    context,
    {
      prepare: async (page) => {
        const app = new CoSell(page);
        await app.open('/?demo=8');
        const waiting = await app.table.getByRole('checkbox', { name: /^Select / }).first().getAttribute('aria-label');
        const name = waiting!.replace(/^Select /, '');
        await app.dealRows.getByRole('link', { name, exact: true }).click();
        await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
        await actions(app).getByRole('button', { name: 'Accept' }).click();
        await page.getByRole('dialog', { name: 'Accept' }).getByLabel('Phone').fill('+1 425 555 0100');
      },
      act: (page) => page.getByRole('dialog', { name: 'Accept' }).getByRole('button', { name: 'Confirm' }).click(),
      done: (page) => expect(fact(page, 'Status')).toHaveText('Accepted'),
      started,
    },
    20,
  );
  report('an accept', tried);
});

test('a bulk decline of 50 deals is stored whole or not at all, wherever the page dies', async ({ context }) => {
  test.setTimeout(480_000);
  const tried = await crashEverywhere(
    context,
    {
      prepare: async (page) => {
        const app = new CoSell(page);
        await app.open('/?demo=1000');
        // Only deals waiting for an answer have a checkbox.
        const boxes = app.table.getByRole('checkbox', { name: /^Select / });
        for (let i = 0; i < 50; i++) await boxes.nth(i).check();
        const bar = page.getByRole('group', { name: 'Selected deals' });
        await expect(bar).toContainText('50 selected');
        await bar.getByRole('button', { name: 'Decline selected' }).click();
        await page.getByRole('dialog', { name: 'Decline selected' }).getByLabel('Reason').selectOption({ index: 1 });
      },
      act: (page) => page.getByRole('dialog', { name: 'Decline selected' }).getByRole('button', { name: 'Close deal' }).click(),
      done: (page) => expect(page.getByRole('status').filter({ hasText: '50 deals were declined and closed' })).toBeVisible(),
      started,
    },
    20,
  );
  report('a bulk decline of 50 deals', tried);
});

test('an import of 5,000 rows is stored whole or not at all, wherever the page dies', async ({ context }) => {
  test.setTimeout(600_000);
  const file = crmFile(5000, 'Crash import');
  const tried = await crashEverywhere(
    context,
    {
      prepare: async (page) => {
        await new CoSell(page).open('/?demo=8');
        await page.getByRole('link', { name: 'Import', exact: true }).click();
        await page.getByLabel('Import file').setInputFiles({ name: 'crm.csv', mimeType: 'text/csv', buffer: file });
        await expect(page.getByRole('status').filter({ hasText: /Ready: 5,?000 deals to create/ })).toBeVisible({ timeout: 30_000 });
      },
      act: (page) => page.getByRole('button', { name: 'Import', exact: true }).click(),
      done: (page) =>
        expect(page.getByRole('status').filter({ hasText: /Imported crm.csv: 5,?000 deals created, 0 updated./ })).toBeVisible({ timeout: 60_000 }),
      started,
    },
    20,
  );
  report('an import of 5,000 rows', tried);
});

test('demo deals loaded in Settings are stored whole or not at all, wherever the page dies', async ({ context }) => {
  test.setTimeout(300_000);
  const tried = await crashEverywhere(
    context,
    {
      prepare: async (page) => {
        await new CoSell(page).open('/settings');
        await page.getByLabel('Number of demo deals').fill('500');
      },
      act: (page) => page.getByRole('button', { name: 'Load demo deals' }).click(),
      done: (page) => expect(page.getByRole('status').filter({ hasText: 'Loaded 500 demo deals.' })).toBeVisible({ timeout: 30_000 }),
      started,
    },
    20,
  );
  report('loading the demo deals', tried);
});
