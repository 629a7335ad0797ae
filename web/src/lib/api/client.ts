import createClient from 'openapi-fetch';
import { getToken, signOut } from '@/lib/auth/session';
import type { components, paths } from './schema';

// The dashboard's only API types are the ones generated from the API's OpenAPI document
// (schema.d.ts): calls are typed by path through openapi-fetch, and answers read through
// `Answer<…>` below. Nothing here restates a shape of the API.

/**
 * An answer as the API writes it: the API serialises every member (null when empty, never
 * omitted) and numbers as JSON numbers, while the document also lets clients send numbers as
 * strings and marks only some members required. So every member is present, numbers are numbers.
 */
export type Answer<T> = Member<Numeric<Exclude<T, undefined>>>;
type Numeric<T> = [number] extends [T] ? Exclude<T, string> : T;
type Member<T> = T extends readonly (infer U)[]
  ? Answer<U>[]
  : T extends Record<string, unknown>
    ? { [K in keyof T]-?: Answer<T[K]> }
    : T;

type Schemas = components['schemas'];
/** A schema of the API's document, as answered: `Schema<'Wave'>`. */
export type Schema<N extends keyof Schemas> = Answer<Schemas[N]>;
/** A schema of the API's document, as sent (request bodies). */
export type Body<N extends keyof Schemas> = Schemas[N];

/** RFC 9457 problem details, as the API answers every error. */
export type Problem = Schema<'ProblemDetails'> & { errors?: unknown; [key: string]: unknown };

/** One error (or warning) of a CSV file; `code` and `args` let the dashboard word `message` in its reader's language. */
export type LineError = Schema<'CsvLineError'>;

export class ApiError extends Error {
  readonly status: number;
  readonly problem: Partial<Problem> | null;
  constructor(status: number, problem: Partial<Problem> | null, message?: string) {
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

export const apiBase = '/api/v1';

/**
 * What openapi-fetch builds for each call, kept as plain values: the URL stays relative (the
 * dashboard is served by the API) and the body as given (a CSV file is streamed, not copied).
 */
class PlainRequest {
  readonly url: string;
  readonly method: string;
  readonly headers: Headers;
  readonly body: BodyInit | null;
  readonly signal: AbortSignal | null;
  constructor(url: string, init: RequestInit = {}) {
    this.url = url;
    this.method = (init.method ?? 'GET').toUpperCase();
    this.headers = new Headers(init.headers);
    this.body = init.body ?? null;
    this.signal = init.signal ?? null;
  }
}

/**
 * Sends one call with the session's token; an error answer becomes an `ApiError`. No language is
 * sent: answers say codes and facts the dashboard words, the same in every language.
 */
async function send(request: Request): Promise<Response> {
  const headers = new Headers(request.headers);
  if (!headers.has('Accept')) headers.set('Accept', 'application/json');
  // A call that brings its own Authorization (a sign-in check, or '' for none) keeps it.
  const ownToken = headers.has('Authorization');
  const token = ownToken ? headers.get('Authorization') : getToken() && `Bearer ${getToken()}`;
  if (token) headers.set('Authorization', token);
  else headers.delete('Authorization');
  let res: Response;
  try {
    res = await fetch(request.url, { method: request.method, headers, body: request.body, signal: request.signal });
  } catch (e) {
    if ((e as Error).name === 'AbortError') throw e;
    throw new NetworkError((e as Error).message);
  }
  if (!res.ok) {
    let problem: Partial<Problem> | null;
    try {
      const text = await res.text();
      problem = text ? (JSON.parse(text) as Problem) : null;
    } catch {
      problem = null;
    }
    // A rejected token ends the session: the router sends the user back to sign-in with why.
    if (res.status === 401 && token && !ownToken) signOut('expired');
    throw new ApiError(res.status, problem);
  }
  const type = res.headers.get('Content-Type') ?? '';
  // A server that answers an unknown API path with the dashboard's index.html must not be
  // mistaken for data: say so instead of failing on JSON.parse.
  if (res.status !== 204 && type && headers.get('Accept') === 'application/json' && !type.includes('json')) {
    throw new ApiError(res.status, { title: 'Unexpected answer', detail: `${request.url.split('?')[0]} answered ${type.split(';')[0]}, not JSON.` });
  }
  return res;
}

/** The API, typed by path from its OpenAPI document: `api.GET('/api/v1/waves/{code}', { params: { path: { code } } })`. */
export const api = createClient<paths>({
  Request: PlainRequest as unknown as typeof Request,
  fetch: send,
  // Empty filters are left out of the query string, as the pages have always sent them.
  querySerializer: (query) => {
    const params = new URLSearchParams();
    for (const [k, v] of Object.entries(query ?? {})) if (v !== undefined && v !== null && v !== '') params.set(k, String(v));
    return params.toString();
  },
});

/** A CSV body is sent as it is, not as JSON. */
export const asIs = (body: unknown) => body;

/** The answer of a call made with `api`, as the API writes it (errors were thrown by `send`). */
export async function answer<T>(call: Promise<{ data?: T }>): Promise<Answer<NonNullable<T>>> {
  const { data } = await call;
  return data as Answer<NonNullable<T>>;
}

/** Fetch a list endpoint as CSV and hand it to the browser as a download. */
export async function downloadCsv(csv: () => Promise<{ data?: unknown }>, filename: string) {
  const { data } = await csv();
  const url = URL.createObjectURL(new Blob([String(data ?? '')], { type: 'text/csv;charset=utf-8' }));
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
 * A list longer than a page may add up: the dashboard will not show a partial list as if it
 * were whole, so it says so instead.
 */
export class TruncatedListError extends Error {
  readonly path: string;
  readonly itemsRead: number;
  constructor(path: string, itemsRead: number) {
    super(`${path} holds more than ${itemsRead} items: the list was not read to its end.`);
    this.path = path;
    this.itemsRead = itemsRead;
  }
}

/**
 * Follow `nextCursor` until the end, for reference lists shown whole (never to add them up: the
 * API answers totals itself); past `maxPages` pages it throws rather than truncate.
 */
export async function fetchAll<T>(
  path: string,
  page: (cursor: string | undefined) => Promise<{ data?: { items?: T[]; nextCursor?: string | null } }>,
  maxPages = 20,
): Promise<Answer<T>[]> {
  const items: Answer<T>[] = [];
  let cursor: string | undefined;
  for (let i = 0; i < maxPages; i++) {
    const { data } = await page(cursor);
    items.push(...((data?.items ?? []) as Answer<T>[]));
    cursor = data?.nextCursor ?? undefined;
    if (!cursor) return items;
  }
  throw new TruncatedListError(path, items.length);
}

/** The size of a page when a reference list is read whole. */
export const wholeList = 5000;
