// English and German (issue #7): a German browser gets the whole interface in German, a
// choice in Settings wins over the browser and is remembered.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { test, expect, type Page } from '@playwright/test';

/** The interface's texts, read from the one catalog both languages live in. */
function catalog(): { en: string; de: string }[] {
  const source = readFileSync(fileURLToPath(new URL('../../src/domain/support/i18n.rs', import.meta.url)), 'utf8');
  const unescape = (s: string) => s.replace(/\\(.)/g, '$1');
  const rows = [...source.matchAll(/^\s*\w+: "((?:[^"\\]|\\.)*)" \/ "((?:[^"\\]|\\.)*)",$/gm)];
  return rows.map((m) => ({ en: unescape(m[1]), de: unescape(m[2]) }));
}

const texts = catalog();
const german = texts.map((t) => t.de).join('\n');
// English that must not show in the German interface: every text that differs in German,
// cut at its placeholders; a piece the German texts use themselves (the import file's
// English column names, product names) is allowed.
const englishOnly = texts.filter((t) => t.en !== t.de);
const phrases = [...new Set(englishOnly.flatMap((t) => t.en.split(/\{\w+\}/)).map((p) => p.trim()).filter((p) => p.includes(' ') && p.length >= 8 && !german.includes(p)))];
const germanWords = new Set(german.split(/[^\p{L}\p{N}-]+/u));
const words = new Set(englishOnly.map((t) => t.en.trim()).filter((w) => !w.includes(' ') && !germanWords.has(w)));

/** The page's interface text: what is shown, plus the names given only to assistive technology. */
async function interfaceText(page: Page) {
  return page.evaluate(() => {
    const chrome = 'button, label, legend, caption, th[scope="col"], option, h2, h3, h4, dt, [role="tab"], nav a, .hint, .muted';
    const named = [...document.querySelectorAll('[aria-label], [placeholder], [title]')].flatMap((e) => ['aria-label', 'placeholder', 'title'].map((a) => e.getAttribute(a) ?? ''));
    return {
      body: document.body.innerText,
      pieces: [...document.querySelectorAll(chrome)].map((e) => (e as HTMLElement).innerText.trim()).concat(named).filter(Boolean),
    };
  });
}

async function expectNoEnglish(page: Page, where: string) {
  const { body, pieces } = await interfaceText(page);
  const phrasesSeen = phrases.filter((p) => body.includes(p) || pieces.some((x) => x.includes(p)));
  const wordsSeen = pieces.filter((x) => words.has(x));
  expect({ where, phrasesSeen, wordsSeen }).toEqual({ where, phrasesSeen: [], wordsSeen: [] });
}

test.describe('a German browser', () => {
  test.use({ locale: 'de-DE' });

  test('gets every main page in German, with German formats and <html lang="de">', async ({ page }) => {
    expect(phrases.length).toBeGreaterThan(150);
    await page.goto('/?demo=60');
    await expect(page.locator('html')).toHaveAttribute('lang', 'de');
    const main = page.getByRole('navigation', { name: 'Hauptnavigation' });
    await expect(page.getByRole('combobox', { name: 'Angemeldet als' })).toBeVisible();
    await expect(page.getByRole('tab', { name: /^Eingehend/ })).toHaveAttribute('aria-selected', 'true');
    // Amounts as a German reader writes them: 1.250.000 EUR, dates as 06.01.2027.
    const firstRow = page.getByRole('table').getByRole('row').nth(1);
    await expect(firstRow).toContainText(/\d{2}\.\d{2}\.\d{4}/);
    await expectNoEnglish(page, 'Eingehend');

    for (const tab of ['Ausgehend', 'Favoriten']) {
      await page.getByRole('tab', { name: new RegExp(`^${tab}`) }).click();
      await expect(page.getByRole('tab', { name: new RegExp(`^${tab}`) })).toHaveAttribute('aria-selected', 'true');
      await expectNoEnglish(page, tab);
    }

    await page.getByRole('tab', { name: /^Ausgehend/ }).click();
    await page.getByRole('table').getByRole('row').nth(1).getByRole('link').click();
    await expect(page.getByRole('list', { name: 'Deallebenszyklus' })).toBeVisible();
    await expect(page.getByRole('region', { name: 'Berechtigung zur Dealregistrierung' })).toBeVisible();
    await expect(page.getByRole('main')).not.toContainText(/, (Germany|United States|United Kingdom)\b/);
    await expectNoEnglish(page, 'Dealseite');

    for (const [link, heading] of [['Prognose', 'Pipelineprognose'], ['E-Mail-Postausgang', 'E-Mail-Postausgang'], ['Organisation', 'Organisation'], ['Mein Profil', 'Mein Profil'], ['Einstellungen', 'Einstellungen']]) {
      await main.getByRole('link', { name: link, exact: true }).click();
      await expect(page.getByRole('heading', { level: 1, name: heading })).toBeVisible();
      await expectNoEnglish(page, heading);
    }

    await main.getByRole('link', { name: 'Deals', exact: true }).click();
    await page.getByRole('button', { name: 'Neuer Deal' }).click();
    await expect(page.getByRole('heading', { name: 'Schritt 1 von 6: Kunde' })).toBeVisible();
    await page.getByRole('button', { name: 'Weiter' }).click();
    await expect(page.getByRole('alert').filter({ hasText: 'Feld erfordert Ihre Aufmerksamkeit' })).toBeVisible();
    await expect(page.getByText('Dieses Feld ist erforderlich.')).toBeVisible();
    await expectNoEnglish(page, 'Assistent');
  });
});

test('the language chosen in Settings wins over the browser, is remembered and switches at once', async ({ page }) => {
  await page.goto('/');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings', exact: true }).click();
  const language = page.getByRole('combobox', { name: 'Language' });
  await expect(language).toHaveValue('en');
  await language.selectOption({ label: 'Deutsch' });

  // No reload: the page and the header speak German at once.
  await expect(page.getByRole('heading', { level: 1, name: 'Einstellungen' })).toBeVisible();
  await expect(page.getByRole('combobox', { name: 'Angemeldet als' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'de');

  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: 'Einstellungen' })).toBeVisible();
  await expect(page.getByRole('combobox', { name: 'Sprache' })).toHaveValue('de');
  await page.getByRole('combobox', { name: 'Sprache' }).selectOption({ label: 'English' });
  await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
});

test('the German texts are fetched only for German readers; without them the app speaks English', async ({ browser }) => {
  const english = await browser.newPage({ locale: 'en-US' });
  const asked: string[] = [];
  english.on('request', (r) => asked.push(new URL(r.url()).pathname));
  await english.goto('/');
  await expect(english.getByRole('combobox', { name: 'Signed in as' })).toBeVisible();
  expect(asked.filter((p) => p.endsWith('/i18n/de.json'))).toEqual([]);
  await english.close();

  // A German browser whose texts cannot be had (a proxy blocks them): English, and working.
  const context = await browser.newContext({ locale: 'de-DE', serviceWorkers: 'block' });
  const german = await context.newPage();
  await german.route('**/i18n/de.json', (route) => route.fulfill({ status: 503, body: '' }));
  await german.goto('/?demo=8');
  await expect(german.getByRole('combobox', { name: 'Signed in as' })).toBeVisible();
  await expect(german.getByRole('tab', { name: /^Inbound/ })).toBeVisible();
  await german.unroute('**/i18n/de.json');
  // Chosen again in Settings, German comes once the texts can be fetched.
  await german.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings', exact: true }).click();
  await german.getByRole('combobox', { name: 'Language' }).selectOption({ label: 'Deutsch' });
  await expect(german.getByRole('heading', { level: 1, name: 'Einstellungen' })).toBeVisible();
  await context.close();
});
