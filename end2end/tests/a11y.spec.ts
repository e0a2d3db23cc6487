// Accessibility (issue #10): an axe-core scan of every route and every dialog, in English and
// in German, for WCAG 2.x A and AA; a screen reader's view of the lifecycle and the tab
// counts; screenshots of the main screens at 360 and 1440 px as test artefacts.
import AxeBuilder from '@axe-core/playwright';
import { test, expect, type CoSell } from './fixtures/app';
import { createDeal, fact } from './fixtures/deals';
import type { Page, TestInfo } from '@playwright/test';

// A scan takes seconds on a 2-core machine; these tests run dozens of them.
test.describe.configure({ timeout: 240_000 });

// Every WCAG 2.0, 2.1 and 2.2 rule at levels A and AA. No rule is disabled.
const WCAG = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa'];

/** Scans the page as it is now; fails with each violation's rule, impact and elements. */
async function scan(page: Page, where: string) {
  const result = await new AxeBuilder({ page }).withTags(WCAG).analyze();
  const found = result.violations.map((v) => `${where}: ${v.id} (${v.impact}) ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).slice(0, 4).join(' | ')}`);
  expect(found, `axe found WCAG A/AA violations on ${where}`).toEqual([]);
}

/** Scans a dialog opened by `open`, then closes it with Escape and checks focus came back. */
async function scanDialog(page: Page, where: string, name: string, open: () => Promise<void>) {
  await open();
  const dialog = page.getByRole('dialog', { name });
  await expect(dialog).toBeVisible();
  await expect(dialog.locator(':focus')).toHaveCount(1); // focus moved into the dialog
  await scan(page, `${where}, dialog "${name}"`);
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
}

/** Opens `path` and waits for the app (in English or German). */
async function start(page: Page, path: string, de = false) {
  await page.goto(path);
  await expect(page.getByRole('combobox', { name: de ? 'Angemeldet als' : 'Signed in as' })).toBeVisible();
}

async function signIn(page: Page, name: string, de = false) {
  await page.getByRole('combobox', { name: de ? 'Angemeldet als' : 'Signed in as' }).selectOption({ label: name });
}

const LANGUAGES = [
  { locale: 'en-GB', tag: 'en' },
  { locale: 'de-DE', tag: 'de' },
] as const;

for (const { locale, tag } of LANGUAGES) {
  test.describe(`in ${tag}`, () => {
    test.use({ locale });

    test(`every route passes the WCAG A/AA scan (${tag})`, async ({ app, page }) => {
      await start(page, '/?demo=40', tag === 'de');
      const routes = ['/', '/outbound', '/favorites', '/deals/new', '/forecast', '/import', '/outbox', '/settings', '/organisation', '/profile', '/no-such-page'];
      for (const route of routes) {
        await page.goto(route);
        await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
        await scan(page, route);
      }
      // A deal page of each kind the demo holds: received, being worked, closed.
      const stored = await app.storedReferrals();
      for (const substatus of ['Received', 'Accepted', 'Won', 'Declined']) {
        const r = stored.find((x) => x.organizationId === 'contoso' && x.substatus === substatus);
        if (!r) continue;
        await page.goto(`/deals/${r.id}`);
        await expect(page.getByRole('heading', { level: 1, name: r.name })).toBeVisible();
        await scan(page, `a ${substatus} deal`);
      }
      // The Microsoft seller's registrations queue.
      await start(page, '/', tag === 'de');
      await signIn(page, 'Microsoft Seller', tag === 'de');
      await page.goto('/registrations');
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
      await scan(page, '/registrations');
    });

    test(`every wizard step and dialog passes the WCAG A/AA scan (${tag})`, async ({ app, page }) => {
      await start(page, '/?demo=24', tag === 'de');
      await scanWizard(app, tag);
      await scanDealDialogs(app, tag);
      await scanOrganisationDialogs(app, tag);
    });
  });
}

async function scanWizard(app: CoSell, tag: string) {
  const page = app.page;
  const de = tag === 'de';
  await page.goto('/deals/new');
  await scan(page, 'wizard step 1, empty');
  await page.getByLabel(de ? 'Standort des Kunden' : 'Customer location').fill('Munich');
  await page.getByLabel(de ? 'Name des Kunden' : 'Customer name').fill('adatum');
  await scan(page, 'wizard step 1, suggestions');
  await page.getByRole('button', { name: de ? 'Weiter' : 'Next' }).click();
  await scan(page, 'wizard step 1, errors shown');
  await page.getByRole('button', { name: de ? 'Kunden auswählen' : 'Select the customer' }).first().click();
  for (const step of [2, 3, 4, 5]) {
    await page.getByRole('button', { name: de ? 'Weiter' : 'Next' }).click();
    await scan(page, `wizard step ${step - 1} → ${step}`);
    if (step === 2) {
      await page.getByLabel(de ? 'Dealname' : 'Deal name').fill('Scan deal');
      await page.getByLabel(de ? 'Geschätzter Wert' : 'Estimated value').fill('1000');
      await page.getByLabel(de ? 'Geschätztes Abschlussdatum' : 'Estimated close date').fill(new Date(Date.now() + 40 * 86400_000).toISOString().slice(0, 10));
    }
    if (step === 4) await page.getByRole('button', { name: de ? 'Contoso Migration Services hinzufügen' : 'Add Contoso Migration Services' }).click();
  }
  await scanDialog(page, 'wizard step 5', de ? 'Partner einladen' : 'Invite partner', () => page.getByRole('button', { name: de ? 'Partner einladen' : 'Invite partner' }).click());
  await page.getByRole('button', { name: de ? 'Weiter' : 'Next' }).click();
  await scan(page, 'wizard review');
}

async function scanDealDialogs(app: CoSell, tag: string) {
  const page = app.page;
  const de = tag === 'de';
  const actions = page.getByRole('group', { name: de ? 'Aktionen' : 'Actions' });
  // A received deal: Accept and Decline.
  const received = (await app.storedReferrals()).find((r) => r.organizationId === 'contoso' && r.substatus === 'Received')!;
  await page.goto(`/deals/${received.id}`);
  for (const name of de ? ['Akzeptieren', 'Ablehnen'] : ['Accept', 'Decline']) {
    await scanDialog(page, 'received deal', name, () => actions.getByRole('button', { name, exact: true }).click());
  }
  // A deal of our own being worked: every action that asks for input.
  const worked = (await app.storedReferrals()).find((r) => r.organizationId === 'contoso' && r.direction === 'Outgoing' && r.substatus === 'Accepted' && r.type === 'Private' && !r.details.assessmentLocation)!;
  await page.goto(`/deals/${worked.id}`);
  await expect(page.getByRole('heading', { level: 1, name: worked.name })).toBeVisible();
  const names = await actions.getByRole('button').allTextContents();
  let dialogs = 0;
  for (const name of names.map((n) => n.trim()).filter((n) => !/^(Mark|Markieren|Als)/.test(n))) {
    await actions.getByRole('button', { name, exact: true }).click();
    const dialog = page.locator('dialog[open]');
    await expect(dialog).toHaveCount(1);
    await expect(page.getByRole('dialog', { name })).toBeVisible();
    await scan(page, `deal dialog "${name}"`);
    await page.keyboard.press('Escape');
    await expect(dialog).toHaveCount(0);
    dialogs += 1;
  }
  // Edit, Add team member, Edit solutions, Invite Microsoft, Let Microsoft sellers view, Invite partner.
  expect(dialogs).toBeGreaterThanOrEqual(5);
  await scanDialog(page, 'deal', de ? 'Als verloren markieren' : 'Mark as lost', () => actions.getByRole('button', { name: de ? 'Als verloren markieren' : 'Mark as lost' }).click());
  // Notifications panel and the keyboard shortcuts.
  await page.getByRole('button', { name: de ? 'Benachrichtigungen' : 'Notifications' }).click();
  await scan(page, 'notifications panel');
  await page.keyboard.press('Escape');
  await scanDialog(page, 'deal page', de ? 'Tastenkürzel' : 'Keyboard shortcuts', () => page.keyboard.press('?'));
}

async function scanOrganisationDialogs(app: CoSell, tag: string) {
  const page = app.page;
  const de = tag === 'de';
  await page.goto('/organisation');
  for (const [button, dialog] of de
    ? [['Benutzer hinzufügen', 'Benutzer hinzufügen'], ['Standort hinzufügen', 'Standort hinzufügen'], ['Lösung hinzufügen', 'Lösung hinzufügen'], ['Contoso Germany Seller deaktivieren', 'Benutzer deaktivieren']]
    : [['Add user', 'Add user'], ['Add location', 'Add location'], ['Add solution', 'Add solution'], ['Deactivate Contoso Germany Seller', 'Deactivate user']]) {
    await scanDialog(page, '/organisation', dialog, () => page.getByRole('button', { name: button }).click());
  }
  await page.goto('/settings');
  await scanDialog(page, '/settings', de ? 'Alle Daten zurücksetzen' : 'Reset all data', () => page.getByRole('button', { name: de ? 'Alle Daten zurücksetzen' : 'Reset all data' }).click());
}

/** Full-page screenshots at 360 and 1440 px, kept as test artefacts in test-results/screens/. */
export async function shots(page: Page, testInfo: TestInfo, name: string) {
  for (const width of [360, 1440]) {
    await page.setViewportSize({ width, height: width === 360 ? 780 : 1000 });
    await page.waitForTimeout(100);
    const path = `${testInfo.project.outputDir}/screens/${name}-${width}.png`;
    await page.screenshot({ path, fullPage: true });
    await testInfo.attach(`${name}-${width}`, { path, contentType: 'image/png' });
  }
}

test.describe('in the dark theme', () => {
  test.use({ colorScheme: 'dark' });

  test('the main screens and a dialog pass the WCAG A/AA scan, colour contrast included', async ({ app, page }) => {
    await start(page, '/?demo=24');
    for (const route of ['/', '/outbound', '/deals/new', '/forecast', '/import', '/settings', '/organisation', '/profile']) {
      await page.goto(route);
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
      await scan(page, `${route} (dark)`);
    }
    const received = (await app.storedReferrals()).find((r) => r.organizationId === 'contoso' && r.substatus === 'Received')!;
    await page.goto(`/deals/${received.id}`);
    await scan(page, 'a received deal (dark)');
    await scanDialog(page, 'a received deal (dark)', 'Decline', () => page.getByRole('group', { name: 'Actions' }).getByRole('button', { name: 'Decline' }).click());
    await shots(page, test.info(), 'deal-dark');
  });
});

test('every main screen holds at 360 px and at 200 % zoom without scrolling sideways; screenshots are kept', async ({ app, page }) => {
  await start(page, '/?demo=40');
  const received = (await app.storedReferrals()).find((r) => r.organizationId === 'contoso' && r.substatus === 'Received')!;
  const screens: [string, string][] = [['inbound', '/'], ['outbound', '/outbound'], ['wizard', '/deals/new'], ['deal', `/deals/${received.id}`], ['forecast', '/forecast'], ['import', '/import'], ['outbox', '/outbox'], ['settings', '/settings'], ['organisation', '/organisation'], ['profile', '/profile']];
  // 1280 px at 200 % zoom lays out like 640 px.
  for (const [width, height] of [[360, 780], [640, 450]]) {
    await page.setViewportSize({ width, height });
    for (const [name, route] of screens) {
      await page.goto(route);
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow, `${name} at ${width} px scrolls sideways by ${overflow} px`).toBeLessThanOrEqual(0);
    }
  }
  for (const [name, route] of screens) {
    await page.goto(route);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await shots(page, test.info(), name);
  }
});

test('the lifecycle and the tab counts speak to a screen reader', async ({ app, page }) => {
  await start(page, '/');
  await createDeal(page, { name: 'Spoken lifecycle', solution: 'Contoso Migration Services', view: 'No' });
  const actions = page.getByRole('group', { name: 'Actions' });
  await actions.getByRole('button', { name: 'Mark Developed' }).click();
  const lifecycle = page.getByRole('list', { name: 'Deal lifecycle' });
  await expect(lifecycle.locator('[aria-current="step"]')).toContainText('Developed');
  const current = await lifecycle.locator('[aria-current="step"] .visually-hidden').textContent();
  expect(current).toBe('stage 3 of 6, Developed, 40 percent, current');
  expect(await lifecycle.getByRole('listitem').first().locator('.visually-hidden').textContent()).toBe('stage 1 of 6, Created, 10 percent, done');

  // A heart on the list changes the Favorites count, and that is told.
  await page.goto('/outbound');
  await app.heart('Spoken lifecycle').click();
  await expect(page.getByRole('status').filter({ hasText: 'Now Inbound 0, Outbound 1, Favorites 1' })).toHaveCount(1);
});

test('a keyboard-only user finds the shortcuts, creates, accepts and wins a deal, with focus where the work is', async ({ app, page }) => {
  await start(page, '/?demo=16');
  const focused = () => page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    return el ? `${el.tagName.toLowerCase()}:${(el.getAttribute('aria-label') ?? el.textContent ?? '').trim().slice(0, 60)}` : '';
  });
  // `?` lists the shortcuts; Escape closes them and focus goes back where it was.
  await app.tab('Inbound').focus();
  await page.keyboard.press('?');
  const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(help).toBeVisible();
  await expect(help.getByRole('row', { name: /Search the deals of the list/ })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(help).toBeHidden();
  expect(await focused()).toMatch(/^a:Inbound/);
  // `/` goes to the search box.
  await page.keyboard.press('/');
  await expect(app.search).toBeFocused();
  await page.keyboard.press('Escape');

  // Accept: the first received deal, reached with j and opened with Enter.
  await app.tab('Inbound').focus();
  await page.keyboard.press('Tab');
  const firstLink = app.dealRows.first().getByRole('link');
  await firstLink.focus();
  const name = (await firstLink.textContent())!.trim();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name })).toBeFocused();
  const actions = page.getByRole('group', { name: 'Actions' });
  await actions.getByRole('button', { name: 'Accept' }).focus();
  await page.keyboard.press('Enter');
  const accept = page.getByRole('dialog', { name: 'Accept' });
  await expect(accept).toBeVisible();
  await expect(accept.locator(':focus')).toHaveCount(1);
  await accept.getByRole('button', { name: 'Confirm' }).focus();
  await page.keyboard.press('Enter');
  await expect(accept).toBeHidden();
  await expect(page.getByRole('heading', { level: 1, name })).toBeFocused();
  await expect(page.getByRole('group', { name: 'Actions' }).getByRole('button', { name: 'Mark as won' })).toBeVisible();

  // Win it: Mark as won, the 72-hour question if it applies, Confirm, all with keys.
  await actions.getByRole('button', { name: 'Mark as won' }).focus();
  await page.keyboard.press('Enter');
  const won = page.getByRole('dialog', { name: 'Mark as won' });
  if (await won.count()) {
    await won.getByRole('button', { name: 'Confirm' }).focus();
    await page.keyboard.press('Enter');
  }
  await expect(fact(page, 'Status')).toHaveText('Won');
  await expect(page.getByRole('heading', { level: 1, name })).toBeFocused();

  // A link followed with Enter puts focus on the new page's heading.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Forecast' }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'Forecast' })).toBeFocused();
});
