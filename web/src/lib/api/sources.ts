import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { answer, api, apiBase, ApiError, NetworkError, type Problem, type Schema } from '@/lib/api/client';
import { getToken, signOut } from '@/lib/auth/session';

// Sources: the AI tools' own export files, imported as they were exported.
export type SourceImportResult = Schema<'SourceImportResult'>;
export type SourceFreshness = Schema<'SourceFreshness'>;
export type CollectorState = Schema<'CollectorState'>;
/** The sources the API reads, in the order the admin page offers them. */
export const sources = ['m365-copilot-audit', 'm365-copilot-usage', 'viva-copilot', 'github-copilot', 'chatgpt-enterprise'] as const;
export type SourceName = (typeof sources)[number];

/** The tool each source belongs to, and the identity system its user identifier is matched in. */
export const sourceInfo: Record<SourceName, { tool: string; system: 'email' | 'github' | 'viva'; accept: string }> = {
  'm365-copilot-audit': { tool: 'Microsoft 365 Copilot', system: 'email', accept: '.csv,text/csv' },
  'm365-copilot-usage': { tool: 'Microsoft 365 Copilot', system: 'email', accept: '.csv,text/csv' },
  'viva-copilot': { tool: 'Microsoft 365 Copilot', system: 'viva', accept: '.csv,.tsv,.txt,text/csv,text/tab-separated-values' },
  'github-copilot': { tool: 'GitHub Copilot', system: 'github', accept: '.json,.ndjson,.jsonl,application/json,application/x-ndjson' },
  'chatgpt-enterprise': { tool: 'ChatGPT Enterprise', system: 'email', accept: '.csv,text/csv' },
};

const knownTypes = ['text/csv', 'text/tab-separated-values', 'application/json', 'application/x-ndjson'];

/** The Content-Type a file goes with: from its extension, else the browser's guess, else what the source exports. */
export function contentTypeOf(file: { name: string; type: string }, source: SourceName): string {
  const ext = /\.([a-z0-9]+)$/i.exec(file.name)?.[1]?.toLowerCase();
  if (ext === 'csv') return 'text/csv';
  if (ext === 'tsv' || ext === 'tab') return 'text/tab-separated-values';
  if (ext === 'json') return 'application/json';
  if (ext === 'ndjson' || ext === 'jsonl') return 'application/x-ndjson';
  if (knownTypes.includes(file.type)) return file.type;
  return source === 'github-copilot' ? 'application/x-ndjson' : 'text/csv';
}

export interface UploadProgress {
  loaded: number;
  total: number;
}

export interface UploadRequest {
  source: SourceName;
  file: File;
  dryRun: boolean;
  seats?: boolean;
}

/**
 * Upload through XMLHttpRequest, not fetch: only it reports upload progress, and exports run to
 * gigabytes. The File goes as the body itself, so the browser streams it from disk.
 */
export function uploadSource({ source, file, dryRun, seats }: UploadRequest, onProgress?: (p: UploadProgress) => void, signal?: AbortSignal): Promise<SourceImportResult> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    const query = new URLSearchParams({ dryRun: String(dryRun) });
    if (source === 'm365-copilot-usage' && seats) query.set('seats', 'true');
    xhr.open('POST', `${apiBase}/imports/sources/${encodeURIComponent(source)}?${query}`);
    const token = getToken();
    if (token) xhr.setRequestHeader('Authorization', `Bearer ${token}`);
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.setRequestHeader('Content-Type', contentTypeOf(file, source));
    xhr.upload.onprogress = (e) => onProgress?.({ loaded: e.loaded, total: e.lengthComputable ? e.total : file.size });
    xhr.onerror = () => reject(new NetworkError('upload failed'));
    xhr.onabort = () => reject(new DOMException('The upload was cancelled.', 'AbortError'));
    xhr.onload = () => {
      const text = xhr.responseText;
      if (xhr.status >= 200 && xhr.status < 300) {
        try {
          resolve(JSON.parse(text) as SourceImportResult);
        } catch {
          reject(new ApiError(xhr.status, { title: 'Unexpected answer', detail: 'The import answered something other than JSON.' }));
        }
        return;
      }
      let problem: Partial<Problem> | null;
      try {
        problem = text ? (JSON.parse(text) as Problem) : null;
      } catch {
        problem = null;
      }
      if (xhr.status === 401 && token) signOut('expired');
      reject(new ApiError(xhr.status, problem));
    };
    signal?.addEventListener('abort', () => xhr.abort());
    xhr.send(file);
  });
}

export function useUploadSource() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ request, onProgress, signal }: { request: UploadRequest; onProgress?: (p: UploadProgress) => void; signal?: AbortSignal }) =>
      uploadSource(request, onProgress, signal),
    onSuccess: (_r, v) => {
      if (!v.request.dryRun) void qc.invalidateQueries();
    },
  });
}

/**
 * Freshness per source, as a list or as a page of one (`{ items }`): the API answers the latter.
 * An API without the endpoint yet answers 404: no source then, rather than an error everywhere.
 */
export const getSources = () =>
  answer(api.GET('/api/v1/sources')).then(
    (r) => r.items,
    (e: unknown) => {
      if (e instanceof ApiError && e.status === 404) return [] as SourceFreshness[];
      throw e;
    },
  );
export const sourcesQueryOptions = () => queryOptions({ queryKey: ['sources'], queryFn: getSources, staleTime: 60_000 });
export const useSources = (enabled = true) => useQuery({ ...sourcesQueryOptions(), enabled });

export const getCollectors = () => answer(api.GET('/api/v1/collectors'));
export const useCollectors = () => useQuery({ queryKey: ['collectors'], queryFn: getCollectors });
export const runCollector = (name: string) => answer(api.POST('/api/v1/collectors/{name}/run', { params: { path: { name } } }));
export function useRunCollector() {
  const qc = useQueryClient();
  return useMutation({ mutationFn: runCollector, onSuccess: () => qc.invalidateQueries({ queryKey: ['collectors'] }) });
}
