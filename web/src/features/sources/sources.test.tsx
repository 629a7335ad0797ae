import { afterEach, describe, expect, it, vi } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { routes } from '@/app/router';
import { mockFetch, renderRoutes } from '@/test/utils';
import { resetSession, signIn } from '@/lib/auth/session';
import { normaliseSpaces } from '@/lib/format';
import { type SourceFreshness, type SourceImportResult } from '@/lib/api/sources';
import { contentTypeOf } from '@/lib/api/sources';
import { plainError } from './components/Collectors';
import { me } from '@/test/fixtures';

/**
 * A stand-in for XMLHttpRequest: records what is sent, reports upload progress in two steps,
 * then answers with the next queued answer.
 */
class FakeXhr {
  static sent: { method: string; url: string; headers: Record<string, string>; body: unknown }[] = [];
  static answers: { status: number; body: unknown }[] = [];
  static hold: Promise<void> = Promise.resolve();
  upload: { onprogress: ((e: { loaded: number; total: number; lengthComputable: boolean }) => void) | null } = { onprogress: null };
  onload: (() => void) | null = null;
  onerror: (() => void) | null = null;
  onabort: (() => void) | null = null;
  status = 0;
  responseText = '';
  private method = '';
  private url = '';
  private headers: Record<string, string> = {};
  open(method: string, url: string) {
    this.method = method;
    this.url = url;
  }
  setRequestHeader(name: string, value: string) {
    this.headers[name] = value;
  }
  abort() {
    this.onabort?.();
  }
  send(body: unknown) {
    FakeXhr.sent.push({ method: this.method, url: this.url, headers: this.headers, body });
    const size = (body as Blob).size;
    setTimeout(async () => {
      this.upload.onprogress?.({ loaded: Math.floor(size / 2), total: size, lengthComputable: true });
      await FakeXhr.hold;
      this.upload.onprogress?.({ loaded: size, total: size, lengthComputable: true });
      const answer = FakeXhr.answers.shift()!;
      this.status = answer.status;
      this.responseText = JSON.stringify(answer.body);
      this.onload?.();
    }, 0);
  }
}

const admin = { 'GET /api/v1/me': { body: me('admin', 'Root') } };

const answer = (over: Partial<SourceImportResult> = {}): SourceImportResult => ({
  source: 'github-copilot',
  rowsRead: 1200,
  skipped: 35,
  unmatchedUsers: 23,
  unmatchedSample: ['ghost-dev', 'octocat'],
  inserted: 1042,
  updated: 3,
  unchanged: 117,
  firstDate: '2026-11-01',
  lastDate: '2026-11-30',
  dryRun: false,
  warnings: [],
  ...over,
});

function setup(more: Parameters<typeof mockFetch>[0] = {}, path = '/admin?tab=sources') {
  resetSession();
  signIn('tok');
  FakeXhr.sent = [];
  FakeXhr.answers = [];
  vi.stubGlobal('XMLHttpRequest', FakeXhr);
  const mock = mockFetch({ ...admin, 'GET /api/v1/sources': { body: { items: [], nextCursor: null } }, 'GET /api/v1/collectors': { body: [] }, ...more });
  renderRoutes(routes, { path });
  return mock;
}

const file = (name: string, text: string, type = '') => new File([text], name, { type });

describe('Admin → Sources', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    vi.useRealTimers();
  });

  it('uploads the file itself with a progress bar, then shows what the import did and whom it could not match', async () => {
    let release!: () => void;
    FakeXhr.hold = new Promise((r) => (release = r));
    setup();
    FakeXhr.answers.push({ status: 200, body: answer() });
    await userEvent.selectOptions(await screen.findByLabelText('Tool and export'), 'github-copilot');
    await userEvent.click(screen.getByLabelText(/Dry run first/));
    const upload = file('copilot-users.ndjson', '{"user_login":"octocat","day":"2026-11-30"}\n'.repeat(10));
    await userEvent.upload(screen.getByLabelText('Export file'), upload);
    await userEvent.click(screen.getByRole('button', { name: 'Upload and import' }));

    const bar = await screen.findByRole('progressbar', { name: 'Upload progress' });
    await waitFor(() => expect(bar.getAttribute('aria-valuenow')).toBe('50'));
    expect(screen.getByTestId('upload-progress').textContent).toMatch(/Uploading: 50%/);
    release();

    const result = await screen.findByTestId('source-result');
    // The File object itself is the body: never read into memory by the page.
    expect(FakeXhr.sent).toHaveLength(1);
    expect(FakeXhr.sent[0].body).toBe(upload);
    expect(FakeXhr.sent[0].url).toBe('/api/v1/imports/sources/github-copilot?dryRun=false');
    expect(FakeXhr.sent[0].headers).toMatchObject({ Authorization: 'Bearer tok', 'Content-Type': 'application/x-ndjson' });
    const text = normaliseSpaces(result.textContent ?? '');
    expect(text).toContain('Usage events: 1,042 added · 3 updated · 117 unchanged');
    expect(text).toContain('1,200 rows read · 35 skipped');
    expect(text).toContain('23 users matched no employee');
    expect(text).toContain('The first 2 of 23');
    const unmatched = within(screen.getByTestId('unmatched'));
    expect(unmatched.getByRole('link', { name: 'Add an identity for octocat' }).getAttribute('href')).toBe('/admin?tab=identities&system=github&externalId=octocat');
    expect(unmatched.getByRole('link', { name: 'Fix identities' }).getAttribute('href')).toBe('/admin?tab=identities&system=github');
    expect(screen.queryByRole('progressbar')).toBeNull();
  });

  it('checks first with a dry run, then imports the same file on confirmation, seats included for the usage report', async () => {
    FakeXhr.hold = Promise.resolve();
    setup();
    FakeXhr.answers.push({ status: 200, body: answer({ source: 'm365-copilot-usage', dryRun: true, unmatchedUsers: 0, unmatchedSample: [] }) });
    FakeXhr.answers.push({ status: 200, body: answer({ source: 'm365-copilot-usage', unmatchedUsers: 0, unmatchedSample: [] }) });
    await userEvent.selectOptions(await screen.findByLabelText('Tool and export'), 'm365-copilot-usage');
    await userEvent.click(screen.getByLabelText('Give a licence seat to everyone the report lists'));
    await userEvent.upload(screen.getByLabelText('Export file'), file('usage.csv', 'Report Refresh Date,User Principal Name\n'));
    await userEvent.click(screen.getByRole('button', { name: 'Check the file (dry run)' }));
    expect((await screen.findByTestId('source-result')).textContent).toContain('Dry run: nothing has been written yet.');
    expect(screen.getByTestId('source-result').textContent).toContain('1,042 to add');
    expect(screen.getByTestId('source-result').textContent).toContain('Every user in the file matched an employee.');
    await userEvent.click(screen.getByRole('button', { name: 'Import it now' }));
    await waitFor(() => expect(screen.getByTestId('source-result').textContent).toContain('Imported.'));
    expect(FakeXhr.sent.map((s) => s.url)).toEqual([
      '/api/v1/imports/sources/m365-copilot-usage?dryRun=true&seats=true',
      '/api/v1/imports/sources/m365-copilot-usage?dryRun=false&seats=true',
    ]);
    expect(FakeXhr.sent[0].headers['Content-Type']).toBe('text/csv');
  });

  it('lists each rejected line of a 422 in the reader’s language', async () => {
    FakeXhr.hold = Promise.resolve();
    resetSession();
    signIn('tok');
    FakeXhr.sent = [];
    FakeXhr.answers = [
      {
        status: 422,
        body: {
          title: 'The file has errors',
          status: 422,
          errors: [
            { line: 3, column: 'CreationDate', message: '"yesterday" is not a date.', code: 'not-a-date', args: { value: 'yesterday' } },
            { line: 1, column: 'AuditData', message: 'Required column "AuditData" is missing.', code: 'missing-column', args: { column: 'AuditData' } },
          ],
        },
      },
    ];
    vi.stubGlobal('XMLHttpRequest', FakeXhr);
    mockFetch({ ...admin, 'GET /api/v1/sources': { body: { items: [], nextCursor: null } }, 'GET /api/v1/collectors': { body: [] } });
    renderRoutes(routes, { path: '/admin?tab=sources', language: 'fr' });
    await userEvent.upload(await screen.findByLabelText('Fichier exporté'), file('audit.csv', 'CreationDate,UserId\n'));
    await userEvent.click(screen.getByRole('button', { name: 'Vérifier le fichier (essai à blanc)' }));
    const errors = normaliseSpaces((await screen.findByTestId('import-errors')).textContent ?? '');
    expect(errors).toContain('2 lignes refusées');
    expect(errors).toContain('La colonne obligatoire « AuditData » manque.');
    expect(errors).not.toContain('is not a date');
  });

  it('flags a source whose latest data is more than 7 days old, not one of 7 days', async () => {
    const today = new Date().toISOString().slice(0, 10);
    const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);
    const sources: SourceFreshness[] = [
      { source: 'github-copilot', tool: 'GitHub Copilot', lastImportAt: `${today}T06:00:00Z`, firstDate: '2026-01-05', lastDate: daysAgo(7), events: 12000, unmatchedUsers: 0 },
      { source: 'chatgpt-enterprise', tool: 'ChatGPT Enterprise', lastImportAt: `${today}T06:00:00Z`, firstDate: '2026-01-05', lastDate: daysAgo(12), events: 800, unmatchedUsers: 4 },
    ];
    setup({ 'GET /api/v1/sources': { body: { items: sources, nextCursor: null } } });
    const table = await screen.findByTestId('freshness');
    const github = within(table).getByRole('row', { name: /GitHub Copilot/ });
    const chatgpt = within(table).getByRole('row', { name: /ChatGPT Enterprise/ });
    expect(github.textContent).toContain('7 days');
    expect(github.textContent).not.toContain('older than');
    expect(chatgpt.textContent).toContain('12 days');
    expect(chatgpt.textContent).toContain('older than 7 days');
  });

  it('shows each collector’s state and last error in plain words, and follows "collect now" to its end', async () => {
    let polls = 0;
    const { calls } = setup({
      'GET /api/v1/collectors': {
        body: [
          {
            name: 'github',
            source: 'github-copilot',
            configured: true,
            enabled: true,
            schedule: '0 0 5 * * ?',
            nextRunAt: '2026-12-08T05:00:00Z',
            lastRun: { runId: 'r1', status: 'failed', startedAt: '2026-12-07T05:00:00Z', finishedAt: '2026-12-07T05:00:03Z', error: 'GitHub answered 401 Unauthorized' },
            lastError: 'GitHub answered 401 Unauthorized',
            daysHeld: { firstDate: '2026-11-01', lastDate: '2026-12-05', days: 35 },
          },
          { name: 'm365-audit', source: 'm365-copilot-audit', configured: false, enabled: false, schedule: null, nextRunAt: null, lastRun: null, lastError: null, daysHeld: { firstDate: null, lastDate: null, days: 0 } },
        ],
      },
      'POST /api/v1/collectors/github/run': { status: 202, body: { runId: 'r2' } },
      'GET /api/v1/job-runs/r2': () => ({ body: { runId: 'r2', job: 'collector', status: ++polls < 2 ? 'running' : 'succeeded', startedAt: null, finishedAt: null, error: null } }),
    });
    const table = await screen.findByTestId('collectors');
    const github = within(table).getByRole('row', { name: /GitHub Copilot/ });
    expect(github.textContent).toContain('The vendor refused the credentials');
    expect(github.textContent).toContain('GitHub answered 401 Unauthorized');
    expect(github.textContent).toContain('35 days');
    const audit = within(table).getByRole('row', { name: /audit log/ });
    expect(audit.textContent).toContain('not configured');
    expect(within(audit).getByRole('button', { name: /Collect now/ })).toHaveProperty('disabled', true);
    await userEvent.click(within(github).getByRole('button', { name: 'Collect now: GitHub Copilot' }));
    await waitFor(() => expect(screen.getByTestId('collector-run-github').textContent).toContain('succeeded'), { timeout: 4000 });
    expect(calls.some((c) => c.method === 'POST' && c.url.pathname === '/api/v1/collectors/github/run')).toBe(true);
  });
});

describe('source helpers', () => {
  it('sends each file with the type its extension says', () => {
    expect(contentTypeOf({ name: 'a.CSV', type: '' }, 'chatgpt-enterprise')).toBe('text/csv');
    expect(contentTypeOf({ name: 'q.tsv', type: '' }, 'viva-copilot')).toBe('text/tab-separated-values');
    expect(contentTypeOf({ name: 'r.json', type: '' }, 'github-copilot')).toBe('application/json');
    expect(contentTypeOf({ name: 'r.jsonl', type: '' }, 'github-copilot')).toBe('application/x-ndjson');
    expect(contentTypeOf({ name: 'export', type: '' }, 'github-copilot')).toBe('application/x-ndjson');
  });

  it('names the usual causes of a collector failure', () => {
    expect(plainError('429 Too Many Requests').key).toBe('collectors.err.rate');
    expect(plainError('Connection refused (graph.microsoft.com:443)').key).toBe('collectors.err.network');
    expect(plainError('something odd').key).toBeNull();
  });
});
