import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { answer, api, type Schema } from '@/lib/api/client';

export type JobRun = Schema<'JobRun'>;

// Job runs: a recomputation is queued, then polled until it ends.
export const getJobRuns = () => answer(api.GET('/api/v1/job-runs', { params: { query: { limit: 20 } } })).then((r) => r.items);
export const getJobRun = (runId: string) => answer(api.GET('/api/v1/job-runs/{runId}', { params: { path: { runId } } }));
export const requestRecompute = () => answer(api.POST('/api/v1/kpis/recompute'));

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
