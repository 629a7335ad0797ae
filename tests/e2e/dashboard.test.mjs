// End-to-end: the built dashboard against the real API with demonstration data.
// Run through scripts/e2e.sh, which starts both and sets E2E_BASE_URL.
import { after, afterEach, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { accessibilityViolations, apiAs, apiAsAdmin, baseUrl, demoTokens, launch, newPage, normalise, sendAsAdmin, shot, signInAsDemo, takeProblems } from './browser.mjs';

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});
// Every test fails on an uncaught error, a console error, a failed request or an unexpected error answer.
afterEach(() => {
  assert.deepEqual(takeProblems(), []);
});

describe('sign-in', () => {
  it('offers a demo button per role and explains a rejected token', async () => {
    const page = await newPage(browser);
    await page.goto(`${baseUrl}/`);
    await page.waitForURL(/\/sign-in$/);
    for (const label of ['direction', 'champion (référent)', 'RH', 'administrateur'])
      await page.getByRole('button', { name: `Se connecter en tant que ${label} (démo)` }).waitFor();
    await shot(page, 'sign-in-fr');
    assert.deepEqual(await accessibilityViolations(page), []);
    page.expectStatus(401);
    await page.getByLabel('Jeton d’accès').fill('not-a-token');
    await page.getByRole('button', { name: 'Se connecter', exact: true }).click();
    await page.getByText('Ce jeton n’a pas été accepté', { exact: false }).waitFor();
    await page.context().close();
  });
});

describe('executive', () => {
  it('reads the overview in French: five KPIs, heatmap, charts, quality, alerts, waves', async () => {
    const page = await newPage(browser);
    await signInAsDemo(page, 'executive');
    await page.getByRole('heading', { name: 'Vue d’ensemble', level: 1 }).waitFor();
    for (const name of ['Étendue', 'Profondeur', 'Diversité', 'Impact', 'Durabilité']) await page.getByRole('region', { name, exact: true }).waitFor();
    const depth = normalise(await page.getByRole('region', { name: 'Profondeur', exact: true }).innerText());
    assert.match(depth, /\d+,\d %/, `depth in French format: ${depth}`);
    await page.getByTestId('depth-heatmap').waitFor();
    await page.getByTestId('adoption-quality').waitFor();
    await page.getByTestId('waves-timeline').waitFor();
    await page.locator('.recharts-surface').first().waitFor();
    await shot(page, 'overview-executive-fr');
    assert.deepEqual(await accessibilityViolations(page), []);
    await page.emulateMedia({ media: 'print' });
    await shot(page, 'overview-print');
    await page.emulateMedia({ media: 'screen' });
    await page.context().close();
  });

  it('switches to months and to English, and drills down from the heatmap to a department', async () => {
    const page = await newPage(browser);
    await signInAsDemo(page, 'executive');
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { name: 'Overview', level: 1 }).waitFor();
    await page.getByRole('button', { name: 'Month', exact: true }).click();
    await page.waitForURL(/grain=month/);
    await page.getByTestId('depth-heatmap').waitFor();
    const first = page.getByTestId('depth-heatmap').getByRole('link').first();
    const name = (await first.innerText()).trim();
    await first.click();
    await page.getByRole('heading', { name: `Department ${name}`, level: 1 }).waitFor();
    await page.getByRole('region', { name: 'Depth and active employees vs wave target' }).waitFor();
    await shot(page, 'department-en');
    await page.context().close();
  });

  it('records a gate review decision on a wave', async () => {
    const page = await newPage(browser);
    await signInAsDemo(page, 'executive');
    await page.getByRole('link', { name: 'Vagues' }).click();
    await page.getByTestId('waves-table').getByRole('link').first().click();
    await page.getByTestId('readiness').waitFor();
    // The dashboard words readiness and progress in the reader's language from the API's codes and facts.
    await page.getByTestId('recommendation').waitFor();
    const sentences = normalise((await page.getByTestId('readiness').innerText()) + (await page.getByTestId('recommendation').innerText()));
    assert.match(sentences, /Profondeur visée \d+ %/, sentences);
    assert.doesNotMatch(sentences, /Target depth|sponsors the wave|Every department|is flat or falling/, sentences);
    await page.getByLabel('ajuster').check();
    await page.getByLabel('Justification').fill('Essai de bout en bout : renforcer les référents.');
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    await page.getByText('Décision enregistrée.').waitFor();
    await page.getByTestId('gate-reviews').getByText('Essai de bout en bout', { exact: false }).waitFor();
    await shot(page, 'wave-fr');
    assert.deepEqual(await accessibilityViolations(page), []);
    await page.context().close();
  });

  it('reads the budget and the use-case library', async () => {
    const page = await newPage(browser);
    await signInAsDemo(page, 'executive');
    await page.getByRole('link', { name: 'Budget' }).click();
    await page.getByTestId('budget-planned').waitFor();
    assert.match(normalise(await page.getByTestId('budget-planned').innerText()), /€/);
    await shot(page, 'budget-fr');
    await page.getByRole('link', { name: 'Cas d’usage' }).click();
    await page.getByTestId('use-cases').waitFor();
    // Each use case's indicators over 90 days, and what other departments use that Communication does not.
    await page.getByTestId('use-cases').getByText(/\d+ utilisations · \d+ utilisateurs/).first().waitFor();
    await page.getByLabel('Département', { exact: true }).selectOption({ label: 'Communication' });
    const transfer = page.getByRole('region', { name: 'À diffuser vers Communication' });
    await transfer.locator('[data-testid=transfer-candidates], .empty').first().waitFor();
    await shot(page, 'use-cases-fr');
    await page.context().close();
  });
});

describe('champion', () => {
  it('sees only the pages a champion may use, and a clear message elsewhere', async () => {
    const page = await newPage(browser);
    await signInAsDemo(page, 'champion');
    const nav = await page.getByRole('navigation', { name: 'Navigation principale' }).innerText();
    assert.ok(!nav.includes('Administration'), nav);
    assert.ok(!nav.includes('Budget'), nav);
    await page.goto(`${baseUrl}/admin`);
    await page.getByText('Non disponible pour votre rôle').waitFor();
    await page.context().close();
  });

  it('logs a week of activity for employees of the roster', async () => {
    const page = await newPage(browser);
    await signInAsDemo(page, 'champion');
    await page.getByRole('link', { name: 'Espace champion (référent)' }).click();
    const form = page.getByRole('region', { name: 'Saisir une semaine d’activité' });
    const roster = form.getByTestId('roster');
    await roster.locator('input[type=checkbox]').first().check();
    await roster.locator('input[type=checkbox]').nth(1).check();
    await form.getByLabel('Utilisations par collaborateur').fill('2');
    await form.getByRole('button', { name: 'Enregistrer' }).click();
    await form.getByText(/Enregistré : \d+ nouveaux/).waitFor();
    await shot(page, 'champion-workspace-fr');
    assert.deepEqual(await accessibilityViolations(page), []);
    await page.context().close();
  });

  it('checks a CSV file with a dry run that lists each rejected line and why', async () => {
    const page = await newPage(browser);
    await signInAsDemo(page, 'champion');
    await page.getByRole('link', { name: 'Espace champion (référent)' }).click();
    // An employee of the champion's own department: an unknown one (or another department's) refuses the whole file with 403.
    const mine = (await apiAs('champion', '/employees?limit=1')).items[0].employeeKey;
    const csv = `event_id;occurred_on;employee_key;use_case_code;uses\ne2e-1;05/01/2026;${mine};NO-SUCH-USE-CASE;1\ne2e-2;pas une date;${mine};X;0\n`;
    page.expectStatus(422);
    await page.getByLabel('Fichier CSV', { exact: true }).setInputFiles({ name: 'semaine.csv', mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8') });
    await page.getByRole('button', { name: 'Vérifier le fichier (essai à blanc)' }).click();
    const errors = page.getByTestId('import-errors');
    await errors.waitFor();
    const text = await errors.innerText();
    assert.match(text, /2 lignes refusées/, text);
    // Each reason in French, from the code the API gives beside its English message.
    assert.match(normalise(text), /« pas une date » n’est pas une date/, text);
    assert.match(text, /Cas d’usage inconnu\./, text);
    assert.doesNotMatch(text, /Unknown use case/, text);
    assert.ok(await page.getByRole('button', { name: 'Importer', exact: true }).isDisabled());
    await shot(page, 'champion-import-errors-fr');
    await page.context().close();
  });
});

describe('HR', () => {
  it('reads training needs', async () => {
    const page = await newPage(browser);
    await signInAsDemo(page, 'hr');
    await page.getByRole('link', { name: 'Besoins de formation (RH)' }).click();
    await page.getByTestId('training-needs').waitFor();
    await shot(page, 'hr-fr');
    await page.context().close();
  });
});

describe('admin', () => {
  it('recomputes KPIs, follows the run to its end and sees a week a champion just logged counted', async () => {
    // This ISO week (the API's today is UTC, as is the champion form's default date here).
    const today = new Date().toISOString().slice(0, 10);
    const monday = new Date(Date.now() - ((new Date().getUTCDay() + 6) % 7) * 86_400_000).toISOString().slice(0, 10);
    const thisWeek = () => apiAsAdmin(`/kpis?grain=week&from=${monday}&to=${today}`);
    // Start from figures that count everything earlier tests logged.
    let answer = await thisWeek();
    for (let i = 0; i < 120 && answer.stale; i++) {
      await new Promise((r) => setTimeout(r, 1000));
      answer = await thisWeek();
    }
    assert.equal(answer.stale, false, 'earlier changes were never counted');
    const before = answer.periods[0]?.impact.hoursSaved ?? 0;

    const champion = await newPage(browser);
    await signInAsDemo(champion, 'champion');
    await champion.getByRole('link', { name: 'Espace champion (référent)' }).click();
    const form = champion.getByRole('region', { name: 'Saisir une semaine d’activité' });
    await form.getByLabel('Date', { exact: true }).fill(today);
    await form.getByTestId('roster').locator('input[type=checkbox]').nth(2).check();
    await form.getByTestId('roster').locator('input[type=checkbox]').nth(3).check();
    await form.getByLabel('Minutes gagnées (facultatif, par collaborateur)').fill('600');
    await form.getByRole('button', { name: 'Enregistrer' }).click();
    await form.getByText(/Enregistré :/).waitFor();
    await champion.context().close();

    const page = await newPage(browser, { locale: 'en-GB' });
    await signInAsDemo(page, 'admin', 'en');
    await page.getByRole('link', { name: 'Admin' }).click();
    await page.getByRole('tab', { name: 'Job runs' }).click();
    await page.getByRole('button', { name: 'Recompute KPIs now' }).click();
    await page.getByTestId('live-run').getByText(/succeeded|failed/).waitFor({ timeout: 60_000 });
    assert.match(await page.getByTestId('live-run').innerText(), /succeeded/);
    await shot(page, 'admin-jobs-en');
    await page.context().close();

    // Two employees × 600 minutes = 20 hours more this week.
    const after = (await thisWeek()).periods[0].impact.hoursSaved;
    assert.equal(Math.round((after - before) * 1000) / 1000, 20);
  });

  it('issues a token shown once, revokes it, and finds both in the audit log', async () => {
    const page = await newPage(browser, { locale: 'en-GB' });
    await signInAsDemo(page, 'admin', 'en');
    await page.getByRole('link', { name: 'Admin' }).click();
    await page.getByRole('tab', { name: 'Access tokens' }).click();
    const name = `e2e-${Date.now()}`;
    await page.getByLabel('Name', { exact: true }).fill(name);
    await page.getByLabel('Role', { exact: true }).selectOption('hr');
    await page.getByRole('button', { name: 'Issue a token' }).click();
    assert.ok((await page.getByTestId('new-token').innerText()).trim().length > 10);
    page.once('dialog', (d) => d.accept());
    await page.getByRole('row', { name: new RegExp(name) }).getByRole('button', { name: 'Revoke' }).click();
    await page.getByRole('row', { name: new RegExp(name) }).getByText('revoked').waitFor();
    await page.getByRole('tab', { name: 'Audit log' }).click();
    await page.getByTestId('audit').getByText(name).first().waitFor();
    await shot(page, 'admin-audit-en');
    await page.context().close();
  });
});

describe('sources', () => {
  /** ISO week label of a date, as the English dashboard writes it: "W49 2026". */
  const weekLabel = (iso) => {
    const d = new Date(`${iso}T00:00:00Z`);
    d.setUTCDate(d.getUTCDate() - ((d.getUTCDay() + 6) % 7) + 3); // the Thursday of its week decides the year
    const jan4 = new Date(Date.UTC(d.getUTCFullYear(), 0, 4));
    const week = 1 + Math.round(((d - jan4) / 86_400_000 - 3 + ((jan4.getUTCDay() + 6) % 7)) / 7);
    return `W${String(week).padStart(2, '0')} ${d.getUTCFullYear()}`;
  };

  /** Active employees of GitHub Copilot in a week, as the overview's tools panel tells them (0 before the tool exists). */
  async function githubActive(page, label) {
    await page.getByRole('link', { name: 'Overview' }).click();
    await page.locator('#tools [data-testid=tools-panel], #tools .empty').first().waitFor();
    if (!(await page.getByTestId('tools-panel').count())) return 0;
    const tools = page.getByTestId('tools-panel');
    await tools.getByText('Show the figures as a table').click();
    const table = tools.getByRole('table');
    const headers = (await table.getByRole('columnheader').allInnerTexts()).map((h) => h.trim());
    const column = headers.indexOf('GitHub Copilot');
    if (column < 0) return 0;
    const row = table.getByRole('row').filter({ has: page.getByRole('cell', { name: label, exact: true }) });
    if (!(await row.count())) return 0;
    const cells = await row.getByRole('cell').allInnerTexts();
    return Number(normalise(cells[column]).replace(/[^\d]/g, '') || 0);
  }

  it('as admin, uploads a GitHub Copilot export on the Sources page, sees the answer, recomputes and sees the tools panel move', async () => {
    // Three employees of the demonstration get a GitHub login; a fourth login matches nobody.
    const employees = (await apiAsAdmin('/employees?limit=50')).items.filter((e) => !e.leftOn).slice(-3);
    assert.equal(employees.length, 3);
    const stamp = Date.now().toString(36);
    const logins = employees.map((_, i) => `e2e-${stamp}-dev${i}`);
    await sendAsAdmin('POST', '/imports/identities', `employee_key,system,external_id\n${employees.map((e, i) => `${e.employeeKey},github,${logins[i]}`).join('\n')}\n`, 'text/csv');
    // Last week's Monday: a complete week inside the overview's default range.
    const monday = new Date(Date.now() - (((new Date().getUTCDay() + 6) % 7) + 7) * 86_400_000).toISOString().slice(0, 10);
    const record = (login) =>
      JSON.stringify({
        user_login: login,
        day: monday,
        totals_by_feature: [{ feature: 'chat_panel', user_initiated_interaction_count: 4, code_generation_activity_count: 2, code_acceptance_activity_count: 1 }],
      });
    const ndjson = [...logins, `e2e-${stamp}-nobody`].map(record).join('\n') + '\n';

    const page = await newPage(browser, { locale: 'en-GB' });
    await signInAsDemo(page, 'admin', 'en');
    const before = await githubActive(page, weekLabel(monday));

    await page.getByRole('link', { name: 'Admin' }).click();
    await page.getByRole('tab', { name: 'Sources' }).click();
    await page.getByLabel('Tool and export').selectOption('github-copilot');
    await page.getByLabel(/Dry run first/).uncheck();
    await page.getByLabel('Export file').setInputFiles({ name: 'copilot-users-1-day.ndjson', mimeType: 'application/x-ndjson', buffer: Buffer.from(ndjson, 'utf8') });
    await page.getByRole('button', { name: 'Upload and import' }).click();
    const result = page.getByTestId('source-result');
    await result.waitFor({ timeout: 60_000 });
    const text = normalise(await result.innerText());
    assert.match(text, /Imported\./, text);
    assert.match(text, /Usage events: \d+ added · \d+ updated · \d+ unchanged/, text);
    assert.match(text, /4 rows read · 0 skipped/, text);
    assert.match(text, /One user matched no employee/, text);
    assert.match(text, new RegExp(`e2e-${stamp}-nobody`), text);
    await page.getByTestId('freshness').getByRole('row', { name: /GitHub Copilot/ }).waitFor();
    await shot(page, 'admin-sources-en');
    assert.deepEqual(await accessibilityViolations(page), []);

    // The unmatched login leads to the identities page, ready to add it.
    await result.getByRole('link', { name: `Add an identity for e2e-${stamp}-nobody` }).click();
    assert.equal(await page.getByLabel('User identifier').inputValue(), `e2e-${stamp}-nobody`);
    // The logins imported through the API are among the demonstration's: search for one.
    await page.getByLabel('Search identities').fill(logins[0]);
    await page.getByTestId('identities').getByText(logins[0]).waitFor();

    await page.getByRole('tab', { name: 'Job runs' }).click();
    await page.getByRole('button', { name: 'Recompute KPIs now' }).click();
    await page.getByTestId('live-run').getByText(/succeeded|failed/).waitFor({ timeout: 60_000 });
    assert.match(await page.getByTestId('live-run').innerText(), /succeeded/);

    const after = await githubActive(page, weekLabel(monday));
    assert.ok(after > before, `GitHub Copilot active employees in ${weekLabel(monday)}: ${before} before, ${after} after`);
    await page.getByTestId('tools-panel').getByTestId('multi-tool-share').waitFor();
    await shot(page, 'overview-tools-en');
    await page.context().close();
  });
});

describe('phone', () => {
  it('is readable on a phone: the menu folds, the KPI cards stack', async () => {
    const page = await newPage(browser, { viewport: { width: 390, height: 844 } });
    await signInAsDemo(page, 'executive');
    await page.getByRole('region', { name: 'Profondeur', exact: true }).waitFor();
    assert.equal(await page.getByRole('navigation', { name: 'Navigation principale' }).isVisible(), false);
    await page.getByRole('button', { name: 'Menu' }).click();
    await page.getByRole('link', { name: 'Départements' }).waitFor();
    await shot(page, 'overview-phone', false);
    for (const path of ['/', '/departments', '/waves', '/use-cases', '/budget']) {
      await page.goto(`${baseUrl}${path}`);
      await page.locator('main h1').first().waitFor();
      await page.waitForLoadState('networkidle');
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(overflow <= 1, `${path} is wider than the phone by ${overflow}px`);
    }
    await page.context().close();
  });
});

// Sanity: the demo tokens endpoint the buttons rely on.
describe('API', () => {
  it('answers the demo tokens the sign-in page offers', async () => {
    const tokens = await demoTokens();
    assert.deepEqual([...new Set(tokens.map((t) => t.role))].sort(), ['admin', 'champion', 'executive', 'hr']);
  });
});
