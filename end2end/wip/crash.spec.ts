// WORK IN PROGRESS (issue #27), outside the suite (playwright's testDir is tests/): the
// reference run and the first crash point pass, then the page of the next run is gone (crashed)
// while it loads. Move it back to tests/ once that is understood.
// Crash during a write (issue #27): the renderer is killed (SIGKILL to its process) in the
// middle of saving, at every write request of the transaction in turn and after it, and the
// browser's storage must then hold the state before the change or the state after it, never
// a part; the app must start again without error.
//
// A crash point is exact: IndexedDB's put, add, delete and clear are wrapped so that after
// the k-th request of the page the page blocks in a synchronous request, and the test kills
// the renderer while it waits, with the transaction still open. Other points crash after a
// delay, when the transaction may be committing.
import { test, expect, CoSell } from '../tests/fixtures/app';
import type { BrowserContext, Page } from '@playwright/test';
import { fillNewDeal } from '../tests/fixtures/deals';

/** What the storage holds, without the values a run cannot repeat (ids, times). */
interface Held {
  deals: string[];
  activity: number;
  notifications: number;
  favorites: number;
}

function readHeld(): Promise<Held> {
  const lines = (db: IDBDatabase, store: string) =>
    new Promise<string[]>((resolve, reject) => {
      const get = db.transaction(store).objectStore(store).getAll();
      get.onsuccess = () =>
        resolve(
          (get.result as ArrayBuffer[])
            .map((b) => new TextDecoder().decode(b))
            .join('')
            .split('\n')
            .filter(Boolean),
        );
      get.onerror = () => reject(get.error);
    });
  return new Promise<Held>((resolve, reject) => {
    const open = indexedDB.open('cosell');
    open.onerror = () => reject(open.error);
    open.onsuccess = async () => {
      const db = open.result;
      if (!db.objectStoreNames.contains('referral_buckets')) {
        db.close();
        resolve({ deals: [], activity: 0, notifications: 0, favorites: 0 });
        return;
      }
      const deals = (await lines(db, 'referral_buckets')).map((l) => {
        const r = JSON.parse(l.split('\t').slice(2).join('\t'));
        return `${r.organizationId}|${r.name}|${r.status}|${r.substatus}|${r.salesStage ?? ''}`;
      });
      const activity = (await lines(db, 'activity_buckets')).length;
      const notifications = (await lines(db, 'notification_buckets')).length;
      const favorites = await new Promise<number>((res) => {
        const c = db.transaction('favorites').objectStore('favorites').count();
        c.onsuccess = () => res(c.result);
        c.onerror = () => res(-1);
      });
      db.close();
      resolve({ deals: deals.sort(), activity, notifications, favorites });
    };
  });
}

/** Wraps IndexedDB's writes: after the page's `__crashAt`-th request, block until killed. */
function armWrites() {
  const w = window as any;
  w.__writes = 0;
  for (const method of ['put', 'add', 'delete', 'clear'] as const) {
    const original = (IDBObjectStore.prototype as any)[method];
    (IDBObjectStore.prototype as any)[method] = function (...args: unknown[]) {
      const result = original.apply(this, args);
      w.__writes++;
      if (typeof w.__crashAt === 'number' && w.__writes >= w.__crashAt) {
        const x = new XMLHttpRequest();
        x.open('GET', '/__crash-point', false);
        try {
          x.send();
        } catch {
          // the renderer is gone before this matters
        }
      }
      return result;
    };
  }
}

/**
 * Kills every renderer process of the context's browser with SIGKILL, as the system would
 * (Chromium's Page.crash takes the whole headless browser down with it here). Only the page
 * under test is open when this runs.
 */
async function killRenderers(context: BrowserContext) {
  const browser = context.browser();
  if (!browser) throw new Error('no browser');
  const cdp = await browser.newBrowserCDPSession();
  const { processInfo } = (await cdp.send('SystemInfo.getProcessInfo')) as { processInfo: { id: number; type: string }[] };
  await cdp.detach();
  for (const p of processInfo.filter((p) => p.type === 'renderer')) {
    try {
      process.kill(p.id, 'SIGKILL');
    } catch {
      // gone already
    }
  }
}

/** A fresh page of the context that fails the test on a page error. */
async function freshPage(context: BrowserContext, problems: string[]): Promise<Page> {
  const page = await context.newPage();
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error' && /Content Security Policy|panicked|RuntimeError/i.test(m.text())) {
      problems.push(`console: ${m.text()}`);
    }
  });
  return page;
}

/** Storage as held now, read from a page of the origin that is not the app. */
async function held(context: BrowserContext): Promise<Held> {
  const page = await context.newPage();
  await page.goto('/data/users.json');
  const h = await page.evaluate(readHeld);
  await page.close();
  return h;
}

async function wipe(context: BrowserContext) {
  const page = await context.newPage();
  await page.goto('/data/users.json');
  await page.evaluate(
    () =>
      new Promise<void>((resolve, reject) => {
        const del = indexedDB.deleteDatabase('cosell');
        del.onsuccess = () => resolve();
        del.onerror = () => reject(del.error);
        del.onblocked = () => reject(new Error('deleting the database is blocked'));
      }),
  );
  await page.close();
}

interface Scenario {
  /** Brings the app (fresh storage) to the moment before the write; resolves with the page. */
  prepare: (app: CoSell) => Promise<void>;
  /** Starts the write (does not wait for it). */
  act: (app: CoSell) => Promise<void>;
  /** The write is done, as the user sees it. */
  done: (app: CoSell) => Promise<void>;
}

type Point = { write: number } | { afterMs: number };

/**
 * Runs the scenario once without a crash (the state before and after), then once per crash
 * point; after each crash the storage must hold one of the two, and the app must start.
 * Returns how many crash points were tried.
 */
async function crashEverywhere(context: BrowserContext, s: Scenario, points: (writes: number) => Point[]) {
  const problems: string[] = [];
  const run = async (point: Point | null) => {
    await wipe(context);
    const page = await freshPage(context, problems);
    await page.addInitScript(armWrites);
    const app = new CoSell(page);
    await s.prepare(app);
    const before = await page.evaluate(() => (window as any).__writes as number);
    const was = await held(context);
    // Set once the renderer is dead, so nothing later is killed by mistake.
    let killing: Promise<void> | null = null;
    let crashed = false;
    const crash = () => {
      killing ??= killRenderers(context).then(() => {
        crashed = true;
      });
      return killing;
    };
    await page.route('**/__crash-point', crash);
    if (point && 'write' in point) await page.evaluate((k) => ((window as any).__crashAt = k), before + point.write);
    await s.act(app);
    let writes = 0;
    if (point && 'afterMs' in point) {
      await page.waitForTimeout(point.afterMs);
      await crash();
    } else if (point) {
      await expect.poll(() => crashed, { timeout: 20_000 }).toBe(true);
    } else {
      await s.done(app);
      writes = (await page.evaluate(() => (window as any).__writes as number)) - before;
    }
    await page.close().catch(() => undefined);
    return { was, now: await held(context), writes };
  };

  const reference = await run(null);
  expect(reference.now, 'the write changes what is stored').not.toEqual(reference.was);
  expect(reference.writes).toBeGreaterThan(0);
  let tried = 0;
  for (const point of points(reference.writes)) {
    const { was, now } = await run(point);
    expect(was, 'every run starts from the same state').toEqual(reference.was);
    const whole = JSON.stringify(now) === JSON.stringify(reference.now);
    const none = JSON.stringify(now) === JSON.stringify(reference.was);
    expect(whole || none, `after a crash at ${JSON.stringify(point)} the storage holds the change whole or not at all`).toBe(true);
    // The app starts on what was left, without an error, and shows it.
    const page = await freshPage(context, problems);
    const app = new CoSell(page);
    await app.open('/');
    await expect(page.getByRole('alert')).toHaveCount(0);
    await page.close();
    tried++;
  }
  expect(problems).toEqual([]);
  return { tried, writes: reference.writes };
}

/** Every write request, then a few delays: at least `n` points, spread over the write. */
function spread(n: number) {
  return (writes: number): Point[] => {
    const step = Math.max(1, Math.floor(writes / n));
    const points: Point[] = [];
    for (let k = 1; k <= writes; k += step) points.push({ write: k });
    for (const afterMs of [0, 5, 20, 60]) points.push({ afterMs });
    return points;
  };
}

let total = 0;
test.afterAll(() => {
  console.log(`crash points tried in this worker: ${total}`);
});

test('a deal created in the wizard is stored whole or not at all, wherever the page dies', async ({ context }) => {
  test.setTimeout(240_000);
  const { tried, writes } = await crashEverywhere(
    context,
    {
      prepare: async (app) => {
        await app.open('/?demo=8');
        await fillNewDeal(app.page, { name: 'Crash-tested rollout', solution: 'Contoso Fleet Analytics', help: 'Proof of concept/Demo' });
      },
      act: async (app) => {
        await app.page.getByRole('button', { name: 'Create deal' }).click();
      },
      done: async (app) => {
        await expect(app.page.getByRole('heading', { level: 1, name: 'Crash-tested rollout' })).toBeVisible();
      },
    },
    spread(20),
  );
  console.log(`create: ${writes} write requests, ${tried} crash points`);
  total += tried;
});
