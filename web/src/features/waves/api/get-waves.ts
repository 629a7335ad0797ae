import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiJson, fetchAll } from '@/lib/api/client';
import type { Decision, GateReview, Wave } from '@/lib/api/types';

export const getWaves = () => fetchAll<Wave>('/waves');
export const getWave = (code: string) => apiJson<Wave>(`/waves/${encodeURIComponent(code)}`);
// Readiness (SPEC §5) and progress: shapes from the OpenAPI document, read defensively.
export const getReadiness = (code: string) => apiJson<unknown>(`/waves/${encodeURIComponent(code)}/readiness`);
export const getProgress = (code: string) => apiJson<unknown>(`/waves/${encodeURIComponent(code)}/progress`);

export const wavesQueryOptions = () => queryOptions({ queryKey: ['waves'], queryFn: getWaves, staleTime: 60_000 });
export const waveQueryOptions = (code: string) => queryOptions({ queryKey: ['waves', code], queryFn: () => getWave(code) });
export const readinessQueryOptions = (code: string) =>
  queryOptions({ queryKey: ['waves', code, 'readiness'], queryFn: () => getReadiness(code) });
export const progressQueryOptions = (code: string) =>
  queryOptions({ queryKey: ['waves', code, 'progress'], queryFn: () => getProgress(code) });

export const useWaves = (enabled = true) => useQuery({ ...wavesQueryOptions(), enabled });
export const useWave = (code: string) => useQuery(waveQueryOptions(code));
export const useReadiness = (code: string) => useQuery(readinessQueryOptions(code));
export const useProgress = (code: string) => useQuery(progressQueryOptions(code));

export interface GateReviewInput {
  decidedOn: string;
  decision: Decision;
  rationale: string;
}
export const recordGateReview = (code: string, input: GateReviewInput) =>
  apiJson<GateReview>(`/waves/${encodeURIComponent(code)}/gate-reviews`, { method: 'POST', json: input });

export function useRecordGateReview(code: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: GateReviewInput) => recordGateReview(code, input),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['waves'] }),
  });
}
