// e2e.js: the web view in a real browser. Debian's chromium, driven by
// playwright-core (no browser download), against a running `dyad serve`
// holding the two seed articles and an article full of <script> and quotes.
// Prints one "ok - ..." or "not ok - ..." line per check (test_web.sh turns
// them into TAP) and saves a screenshot of each page into $SHOTS.
//
// Environment: BASE (http://127.0.0.1:PORT), SHOTS (folder), PW (the
// playwright-core module folder), XSS_ID (the id of the <script> article).
'use strict';
const fs = require('fs');
const os = require('os');
const path = require('path');
const { chromium } = require(process.env.PW);

const BASE = process.env.BASE;
const SHOTS = process.env.SHOTS;
let failed = 0;
function check(name, cond, detail) {
  if (cond) console.log(`ok - ${name}`);
  else { failed++; console.log(`not ok - ${name}${detail !== undefined ? ` (${detail})` : ''}`); }
}

async function main() {
  fs.mkdirSync(SHOTS, { recursive: true });
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'dyad-chromium-'));
  const ctx = await chromium.launchPersistentContext(profile, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
           '--disable-background-networking', '--disable-component-update', '--disable-sync',
           '--disable-dev-shm-usage'],
    viewport: { width: 1280, height: 900 },
    timeout: 60000,
  });
  const outside = [], errors = [], dialogs = [];
  // Nothing but the server may be asked for: no CDN, no network.
  await ctx.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith(BASE + '/')) return route.continue();
    outside.push(url);
    return route.abort();
  });
  const page = ctx.pages()[0] || await ctx.newPage();
  page.setDefaultTimeout(20000);
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  page.on('dialog', (d) => { dialogs.push(d.message()); d.dismiss(); });
  const shot = (name) => page.screenshot({ path: path.join(SHOTS, name), fullPage: true });
  const text = async (sel) => ((await page.textContent(sel)) || '').trim();

  try {
    // Overview.
    await page.goto(BASE + '/');
    check('overview: title', (await page.title()).startsWith('Overview'));
    check('overview: 3 articles', await text('#total-documents') === '3', await text('#total-documents'));
    const events = Number(await text('#total-events'));
    check('overview: events counted', events >= 10, events);
    check('overview: cooperation/conflict chart drawn',
          await page.locator('svg.chart g.coop polyline').count() === 1 &&
          await page.locator('svg.chart circle').count() >= 2);
    const dyads = await page.locator('table.dyads tbody tr').allTextContents();
    check('overview: most active dyads list BLRGOV and CHN',
          dyads.some((r) => r.includes('BLRGOV') && r.includes('CHN')), dyads[0]);
    await shot('overview.png');

    // Follow an event to its article.
    const link = page.locator('table.events a.ev-link').first();
    const docId = ((await link.textContent()) || '').trim();
    await Promise.all([page.waitForURL(/\/article\?id=/), link.click()]);
    check('article: reached from an event', (await text('#article-id')) === docId, docId);
    check('article: actors marked', await page.locator('mark.actor').count() >= 2);
    check('article: verbs marked', await page.locator('mark.verb').count() >= 1);
    check('article: sentences shown', await page.locator('p.sent').count() >= 5);
    check('article: its event sentence is the target',
          await page.locator('p.sent:target').count() === 1, page.url());
    check('article: quotes listed', await page.locator('blockquote.quote').count() >= 1);
    await shot('article.png');

    // The events table filtered by dyad through its form.
    await page.goto(BASE + '/events');
    const all = await text('#events-count strong');
    await page.fill('#f-dyad', 'BLR:CHN');
    await Promise.all([page.waitForURL(/dyad=BLR%3ACHN/), page.click('#f-submit')]);
    const n = Number(await text('#events-count strong'));
    const srcs = await page.locator('table.events td.src').allTextContents();
    const tgts = await page.locator('table.events td.tgt').allTextContents();
    check('events: filtered by dyad BLR:CHN', n > 0 && n < Number(all), `${n} of ${all}`);
    check('events: every row is BLR* -> CHN*', srcs.length === n &&
          srcs.every((s) => s.startsWith('BLR')) && tgts.every((t) => t.startsWith('CHN')),
          `${srcs} / ${tgts}`);
    check('events: filter kept in the form', await page.inputValue('#f-dyad') === 'BLR:CHN');
    await shot('events.png');

    // The article that tries to run script: shown as text, never run.
    await page.goto(BASE + '/article?id=' + encodeURIComponent(process.env.XSS_ID));
    const title = await text('#article-title');
    check('xss: title shown as text', title.includes('<script>window.__xss=1</script>') &&
          title.includes('& "Xi"'), title);
    check('xss: body <script> and onerror shown as text',
          (await page.textContent('article')).includes('<img src=x onerror="window.__xss=2">') &&
          (await page.textContent('article')).includes("O'Brien's"));
    check('xss: nothing ran', (await page.evaluate(() => window.__xss)) === undefined &&
          dialogs.length === 0, dialogs.join('; '));
    check('xss: no injected elements', await page.locator('article script, article img').count() === 0);
    await shot('article-xss.png');

    // Actor and dyad pages.
    await page.goto(BASE + '/actor?code=BLR');
    check('actor: BLR page with its chart', await text('#actor-code') === 'BLR' &&
          await page.locator('svg.chart polyline').count() === 2);
    check('actor: its quotes', await page.locator('blockquote.quote').count() >= 1);
    await shot('actor.png');
    await page.goto(BASE + '/dyad?a=BLR&b=CHN');
    const rows = await page.locator('table.series tbody tr').count();
    check('dyad: BLR and CHN both ways', await page.locator('svg.chart polyline').count() === 2 &&
          rows >= 2, rows);
    await shot('dyad.png');

    // Search.
    await page.goto(BASE + '/search');
    await page.fill('#f-q', 'Beijing');
    await Promise.all([page.waitForURL(/q=Beijing/), page.press('#f-q', 'Enter')]);
    check('search: Beijing finds the articles', await page.locator('ol.hits li').count() >= 2);
    check('search: matches marked', await page.locator('.snippet mark').count() >= 1);
    await shot('search.png');

    // The API as a client sees it.
    const api = await page.request.get(BASE + '/api/events?dyad=BLR:CHN&either=1&total=1&limit=5');
    const body = await api.json();
    check('api: events as JSON', api.status() === 200 && body.total > 0 && body.events.length > 0,
          api.status());
    const missing = await page.request.get(BASE + '/api/nothing');
    check('api: unknown path 404 with a JSON error', missing.status() === 404 &&
          (await missing.json()).error.status === 404);
    const nopage = await page.goto(BASE + '/no/such/page');
    check('pages: unknown path 404', nopage.status() === 404);

    check('nothing fetched from outside the server', outside.length === 0, outside.join(' '));
    check('no script errors', errors.filter((e) => !e.includes('404')).length === 0,
          errors.join('; '));
  } catch (e) {
    check('browser session', false, String(e).split('\n')[0]);
  } finally {
    await ctx.close();
    fs.rmSync(profile, { recursive: true, force: true });
  }
}

main().then(() => process.exit(failed ? 1 : 0),
            (e) => { console.log(`not ok - browser: ${String(e).split('\n')[0]}`); process.exit(1); });
