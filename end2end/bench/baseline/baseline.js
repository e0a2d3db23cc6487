// The practical limit Co-sell's list is measured against (issue #8): plain JavaScript, no
// framework, reading the same IndexedDB records and rendering the same first page of the
// same table with the same search. Signed in as Co-sell's first demo user (Contoso, all
// locations), so it shows the same deals as the app's Inbound and Outbound tabs.
const PAGE = 50;
const ORG = 'contoso';
const USER = 'contoso-admin';
const rowsEl = document.getElementById('rows');
const countEl = document.getElementById('count');
const searchEl = document.getElementById('search');

// Co-sell's stored format (src/store/buckets.rs): referrals in 64 buckets, each an
// ArrayBuffer of lines `id TAB eTag TAB JSON`.
const BUCKETS = 64;
const bucketOf = (id) => {
  let hash = 0x811c9dc5;
  for (const byte of new TextEncoder().encode(id)) hash = Math.imul(hash ^ byte, 0x01000193) >>> 0;
  return hash % BUCKETS;
};
const decoder = new TextDecoder();
const encoder = new TextEncoder();
const linesOf = (buffer) => decoder.decode(buffer).split('\n').filter(Boolean);
const jsonOf = (line) => line.slice(line.indexOf('\t', line.indexOf('\t') + 1) + 1);

function open() {
  return new Promise((resolve, reject) => {
    // The version the app's copy has now (the app's schema moves on; the stores read here do not).
    const request = indexedDB.open('cosell');
    // Only in an empty browser (the import figure): the stores the app would create.
    request.onupgradeneeded = () => {
      const db = request.result;
      if (!db.objectStoreNames.contains('favorites')) db.createObjectStore('favorites', { keyPath: ['userId', 'referralId'] });
      for (const name of ['referral_buckets', 'activity_buckets', 'notification_buckets']) if (!db.objectStoreNames.contains(name)) db.createObjectStore(name);
      if (!db.objectStoreNames.contains('org_setups')) db.createObjectStore('org_setups', { keyPath: 'organizationId' });
    };
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

const done = (request) => new Promise((resolve, reject) => {
  request.onsuccess = () => resolve(request.result);
  request.onerror = () => reject(request.error);
});

const db = await open();
const tx = db.transaction(['referral_buckets', 'favorites']);
const [buckets, favorites] = await Promise.all([done(tx.objectStore('referral_buckets').getAll()), done(tx.objectStore('favorites').getAll())]);
const all = buckets.flatMap((b) => linesOf(b).map((line) => JSON.parse(jsonOf(line))));
const hearts = new Set(favorites.filter((f) => f.userId === USER).map((f) => f.referralId));
const own = all.filter((r) => r.organizationId === ORG);
// The app's default order: deals waiting for an answer first (soonest expiry first), then
// the most recently updated.
const waiting = (r) => (r.substatus === 'Received' || r.substatus === 'Pending') && r.expirationDateTime;
own.sort((a, b) => (waiting(b) ? 1 : 0) - (waiting(a) ? 1 : 0) || (waiting(a) && waiting(b) ? a.expirationDateTime.localeCompare(b.expirationDateTime) : 0) || b.updatedDateTime.localeCompare(a.updatedDateTime) || a.id.localeCompare(b.id));
// Search text per deal, lower-cased once: name, customer, city, CRM ID, DUNS.
const haystack = new Map(own.map((r) => [r.id, [r.name, r.customerProfile.name, r.customerProfile.address.city, r.externalReferenceId ?? '', r.customerProfile.ids?.duns ?? ''].join('\n').toLowerCase()]));
let direction = 'Incoming';

const money = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 });
function row(r) {
  const tr = document.createElement('tr');
  const heart = document.createElement('button');
  heart.type = 'button';
  heart.setAttribute('aria-label', 'Favorite');
  heart.setAttribute('aria-pressed', String(hearts.has(r.id)));
  heart.textContent = hearts.has(r.id) ? '♥' : '♡';
  heart.onclick = () => toggle(r.id, heart);
  const link = document.createElement('a');
  link.href = `#${r.id}`;
  link.textContent = r.name;
  link.onclick = (e) => {
    e.preventDefault();
    show(r);
  };
  const cells = [heart, link, r.customerProfile.name, r.type, r.substatus, `${r.details.currency} ${money.format(r.details.dealValue)}`, r.details.closingDateTime.slice(0, 10)];
  for (const c of cells) {
    const td = document.createElement('td');
    if (typeof c === 'string') td.textContent = c;
    else td.append(c);
    tr.append(td);
  }
  return tr;
}

function render() {
  const needle = searchEl.value.trim().toLowerCase();
  const matching = own.filter((r) => r.direction === direction && (!needle || haystack.get(r.id).includes(needle)));
  rowsEl.replaceChildren(...matching.slice(0, PAGE).map(row));
  countEl.textContent = `${matching.length} deals`;
}

function toggle(id, button) {
  const on = !hearts.has(id);
  if (on) hearts.add(id);
  else hearts.delete(id);
  button.setAttribute('aria-pressed', String(on));
  button.textContent = on ? '♥' : '♡';
  const store = db.transaction('favorites', 'readwrite').objectStore('favorites');
  if (on) store.put({ userId: USER, referralId: id });
  else store.delete([USER, id]);
}

function show(r) {
  document.getElementById('deal-name').textContent = r.name;
  const facts = [['Customer', r.customerProfile.name], ['Status', r.substatus], ['Value', `${r.details.currency} ${money.format(r.details.dealValue)}`], ['Close date', r.details.closingDateTime.slice(0, 10)], ['Notes', r.details.notes ?? '']];
  document.getElementById('deal-facts').replaceChildren(...facts.flatMap(([k, v]) => {
    const dt = document.createElement('dt');
    dt.textContent = k;
    const dd = document.createElement('dd');
    dd.textContent = v;
    return [dt, dd];
  }));
  document.getElementById('deal').hidden = false;
}

for (const [id, dir] of [['tab-inbound', 'Incoming'], ['tab-outbound', 'Outgoing']]) {
  document.getElementById(id).onclick = () => {
    direction = dir;
    for (const t of document.querySelectorAll('[role="tab"]')) t.setAttribute('aria-selected', String(t.id === id));
    render();
  };
}
searchEl.oninput = render;

// Import: every row checked (a name, a number, a date), then all written in one transaction.
document.getElementById('import').onchange = async (e) => {
  const status = document.getElementById('import-status');
  const text = await e.target.files[0].text();
  const [header, ...lines] = text.split(/\r?\n/).filter(Boolean);
  const columns = header.split(',');
  const at = (name) => columns.indexOf(name);
  const [name, customer, value, currency, close] = ['Deal name', 'Customer name', 'Value', 'Currency', 'Estimated close date'].map(at);
  const problems = [];
  const records = lines.map((line, i) => {
    const cells = line.split(',');
    if (!cells[name] || Number.isNaN(Number(cells[value])) || !/^\d{4}-\d{2}-\d{2}$/.test(cells[close])) problems.push(i + 2);
    return { id: crypto.randomUUID(), organizationId: ORG, name: cells[name], direction: 'Outgoing', substatus: 'Accepted', type: 'Private', updatedDateTime: new Date().toISOString(), customerProfile: { name: cells[customer], address: { city: '' }, ids: {} }, details: { dealValue: Number(cells[value]), currency: cells[currency], closingDateTime: `${cells[close]}T00:00:00Z` } };
  });
  if (problems.length) {
    status.textContent = `${problems.length} problems found.`;
    return;
  }
  // Each new record joins its bucket: read the buckets, add the lines, write them back.
  const write = db.transaction('referral_buckets', 'readwrite');
  const store = write.objectStore('referral_buckets');
  const byBucket = new Map();
  for (const r of records) {
    const key = bucketOf(r.id);
    if (!byBucket.has(key)) byBucket.set(key, []);
    byBucket.get(key).push(`${r.id}\t\t${JSON.stringify(r)}`);
  }
  const stored = await Promise.all([...byBucket.keys()].map((key) => done(store.get(key))));
  [...byBucket].forEach(([key, added], i) => {
    const before = stored[i] ? decoder.decode(stored[i]) : '';
    store.put(encoder.encode(`${before}${added.join('\n')}\n`).buffer, key);
  });
  await new Promise((resolve, reject) => {
    write.oncomplete = resolve;
    write.onerror = () => reject(write.error);
  });
  status.textContent = `Imported ${records.length} deals.`;
};

render();
