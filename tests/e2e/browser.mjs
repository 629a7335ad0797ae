// Shared helpers for the end-to-end tests: Debian's Chromium driven by playwright-core
// (which cannot download browsers here), a base URL, demo sign-in and screenshots.
import { createRequire } from 'node:module';
import { mkdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const here = path.dirname(fileURLToPath(import.meta.url));
const require = createRequire(path.join(here, '../../web/package.json'));
const { chromium } = require('playwright-core');

export const baseUrl = (process.env.E2E_BASE_URL ?? 'http://127.0.0.1:4173').replace(/\/$/, '');
export const screenshotDir = path.join(here, 'screenshots');
mkdirSync(screenshotDir, { recursive: true });

export async function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

const problems = [];

/**
 * A fresh browser context (its own sessionStorage) in the given language. Whatever goes wrong in
 * it is recorded for takeProblems(): uncaught errors, console errors, requests that fail, and
 * answers of 400 or more, except the statuses a test expects (page.expectStatus(401)).
 */
export async function newPage(browser, { locale = 'fr-FR', viewport = { width: 1366, height: 900 } } = {}) {
  // The app's own Content-Security-Policy stays on: a violation is a console error, a failure.
  const context = await browser.newContext({ locale, viewport });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  const expected = new Set();
  page.expectStatus = (status) => expected.add(status);
  page.on('pageerror', (e) => problems.push(`uncaught: ${e}`));
  page.on('console', (m) => {
    // Chromium also logs each answer of 400 or more as a console error; those are judged below.
    if (m.type() === 'error' && !/^Failed to load resource: the server responded with a status of \d+/.test(m.text()))
      problems.push(`console error: ${m.text()}`);
  });
  page.on('requestfailed', (r) => {
    // A request cut short by leaving the page (or closing it) is not a failure of the app.
    const reason = r.failure()?.errorText ?? '';
    if (reason !== 'net::ERR_ABORTED') problems.push(`request failed: ${r.method()} ${r.url()} ${reason}`);
  });
  page.on('response', (r) => {
    if (r.status() >= 400 && !expected.has(r.status())) problems.push(`${r.status()} answer: ${r.request().method()} ${r.url()}`);
  });
  return page;
}

/** What went wrong in the pages opened since the last call (see newPage), and forget it. */
export function takeProblems() {
  return problems.splice(0, problems.length);
}

/**
 * A screenshot of the page once every section has loaded: a section still "Loading…" after
 * the default timeout fails the test (a query that never ends is a bug users would see).
 */
export async function shot(page, name, fullPage = true) {
  await page.waitForFunction(() => !/Loading…|Chargement…/.test(document.querySelector('main')?.innerText ?? ''));
  await page.screenshot({ path: path.join(screenshotDir, `${name}.png`), fullPage });
}

const demoLabels = {
  fr: { executive: 'direction', champion: 'champion (référent)', hr: 'RH', admin: 'administrateur' },
  en: { executive: 'executive', champion: 'champion', hr: 'HR', admin: 'admin' },
};

/** Sign in with the one-click demo button of a role (the API must run in demonstration mode). */
export async function signInAsDemo(page, role, lang = 'fr') {
  await page.goto(`${baseUrl}/sign-in`);
  const name = lang === 'fr' ? `Se connecter en tant que ${demoLabels.fr[role]} (démo)` : `Sign in as demo ${demoLabels.en[role]}`;
  await page.getByRole('button', { name, exact: true }).click();
  await page.waitForURL((url) => !url.pathname.endsWith('/sign-in'));
  await page.locator('main h1').first().waitFor();
}

/** GET an API path as the demonstration admin, as JSON. */
export async function apiAsAdmin(path) {
  return apiAs('admin', path);
}

/** GET an API path as one of the demonstration roles; the answer as JSON. */
export async function apiAs(role, path) {
  const token = (await demoTokens()).find((t) => t.role === role);
  const res = await fetch(`${baseUrl}/api/v1${path}`, { headers: { Authorization: `Bearer ${token.token}`, Accept: 'application/json' } });
  if (!res.ok) throw new Error(`GET ${path} as ${role} answered ${res.status}`);
  return res.json();
}

/** Send a body to an API path as the demonstration admin (a CSV import, a JSON write); the answer as JSON. */
export async function sendAsAdmin(method, path, body, contentType = 'application/json') {
  const admin = (await demoTokens()).find((t) => t.role === 'admin');
  const res = await fetch(`${baseUrl}/api/v1${path}`, {
    method,
    headers: { Authorization: `Bearer ${admin.token}`, Accept: 'application/json', 'Content-Type': contentType },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${path} answered ${res.status}: ${text}`);
  return text ? JSON.parse(text) : undefined;
}

/** The API's demo tokens, for tests that call the API directly. */
export async function demoTokens() {
  const res = await fetch(`${baseUrl}/api/v1/demo/tokens`);
  if (!res.ok) throw new Error(`GET /api/v1/demo/tokens answered ${res.status}: is the API running with Demo__Seed=true?`);
  return res.json();
}

export const normalise = (s) => (s ?? '').replace(/[\u00a0\u202f]/g, ' ');

/**
 * Accessibility check of the page as it stands, with axe-core (WCAG 2.1 A/AA rules).
 * Returns the violations as "rule: target" strings, so a failing assertion says what to fix.
 */
export async function accessibilityViolations(page, { exclude = [] } = {}) {
  // Evaluated through the DevTools protocol, which the page's CSP does not govern (a script tag would be refused).
  await page.evaluate(readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8'));
  const result = await page.evaluate(async (exclude) => {
    // eslint-disable-next-line no-undef
    const r = await axe.run({ exclude: exclude.map((e) => [e]) }, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    return r.violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
  }, exclude);
  return result;
}
