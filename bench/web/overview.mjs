// Dashboard figures for `make bench` (scripts/bench.sh runs it with the bench API serving web/dist):
//  - web_js_gzip_kb: gzipped size of the JavaScript the first page loads — the entry script of
//    dist/index.html and every module it preloads;
//  - web_overview_ms: time from navigation start to a rendered overview (KPI cards and the
//    department heatmap with every department) for 52 weeks, in headless Chromium, as an
//    executive; the median of a few cold loads, each in a fresh browser context.
// Usage: node bench/web/overview.mjs --base URL --token ADMIN --from D --to D --departments N --dist DIR --out FILE
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { gzipSync } from 'node:zlib';
import path from 'node:path';
import { parseArgs } from 'node:util';

const { values: args } = parseArgs({
  options: {
    base: { type: 'string' }, token: { type: 'string' }, from: { type: 'string' }, to: { type: 'string' },
    departments: { type: 'string' }, dist: { type: 'string' }, out: { type: 'string' }, loads: { type: 'string', default: '5' },
  },
});
const result = { web_js_gzip_kb: null, web_overview_ms: null };
const write = () => writeFileSync(args.out, JSON.stringify(result, null, 2) + '\n');

// 1. What the first page loads: <script type="module" src> and <link rel="modulepreload" href> of index.html.
const index = readFileSync(path.join(args.dist, 'index.html'), 'utf8');
const urls = [
  ...[...index.matchAll(/<script[^>]*type="module"[^>]*src="([^"]+)"/g)].map((m) => m[1]),
  ...[...index.matchAll(/<link[^>]*rel="modulepreload"[^>]*href="([^"]+)"/g)].map((m) => m[1]),
];
const files = [...new Set(urls)].map((u) => {
  const bytes = readFileSync(path.join(args.dist, u.replace(/^\//, '')));
  return { file: u, bytes: bytes.length, gzip_bytes: gzipSync(bytes, { level: 9 }).length };
});
result.web_js_gzip_kb = Math.round((files.reduce((s, f) => s + f.gzip_bytes, 0) / 1024) * 10) / 10;
result.web_js_bytes = files.reduce((s, f) => s + f.bytes, 0);
result.web_js_files = files;
write();

// 2. Time to a rendered overview.
const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
if (!existsSync(chromiumPath)) {
  result.web_reason = `no Chromium at ${chromiumPath}`;
  write();
  process.exit(0);
}
const require = createRequire(path.join(path.dirname(args.dist), 'package.json'));
const { chromium } = require('playwright-core');

const issue = await fetch(`${args.base}/api/v1/tokens`, {
  method: 'POST',
  headers: { Authorization: `Bearer ${args.token}`, 'Content-Type': 'application/json' },
  body: JSON.stringify({ name: 'bench-dashboard', role: 'executive' }),
});
if (!issue.ok) throw new Error(`POST /api/v1/tokens answered ${issue.status}`);
const { token } = await issue.json();

const browser = await chromium.launch({
  executablePath: chromiumPath,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const departments = Number(args.departments);
const times = [];
try {
  for (let i = 0; i < Number(args.loads); i++) {
    // A fresh context: empty cache and storage, the token put where the dashboard keeps it.
    const context = await browser.newContext({ locale: 'en-GB', viewport: { width: 1366, height: 900 } });
    await context.addInitScript((t) => sessionStorage.setItem('rollouthub.token', t), token);
    const page = await context.newPage();
    page.setDefaultTimeout(60_000);
    await page.goto(`${args.base}/?grain=week&from=${args.from}&to=${args.to}`);
    // Rendered: the KPI cards are there and the heatmap has a row for every department, or, when
    // it groups or windows its rows (200 departments at scale 10), some rows and a
    // data-departments attribute saying how many it holds.
    const ms = await page.waitForFunction(
      (n) => {
        const cards = document.querySelector('[data-testid="kpi-period"]');
        const heatmap = document.querySelector('[data-testid="depth-heatmap"]');
        const rows = heatmap ? heatmap.querySelectorAll('tbody tr').length : 0;
        const declared = Number(heatmap?.getAttribute('data-departments') ?? 0);
        return cards && (rows >= n || (rows > 0 && declared >= n)) ? performance.now() : null;
      },
      departments,
      { polling: 'raf' },
    );
    times.push(Math.round(await ms.jsonValue()));
    await context.close();
  }
} catch (e) {
  result.web_reason = `the overview did not render: ${String(e).split('\n')[0]}`;
} finally {
  await browser.close();
}
if (times.length > 0) {
  const sorted = [...times].sort((a, b) => a - b);
  result.web_overview_ms = sorted[Math.floor(sorted.length / 2)];
  result.web_overview_loads_ms = times;
}
write();
