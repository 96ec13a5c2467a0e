// The web application driven in headless Chromium as its users would: a skribent writes and submits
// an assessment, the controller approves it from the review queue; another unit's form is refused
// (403) in the UI and the API; a concurrent edit shows both versions; the checklist blocks "klar"
// until waived; fastställd locks every write path. Every page visited is checked with axe-core,
// and screenshots are saved.
//
//   STYR_URL=http://127.0.0.1:PORT STYR_PASSWORD=… STYR_SKRIBENT_TOKEN=… STYR_ADMIN_TOKEN=… \
//   STYR_ARTEFACTS=DIR node tests/browser/web-flow.mjs
//
// Run by crates/styr-cli/tests/web_browser.rs, which starts `styr serve` on a fresh database with
// the demo and the accounts admin, controller, skribent (unit aldre) and lasare. Every wait is for an
// element, a URL or a response; there are no fixed sleeps. Exits 1 with the failed step on failure.
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { launchChromium } from './launch.mjs';

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/// axe-core's violations on the page. The app's CSP forbids every script, so axe is not added as a
/// script tag but evaluated through the DevTools protocol, which the page's CSP does not govern.
async function axeViolations(page) {
  if (!(await page.evaluate(() => typeof window.axe !== 'undefined'))) await page.evaluate(axeSource);
  const result = await page.evaluate(async () => await window.axe.run(document, { resultTypes: ['violations'] }));
  return result.violations;
}

const URL = process.env.STYR_URL;
const PASSWORD = process.env.STYR_PASSWORD;
const ARTEFACTS = process.env.STYR_ARTEFACTS;
const SKRIBENT_TOKEN = process.env.STYR_SKRIBENT_TOKEN;
const ADMIN_TOKEN = process.env.STYR_ADMIN_TOKEN;
for (const [name, v] of Object.entries({ STYR_URL: URL, STYR_PASSWORD: PASSWORD, STYR_ARTEFACTS: ARTEFACTS, STYR_SKRIBENT_TOKEN: SKRIBENT_TOKEN, STYR_ADMIN_TOKEN: ADMIN_TOKEN })) {
  if (!v) {
    console.error(`web-flow.mjs: ${name} is not set`);
    process.exit(2);
  }
}
mkdirSync(ARTEFACTS, { recursive: true });

const ROUND = '/n/0126-von/2023/d2';
const OTHER_ROUND = '/n/9998-sn/2024/d2';
const GOAL = 'aldre-trygghet';
const OTHER_GOAL = 'aldre-sjalvstandighet';
const API_GOAL = (goal) => `${URL}/api/v1/committees/0126-von/years/2023/rounds/d2/goals/${goal}/assessment`;

const axeFailures = [];
const cspErrors = [];
const checked = new Set();

/// Runs axe-core on the page as it is now (once per distinct page, keyed by `name`).
async function axe(page, name) {
  if (checked.has(name)) return;
  checked.add(name);
  const violations = await axeViolations(page);
  for (const v of violations) {
    const line = `${name} (${page.url()}): ${v.impact} ${v.id}: ${v.help}: ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`;
    console.log(`  axe: ${line}`);
    if (v.impact === 'serious' || v.impact === 'critical') axeFailures.push(line);
  }
}

/// Goes to `path`, expects `status`, and checks the page with axe-core.
async function visit(page, path, name, status = 200) {
  const response = await page.goto(URL + path, { waitUntil: 'load' });
  assert.equal(response.status(), status, `GET ${path} answered ${response.status()}, expected ${status}`);
  await axe(page, name);
  return response;
}

async function step(name, fn) {
  process.stdout.write(`- ${name} … `);
  await fn();
  console.log('ok');
}

async function signIn(browser, username, viewport = { width: 1280, height: 900 }) {
  const context = await browser.newContext({ viewport, locale: 'sv-SE' });
  // A step that waits longer than this has failed; the message names what it waited for.
  context.setDefaultTimeout(15000);
  const page = await context.newPage();
  page.on('console', (m) => {
    if (m.type() === 'error' && /Content Security Policy/i.test(m.text())) cspErrors.push(`${page.url()}: ${m.text()}`);
  });
  await visit(page, '/login', 'login');
  await page.fill('#username', username);
  await page.fill('#password', PASSWORD);
  await Promise.all([page.waitForURL(`${URL}/`), page.click('button:has-text("Logga in")')]);
  return { context, page };
}

/// The session's CSRF token, read from the logout form of the current page.
async function csrfOf(page) {
  return page.locator('form[action="/logout"] input[name="csrf"]').getAttribute('value');
}

/// Submits the form that holds `button` and waits for the page it leads to.
async function submit(page, button) {
  const [response] = await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.click(button)]);
  return response;
}

const browser = await launchChromium();
let failed = false;
try {
  const skribent = await signIn(browser, 'skribent');
  const controller = await signIn(browser, 'controller');
  const admin = await signIn(browser, 'admin');
  const s = skribent.page;
  const c = controller.page;
  const a = admin.page;

  await step('the start page lists the round and the overview shows goals, economics and indicator staleness', async () => {
    await axe(s, 'home');
    await s.click(`a[href="${ROUND}"]`);
    await s.waitForURL(URL + ROUND);
    await axe(s, 'overview');
    await s.locator('h2:has-text("Indikatorer: ägare och senaste utfall")').waitFor();
    assert.ok(await s.locator('text=Senast uppdaterad').count() > 0);
    assert.ok(await s.locator('td:has-text("controller")').count() > 0, 'the owner named with styr user assign-indicator is shown');
    await s.screenshot({ path: join(ARTEFACTS, 'overview.png'), fullPage: true });
  });

  await step('the overview is keyboard-usable: the first Tab reaches the skip link, which moves to the content', async () => {
    await s.goto(URL + ROUND);
    await s.keyboard.press('Tab');
    assert.equal(await s.evaluate(() => document.activeElement.textContent.trim()), 'Hoppa till innehållet');
    await s.keyboard.press('Enter');
    await s.waitForURL(/#innehall$/);
  });

  await step('on a tablet (768 × 1024) the overview and a goal page need no sideways scrolling', async () => {
    const tablet = await browser.newContext({ viewport: { width: 768, height: 1024 }, storageState: await skribent.context.storageState() });
    const t = await tablet.newPage();
    for (const path of [ROUND, `${ROUND}/mal/${GOAL}`, `${ROUND}/arbetsflode`]) {
      await t.goto(URL + path);
      const overflow = await t.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      assert.ok(overflow <= 0, `${path} is ${overflow}px wider than a tablet`);
    }
    await t.goto(URL + ROUND);
    await t.screenshot({ path: join(ARTEFACTS, 'overview-tablet.png'), fullPage: true });
    await tablet.close();
  });

  await step('a skribent writes an assessment for their unit and submits it for review', async () => {
    await s.goto(URL + ROUND);
    await Promise.all([s.waitForURL(`${URL}${ROUND}/mal/${GOAL}`), s.click(`main a[href="${ROUND}/mal/${GOAL}"] >> nth=0`)]);
    await axe(s, 'goal');
    await s.screenshot({ path: join(ARTEFACTS, 'goal.png'), fullPage: true });
    await Promise.all([s.waitForURL(/\/bedomning$/), s.click('a:has-text("Skriv bedömningen")')]);
    await axe(s, 'goal-edit');
    await s.selectOption('#level', { index: 1 });
    await s.fill('#motivation', 'Tryggheten har ökat enligt brukarundersökningen.');
    await s.fill('#analysis', 'Fler besök av samma personal.');
    await s.fill('#work_done', 'Kontinuitetsarbete i hemtjänsten.');
    await Promise.all([s.waitForURL(/sparad=1/), s.click('button:has-text("Spara")')]);
    await s.locator('text=Bedömningen är sparad.').waitFor();
    await s.locator('dd:has-text("Tryggheten har ökat enligt brukarundersökningen.")').waitFor();
    await submit(s, 'button:has-text("Lämna till granskning")');
    await s.locator('text=bedömningens status: Klar för granskning').waitFor();
  });

  await step('it appears in the controller\'s review queue and the controller approves it', async () => {
    await visit(c, `${ROUND}/arbetsflode`, 'workflow');
    const item = c.locator('li', { hasText: 'inlämnad av skribent' });
    await item.waitFor();
    await Promise.all([c.waitForURL(`${URL}${ROUND}/mal/${GOAL}`), item.locator('a').click()]);
    await submit(c, 'button:has-text("Godkänn bedömningen")');
    await c.locator('text=bedömningens status: Godkänd').waitFor();
    await c.goto(`${URL}${ROUND}/arbetsflode`);
    assert.equal(await c.locator('li', { hasText: 'inlämnad av skribent' }).count(), 0, 'the queue is empty after approval');
  });

  await step('a skribent cannot open another unit\'s form (403), nor post it, and the API refuses the same write', async () => {
    await visit(s, `${ROUND}/mal/${OTHER_GOAL}`, 'goal-read-only');
    assert.equal(await s.locator('a:has-text("Skriv bedömningen"), a:has-text("Redigera bedömningen")').count(), 0, 'no edit link');
    const csrf = await csrfOf(s);
    await visit(s, `${ROUND}/mal/${OTHER_GOAL}/bedomning`, 'forbidden', 403);
    await s.locator('text=Åtkomst nekad').first().waitFor();
    const post = await s.request.post(`${URL}${ROUND}/mal/${OTHER_GOAL}/bedomning`, {
      form: { csrf, revision: '0', level: '', motivation: 'inte min', analysis: '', work_done: '' }, maxRedirects: 0,
    });
    assert.equal(post.status(), 403);
    const put = await s.request.put(API_GOAL(OTHER_GOAL), {
      headers: { Authorization: `Bearer ${SKRIBENT_TOKEN}` }, data: { level: null, motivation: 'inte min', revision: 0 },
    });
    assert.equal(put.status(), 403, await put.text());
    const read = await s.request.get(API_GOAL(OTHER_GOAL), { headers: { Authorization: `Bearer ${SKRIBENT_TOKEN}` } });
    assert.equal((await read.json()).revision, 0, 'nothing was written');
  });

  await step('a concurrent edit is refused with both versions side by side', async () => {
    await c.goto(`${URL}${ROUND}/mal/${GOAL}/bedomning`);
    await a.goto(`${URL}${ROUND}/mal/${GOAL}/bedomning`);
    await c.fill('#motivation', 'Controllerns version av motiveringen.');
    await Promise.all([c.waitForURL(/sparad=1/), c.click('button:has-text("Spara")')]);
    await a.fill('#motivation', 'Administratörens version av motiveringen.');
    const response = await submit(a, 'button:has-text("Spara")');
    assert.equal(response.status(), 409);
    await a.locator('text=Någon annan har sparat bedömningen medan du skrev').waitFor();
    await a.locator('section:has(h2:has-text("Din version")) >> text=Administratörens version av motiveringen.').waitFor();
    await a.locator('section:has(h2:has-text("Sparad version")) >> text=Controllerns version av motiveringen.').waitFor();
    assert.equal(await a.inputValue('#motivation'), 'Administratörens version av motiveringen.', 'the unsaved text is kept in the form');
    await axe(a, 'conflict');
    await a.screenshot({ path: join(ARTEFACTS, 'conflict.png'), fullPage: true });
    const stored = await a.request.get(API_GOAL(GOAL), { headers: { Authorization: `Bearer ${ADMIN_TOKEN}` } });
    assert.equal((await stored.json()).motivation, 'Controllerns version av motiveringen.', 'nothing overwritten');
  });

  await step('a comment on the goal is shown with its author', async () => {
    await c.goto(`${URL}${ROUND}/mal/${GOAL}`);
    await c.fill('#comment', 'Lägg gärna till siffran från undersökningen.');
    await submit(c, 'button:has-text("Kommentera")');
    await c.locator('ul.comments li:has-text("Lägg gärna till siffran från undersökningen.")').waitFor();
  });

  await step('the reading pages: economics with drill-down, uppdrag, intern kontroll, texter, the report preview', async () => {
    await visit(c, `${ROUND}/ekonomi`, 'economics');
    await c.locator('table caption').first().waitFor();
    const child = c.locator('ul.units a').first();
    const childName = (await child.textContent()).trim();
    await Promise.all([c.waitForURL(/\/ekonomi\/[^/]+$/), child.click()]);
    await c.locator(`nav.crumbs [aria-current="page"]:has-text("${childName}")`).waitFor();
    await axe(c, 'economics-unit');
    // Huddinge's delår 2 and Exempelkommun's (which has texts, uppdrag and intern kontroll typed).
    for (const round of [ROUND, OTHER_ROUND]) {
      await visit(c, round, `overview ${round}`);
      for (const [path, name, heading] of [['/uppdrag', 'commissions', 'Uppdrag'], ['/intern-kontroll', 'internal-control', 'Intern kontroll'], ['/texter', 'sections', 'Texter']]) {
        await visit(c, round + path, `${name} ${round}`);
        await c.locator(`h1:has-text("${heading}")`).waitFor();
        if (round === OTHER_ROUND) assert.ok(await c.locator('main table, main section.prose').count() > 0, `${round}${path} shows its content`);
      }
      await visit(c, `${round}/rapport`, `report ${round}`);
    }
    await visit(c, `${ROUND}/rapport`, 'report');
    await c.locator('h1').first().waitFor();
    const styled = await c.evaluate(() => getComputedStyle(document.body).fontFamily);
    assert.ok(styled.length > 0);
    await c.screenshot({ path: join(ARTEFACTS, 'report.png') });
  });

  await step('the checklist blocks "klar" until each failing rule is waived with a reason', async () => {
    await c.goto(`${URL}${ROUND}/arbetsflode`);
    const refused = await submit(c, 'button:has-text("Markera klar för granskning")');
    assert.equal(refused.status(), 409);
    await c.locator('text=Checklistan är inte uppfylld').waitFor();
    await axe(c, 'refused');
    await c.goto(`${URL}${ROUND}/arbetsflode`);
    let waived = 0;
    while (await c.locator('form[action$="/undantag"]').count() > 0) {
      const form = c.locator('form[action$="/undantag"]').first();
      await form.locator('input[name="reason"]').fill('Känd brist, åtgärdas till helåret.');
      await Promise.all([c.waitForNavigation({ waitUntil: 'load' }), form.locator('button').click()]);
      waived += 1;
      assert.ok(waived < 10, 'the waivers end');
    }
    assert.ok(waived > 0, 'something was waived');
    await c.locator('text=undantagen av controller').first().waitFor();
    await submit(c, 'button:has-text("Markera klar för granskning")');
    await c.locator('text=Omgångens status: Klar för granskning').waitFor();
    await submit(c, 'button:has-text("Godkänn omgången")');
    await c.locator('text=Omgångens status: Godkänd').waitFor();
    await axe(c, 'workflow-adopt');
    await c.fill('#meeting_date', '2023-10-18');
    await c.fill('#paragraph', '112');
    await c.fill('#diarienummer', 'VON-2023/451');
    await submit(c, 'button:has-text("Fastställ")');
    await c.locator('text=Omgångens status: Fastställd').waitFor();
    await c.locator('text=Fastställd av nämnden 2023-10-18 § 112, dnr VON-2023/451.').waitFor();
  });

  await step('fastställd locks every write path, in the UI and the API, and says why', async () => {
    await visit(s, `${ROUND}/mal/${GOAL}`, 'goal-locked');
    assert.equal(await s.locator('a:has-text("Redigera bedömningen"), #comment, button:has-text("Lämna till granskning")').count(), 0, 'no write controls');
    const sc = await csrfOf(s);
    const cc = await csrfOf(c);
    await visit(s, `${ROUND}/mal/${GOAL}/bedomning`, 'locked', 409);
    await s.locator('text=fastställd av nämnden 2023-10-18 § 112 (dnr VON-2023/451)').waitFor();
    const before = await (await s.request.get(API_GOAL(GOAL), { headers: { Authorization: `Bearer ${ADMIN_TOKEN}` } })).json();
    const writes = [
      [s, `${ROUND}/mal/${GOAL}/bedomning`, { csrf: sc, revision: String(before.revision), level: '', motivation: 'för sent', analysis: '', work_done: '' }],
      [s, `${ROUND}/mal/${GOAL}/status`, { csrf: sc, to: 'klar' }],
      [s, `${ROUND}/mal/${GOAL}/kommentar`, { csrf: sc, body: 'för sent' }],
      [c, `${ROUND}/mal/${GOAL}/status`, { csrf: cc, to: 'godkand' }],
      [c, `${ROUND}/undantag`, { csrf: cc, rule: 'totals', reason: 'för sent' }],
      [c, `${ROUND}/arbetsflode`, { csrf: cc, action: 'klar' }],
    ];
    for (const [who, path, form] of writes) {
      const r = await who.request.post(URL + path, { form, maxRedirects: 0 });
      assert.equal(r.status(), 409, `POST ${path} answered ${r.status()}`);
      assert.match(await r.text(), /fastställd/);
    }
    const put = await a.request.put(API_GOAL(GOAL), {
      headers: { Authorization: `Bearer ${ADMIN_TOKEN}` }, data: { level: null, motivation: 'för sent', revision: before.revision },
    });
    assert.equal(put.status(), 409);
    assert.match((await put.json()).error, /fastställd av nämnden 2023-10-18/);
    const after = await (await a.request.get(API_GOAL(GOAL), { headers: { Authorization: `Bearer ${ADMIN_TOKEN}` } })).json();
    assert.deepEqual(after, before, 'nothing changed while locked');
    await visit(a, `${ROUND}/arbetsflode`, 'workflow-locked');
    await a.locator('button:has-text("Öppna igen")').waitFor();
  });

  await step('no page broke its Content-Security-Policy', async () => {
    assert.deepEqual(cspErrors, []);
  });

  await step(`every page passes axe-core with no serious or critical violation (${checked.size} pages)`, async () => {
    assert.deepEqual(axeFailures, []);
  });
} catch (e) {
  failed = true;
  console.log('FAILED');
  console.error(e.stack || String(e));
} finally {
  await browser.close();
}
console.log(`screenshots in ${ARTEFACTS}`);
process.exit(failed ? 1 : 0);
