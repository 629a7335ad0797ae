import { getToken, signOut } from '../auth/session';

/** RFC 9457 problem details, as the API answers every error. */
export interface Problem {
  type?: string;
  title?: string;
  status?: number;
  detail?: string;
  errors?: unknown;
  [key: string]: unknown;
}

/** One error (or warning) of a CSV file; `code` and `args` let the dashboard word `message` in its reader's language. */
export interface LineError {
  line: number;
  column?: string | null;
  message: string;
  code?: string | null;
  args?: Record<string, string> | null;
}

export class ApiError extends Error {
  readonly status: number;
  readonly problem: Problem | null;
  constructor(status: number, problem: Problem | null, message?: string) {
    super(message ?? problem?.detail ?? problem?.title ?? `HTTP ${status}`);
    this.status = status;
    this.problem = problem;
  }
  /** Validation errors of a CSV import: `errors: [{ line, column, message }]`. */
  get lineErrors(): LineError[] {
    const e = this.problem?.errors;
    return Array.isArray(e) ? (e as LineError[]) : [];
  }
  /** Validation errors of a form: `errors: { field: [messages] }`. */
  get fieldErrors(): Record<string, string[]> {
    const e = this.problem?.errors;
    return e && !Array.isArray(e) && typeof e === 'object' ? (e as Record<string, string[]>) : {};
  }
}

export class NetworkError extends Error {}

export type Query = Record<string, string | number | boolean | null | undefined>;

export interface RequestOptions {
  method?: string;
  query?: Query;
  json?: unknown;
  body?: BodyInit;
  contentType?: string;
  accept?: string;
  /** Send no token (sign-in checks pass their own). */
  token?: string | null;
  /** The language the API words its sentences in (Accept-Language); the dashboard's by default. */
  language?: string;
  signal?: AbortSignal;
}

export const apiBase = '/api/v1';

let dashboardLanguage = 'en';
/** The dashboard's language, sent as Accept-Language: the API explains waves in it. */
export function setApiLanguage(language: string) {
  dashboardLanguage = language;
}
export const getApiLanguage = () => dashboardLanguage;

export function buildUrl(path: string, query?: Query): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query ?? {})) {
    if (v !== undefined && v !== null && v !== '') params.set(k, String(v));
  }
  const qs = params.toString();
  return `${apiBase}${path}${qs ? `?${qs}` : ''}`;
}

async function send(path: string, opts: RequestOptions): Promise<Response> {
  const headers: Record<string, string> = { Accept: opts.accept ?? 'application/json', 'Accept-Language': opts.language ?? dashboardLanguage };
  const token = opts.token === undefined ? getToken() : opts.token;
  if (token) headers.Authorization = `Bearer ${token}`;
  let body = opts.body;
  if (opts.json !== undefined) {
    body = JSON.stringify(opts.json);
    headers['Content-Type'] = 'application/json';
  } else if (opts.contentType) {
    headers['Content-Type'] = opts.contentType;
  }
  let res: Response;
  try {
    res = await fetch(buildUrl(path, opts.query), { method: opts.method ?? 'GET', headers, body, signal: opts.signal });
  } catch (e) {
    if ((e as Error).name === 'AbortError') throw e;
    throw new NetworkError((e as Error).message);
  }
  if (!res.ok) {
    let problem: Problem | null = null;
    try {
      const text = await res.text();
      problem = text ? (JSON.parse(text) as Problem) : null;
    } catch {
      problem = null;
    }
    // A rejected token ends the session: the router sends the user back to sign-in with why.
    if (res.status === 401 && token && opts.token === undefined) signOut('expired');
    throw new ApiError(res.status, problem);
  }
  return res;
}

export async function apiJson<T>(path: string, opts: RequestOptions = {}): Promise<T> {
  const res = await send(path, opts);
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  if (!text) return undefined as T;
  const type = res.headers.get('Content-Type') ?? '';
  // A server that answers an unknown API path with the dashboard's index.html must not be
  // mistaken for data: say so instead of failing on JSON.parse.
  if (type && !type.includes('json')) {
    throw new ApiError(res.status, { title: 'Unexpected answer', detail: `${apiBase}${path} answered ${type.split(';')[0]}, not JSON.` });
  }
  return JSON.parse(text) as T;
}

export async function apiText(path: string, opts: RequestOptions = {}): Promise<string> {
  const res = await send(path, opts);
  return res.text();
}

/** Fetch a list endpoint as CSV and hand it to the browser as a download. */
export async function downloadCsv(path: string, query: Query, filename: string) {
  const text = await apiText(path, { query, accept: 'text/csv' });
  const url = URL.createObjectURL(new Blob([text], { type: 'text/csv;charset=utf-8' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/**
 * A list longer than a page may add up: the dashboard will not show a partial list (or sums
 * over one) as if it were whole, so it says so instead.
 */
export class TruncatedListError extends Error {
  readonly path: string;
  readonly itemsRead: number;
  constructor(path: string, itemsRead: number) {
    super(`${apiBase}${path} holds more than ${itemsRead} items: the list was not read to its end.`);
    this.path = path;
    this.itemsRead = itemsRead;
  }
}

/** Follow `nextCursor` until the end, for reference lists; past `maxPages` pages it throws rather than truncate. */
export async function fetchAll<T>(path: string, query: Query = {}, maxPages = 20, pageSize = 5000): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | null = null;
  for (let i = 0; i < maxPages; i++) {
    const page: Page<T> = await apiJson<Page<T>>(path, { query: { ...query, limit: pageSize, cursor } });
    items.push(...(page.items ?? []));
    cursor = page.nextCursor;
    if (!cursor) return items;
  }
  throw new TruncatedListError(path, items.length);
}
