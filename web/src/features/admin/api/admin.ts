import { queryOptions, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiJson, type Page } from '@/lib/api/client';
import type { JobRun, Role } from '@/lib/api/types';

// Job runs (SPEC §4 "KPIs"): a recomputation is queued, then polled until it ends.
export const getJobRuns = () => apiJson<Page<JobRun>>('/job-runs', { query: { limit: 20 } }).then((r) => r.items);
export const getJobRun = (runId: string) => apiJson<JobRun>(`/job-runs/${encodeURIComponent(runId)}`);
export const requestRecompute = () => apiJson<{ runId: string }>('/kpis/recompute', { method: 'POST' });

export const jobRunsQueryOptions = () => queryOptions({ queryKey: ['job-runs'], queryFn: getJobRuns });
export const useJobRuns = () => useQuery(jobRunsQueryOptions());

const finished = (s?: string) => s === 'succeeded' || s === 'failed';

/** Poll a run every second while it is queued or running; stop once it ends. */
export function useJobRun(runId: string | null) {
  const qc = useQueryClient();
  return useQuery({
    queryKey: ['job-runs', runId],
    queryFn: async () => {
      const run = await getJobRun(runId!);
      if (finished(run.status)) {
        void qc.invalidateQueries({ queryKey: ['job-runs'], exact: true });
        if (run.status === 'succeeded') void qc.invalidateQueries({ queryKey: ['kpis'] });
      }
      return run;
    },
    enabled: !!runId,
    refetchInterval: (q) => (finished(q.state.data?.status) ? false : 1000),
  });
}

export function useRecompute() {
  const qc = useQueryClient();
  return useMutation({ mutationFn: requestRecompute, onSuccess: () => qc.invalidateQueries({ queryKey: ['job-runs'], exact: true }) });
}

// Tokens (SPEC §4 "Authentication and roles"): the secret is shown once, at creation.
export interface TokenSummary {
  id: string;
  name: string;
  role: Role;
  departmentCodes: string[];
  createdAt: string;
  expiresAt: string | null;
  revokedAt: string | null;
}
export interface IssuedToken extends Omit<TokenSummary, 'createdAt' | 'revokedAt'> {
  token: string;
}
export const getTokens = () => apiJson<Page<TokenSummary>>('/tokens', { query: { limit: 500 } }).then((r) => r.items);
export const issueToken = (t: { name: string; role: Role; departmentCodes: string[] }) => apiJson<IssuedToken>('/tokens', { method: 'POST', json: t });
export const revokeToken = (id: string) => apiJson<void>(`/tokens/${encodeURIComponent(id)}`, { method: 'DELETE' });
export const useTokens = () => useQuery({ queryKey: ['tokens'], queryFn: getTokens });
export function useIssueToken() {
  const qc = useQueryClient();
  return useMutation({ mutationFn: issueToken, onSuccess: () => qc.invalidateQueries({ queryKey: ['tokens'] }) });
}
export function useRevokeToken() {
  const qc = useQueryClient();
  return useMutation({ mutationFn: revokeToken, onSuccess: () => qc.invalidateQueries({ queryKey: ['tokens'] }) });
}

// Audit log: newest first, a page at a time.
export interface AuditEntry {
  id?: string | number;
  occurredAt: string;
  actor: string;
  role: string;
  action: string;
  entity: string;
  entityKey?: string | null;
  changes?: unknown;
}
export function useAudit() {
  return useInfiniteQuery({
    queryKey: ['audit'],
    queryFn: ({ pageParam }) => apiJson<Page<AuditEntry>>('/audit', { query: { limit: 50, cursor: pageParam } }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
}
