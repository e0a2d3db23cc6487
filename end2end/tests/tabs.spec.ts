// Several tabs at once: a change in one shows in the others without a reload, and two tabs
// editing the same deal never lose an update (the second save is refused, eTag).
import { test, expect } from './fixtures/app';
import { createDeal } from './fixtures/deals';

test('a deal created and hearted in one tab appears in the other without a reload', async ({ app, page, context }) => {
  await app.open('/outbound');
  const other = await context.newPage();
  await other.goto('/');
  await expect(other.getByRole('combobox', { name: 'Signed in as' })).toBeVisible();
  await other.getByRole('tab', { name: /^Outbound\b/ }).click();
  await expect(other.getByRole('tab', { name: /^Outbound\b/ })).toHaveText(/\b0\b/);

  await createDeal(page, { name: 'Seen from the other tab', solution: 'Contoso Migration Services', view: 'No' });
  const row = other.getByRole('row').filter({ has: other.getByRole('link', { name: 'Seen from the other tab', exact: true }) });
  await expect(row).toBeVisible();
  await expect(other.getByRole('tab', { name: /^Outbound\b/ })).toHaveText(/\b1\b/);

  await app.nav('Deals').click();
  await app.openTab('Outbound');
  await app.heart('Seen from the other tab').click();
  await expect(other.getByRole('tab', { name: /^Favorites\b/ })).toHaveText(/\b1\b/);
  await expect(row.getByRole('button', { name: 'Favorite' })).toHaveAttribute('aria-pressed', 'true');
});

test('two tabs edit the same deal: the second save is refused with a conflict message and nothing is lost', async ({ app, page, context }) => {
  await app.open('/');
  await createDeal(page, { name: 'Edited twice', solution: 'Contoso Migration Services', view: 'No' });
  const dealUrl = page.url();
  const other = await context.newPage();
  await other.goto(dealUrl);
  await expect(other.getByRole('heading', { level: 1, name: 'Edited twice' })).toBeVisible();

  // Both open the edit form on the same version.
  await page.getByRole('group', { name: 'Actions' }).getByRole('button', { name: 'Edit', exact: true }).click();
  const mine = page.getByRole('dialog', { name: 'Edit' });
  await other.getByRole('group', { name: 'Actions' }).getByRole('button', { name: 'Edit', exact: true }).click();
  const theirs = other.getByRole('dialog', { name: 'Edit' });

  await mine.getByLabel('CRM ID').fill('CRM-FIRST');
  await mine.getByRole('button', { name: 'Save' }).click();
  await expect(mine).toBeHidden();

  // The second tab's save would overwrite the first one's CRM ID: refused.
  await theirs.getByLabel('Estimated value').fill('99000');
  await theirs.getByRole('button', { name: 'Save' }).click();
  await expect(theirs.getByRole('alert').filter({ hasText: 'changed in another tab or window' })).toBeVisible();
  await expect(theirs).toBeVisible();
  let [stored] = (await app.storedReferrals()).filter((r) => r.name === 'Edited twice');
  expect(stored.externalReferenceId).toBe('CRM-FIRST');
  expect(stored.details.dealValue).toBe(50000);

  // Cancel, and the page behind already shows the first tab's change; edit again and save.
  await theirs.getByRole('button', { name: 'Cancel' }).click();
  await expect(other.getByRole('region', { name: 'Details' })).toContainText('CRM-FIRST');
  await other.getByRole('group', { name: 'Actions' }).getByRole('button', { name: 'Edit', exact: true }).click();
  await expect(theirs.getByLabel('CRM ID')).toHaveValue('CRM-FIRST');
  await theirs.getByLabel('Estimated value').fill('99000');
  await theirs.getByRole('button', { name: 'Save' }).click();
  await expect(theirs).toBeHidden();
  [stored] = (await app.storedReferrals()).filter((r) => r.name === 'Edited twice');
  expect(stored.externalReferenceId).toBe('CRM-FIRST');
  expect(stored.details.dealValue).toBe(99000);
  // And the first tab shows the second tab's value.
  await expect(page.getByRole('main')).toContainText('99,000');
});

test('a newer schema opened in another tab upgrades without waiting, and this tab asks to reload', async ({ app, page, context }) => {
  await app.open('/');
  const stored = await page.evaluate(() => new Promise<number>((resolve) => {
    const open = indexedDB.open('cosell');
    open.onsuccess = () => { resolve(open.result.version); open.result.close(); };
  }));
  // A new tab of a later deployment opens the database at the next version.
  const newer = await context.newPage();
  await newer.goto('/settings');
  const upgraded = await newer.evaluate((version) => new Promise<string>((resolve) => {
    const open = indexedDB.open('cosell', version + 1);
    open.onblocked = () => resolve('blocked');
    open.onsuccess = () => { resolve(`opened ${open.result.version}`); open.result.close(); };
    open.onerror = () => resolve(`error ${open.error}`);
  }), stored);
  expect(upgraded).toBe(`opened ${stored + 1}`);
  const warning = page.getByRole('alert').filter({ hasText: 'Co-sell was updated in another tab' });
  await expect(warning).toBeVisible();
  await expect(warning.getByRole('button', { name: 'Reload' })).toBeVisible();
});

test('a dialog being filled in stays open while another tab changes the deal', async ({ app, page, context }) => {
  await app.open('/');
  await createDeal(page, { name: 'Invite while changed', solution: 'Contoso Migration Services', view: 'Yes' });
  const other = await context.newPage();
  await other.goto(page.url());
  await other.getByRole('group', { name: 'Actions' }).getByRole('button', { name: 'Invite partner' }).click();
  const invite = other.getByRole('dialog', { name: 'Invite partner' });
  await invite.getByLabel('Partner estimated value').fill('12345');

  await page.getByRole('group', { name: 'Actions' }).getByRole('button', { name: 'Edit', exact: true }).click();
  await page.getByRole('dialog', { name: 'Edit' }).getByLabel('CRM ID').fill('CRM-WHILE');
  await page.getByRole('dialog', { name: 'Edit' }).getByRole('button', { name: 'Save' }).click();

  await expect(other.getByRole('region', { name: 'Details' })).toContainText('CRM-WHILE');
  await expect(invite).toBeVisible();
  await expect(invite.getByLabel('Partner estimated value')).toHaveValue('12345');
});

/** A small seeded generator (mulberry32): the same seed replays the same minute. */
function random(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

test('five tabs edit and heart the same deals in a random order for a minute: no update is lost, every refusal is explained, all tabs agree', async ({ app, page, context }) => {
  test.setTimeout(180_000);
  const seed = Number(process.env.TABS_SEED ?? Date.now() % 100_000);
  const next = random(seed);
  const pick = <T>(xs: T[]) => xs[Math.floor(next() * xs.length)];

  await app.open('/');
  const deals: { name: string; url: string; value: number; crm: string; favorite: boolean; version: number }[] = [];
  for (const name of ['Tabs North', 'Tabs South', 'Tabs East']) {
    await createDeal(page, { name, solution: 'Contoso Migration Services', view: 'No' });
    deals.push({ name, url: page.url(), value: 50000, crm: '—', favorite: false, version: 0 });
  }
  const tabs = [page];
  for (let i = 1; i < 5; i++) tabs.push(await context.newPage());
  // What each tab shows, and the form it has open (with the version of the deal it opened on).
  const at = new Map<(typeof tabs)[number], { deal: (typeof deals)[number]; form: null | { version: number; field: 'Estimated value' | 'CRM ID'; value: string } }>();
  const details = (tab: (typeof tabs)[number]) => tab.getByRole('region', { name: 'Details' });
  const heart = (tab: (typeof tabs)[number]) => tab.getByRole('main').getByRole('button', { name: 'Favorite' }).first();
  const showsLatest = async (tab: (typeof tabs)[number], deal: (typeof deals)[number]) => {
    // The page's subtitle: customer · location · value · close date.
    await expect(tab.getByRole('main')).toContainText(`· EUR ${deal.value.toLocaleString('en-US')} ·`);
    if (deal.crm !== '—') await expect(details(tab)).toContainText(deal.crm);
    await expect(heart(tab)).toHaveAttribute('aria-pressed', String(deal.favorite));
  };
  /** After a change, every tab on that deal shows it: tabs converge before the next step. */
  const converge = async (deal: (typeof deals)[number]) => {
    for (const tab of tabs) if (at.get(tab)?.deal === deal) await showsLatest(tab, deal);
  };
  for (const tab of tabs) {
    const deal = pick(deals);
    await tab.goto(deal.url);
    await expect(tab.getByRole('heading', { level: 1, name: deal.name })).toBeVisible();
    at.set(tab, { deal, form: null });
  }

  const counts = { steps: 0, saved: 0, refused: 0, hearts: 0, moves: 0 };
  const started = Date.now();
  while (Date.now() - started < 60_000) {
    const tab = pick(tabs);
    const here = at.get(tab)!;
    const deal = here.deal;
    const dialog = tab.getByRole('dialog', { name: 'Edit' });
    counts.steps++;
    if (here.form) {
      // Save the open form: it goes through if nobody saved the deal since it was opened,
      // and is refused with the reason otherwise.
      await dialog.getByRole('button', { name: 'Save' }).click();
      if (here.form.version === deal.version) {
        await expect(dialog).toBeHidden();
        if (here.form.field === 'CRM ID') deal.crm = here.form.value;
        else deal.value = Number(here.form.value);
        deal.version++;
        counts.saved++;
        here.form = null;
        await converge(deal);
      } else {
        await expect(dialog.getByRole('alert').filter({ hasText: 'changed in another tab or window' })).toBeVisible();
        await dialog.getByRole('button', { name: 'Cancel' }).click();
        await expect(dialog).toBeHidden();
        counts.refused++;
        here.form = null;
        await showsLatest(tab, deal);
      }
      continue;
    }
    const action = pick(['edit', 'edit', 'heart', 'move'] as const);
    if (action === 'edit') {
      const field = pick(['Estimated value', 'CRM ID'] as const);
      const value = field === 'CRM ID' ? `CRM-${seed}-${counts.steps}` : String(10_000 + counts.steps * 100);
      await tab.getByRole('group', { name: 'Actions' }).getByRole('button', { name: 'Edit', exact: true }).click();
      await dialog.getByLabel(field).fill(value);
      here.form = { version: deal.version, field, value };
    } else if (action === 'heart') {
      await heart(tab).click();
      deal.favorite = !deal.favorite;
      counts.hearts++;
      await converge(deal);
    } else {
      const to = pick(deals);
      await tab.goto(to.url);
      await expect(tab.getByRole('heading', { level: 1, name: to.name })).toBeVisible();
      here.deal = to;
      counts.moves++;
      await showsLatest(tab, to);
    }
  }
  console.log(`five tabs, seed ${seed}: ${counts.steps} steps in 60 s, ${counts.saved} saves, ${counts.refused} refused as stale, ${counts.hearts} hearts, ${counts.moves} moves`);
  expect(counts.saved).toBeGreaterThan(0);
  expect(counts.refused).toBeGreaterThan(0);

  // Every tab, on every deal, shows the last saved values; so does the storage.
  for (const tab of tabs) {
    if (await tab.getByRole('dialog', { name: 'Edit' }).isVisible()) await tab.getByRole('dialog', { name: 'Edit' }).getByRole('button', { name: 'Cancel' }).click();
    for (const deal of deals) {
      await tab.goto(deal.url);
      await showsLatest(tab, deal);
    }
  }
  const stored = await app.storedReferrals();
  for (const deal of deals) {
    const [r] = stored.filter((s) => s.name === deal.name);
    expect(r.details.dealValue, deal.name).toBe(deal.value);
    expect(r.externalReferenceId ?? '—', deal.name).toBe(deal.crm);
  }
});
