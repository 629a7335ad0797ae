import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { answer, api, type Schema } from '@/lib/api/client';

export type Wave = Schema<'Wave'>;
export type GateReview = Schema<'GateReview'>;
// The readiness checklist, computed from the data; some items need a person's confirmation.
// Items, gaps, projections and reasons say a code and its facts; the dashboard words them (wave-message.ts).
export type WaveReadiness = Schema<'WaveReadiness'>;
export type ReadinessItem = Schema<'ReadinessItem'>;
export type ReadinessGap = Schema<'ReadinessGap'>;
export type WaveProgress = Schema<'WaveProgress'>;
export type DepthProjection = Schema<'DepthProjection'>;
export type GateReason = Schema<'GateReason'>;
export type WeekDepth = Schema<'WeekDepth'>;
/** The decisions a gate review may record, in the order the form offers them. */
export const decisions = ['go', 'adjust', 'hold', 'stop'] as const;
export type Decision = (typeof decisions)[number];

// The API answers every wave in one page.
export const getWaves = () => answer(api.GET('/api/v1/waves')).then((r) => r.items);
export const getWave = (code: string) => answer(api.GET('/api/v1/waves/{code}', { params: { path: { code } } }));

// The answers are the same in every language (codes and facts): no need to ask again when the reader switches.
export const getReadiness = (code: string) => answer(api.GET('/api/v1/waves/{code}/readiness', { params: { path: { code } } }));
export const getProgress = (code: string) => answer(api.GET('/api/v1/waves/{code}/progress', { params: { path: { code } } }));
export const confirmReadinessItem = (code: string, item: string, note: string | undefined) =>
  answer(
    api.POST('/api/v1/waves/{code}/readiness/{item}/confirmation', {
      params: { path: { code, item } },
      body: { note: note ?? null },
    }),
  );

export const wavesQueryOptions = () => queryOptions({ queryKey: ['waves'], queryFn: getWaves, staleTime: 60_000 });
export const waveQueryOptions = (code: string) => queryOptions({ queryKey: ['waves', code], queryFn: () => getWave(code) });
export const readinessQueryOptions = (code: string) => queryOptions({ queryKey: ['waves', code, 'readiness'], queryFn: () => getReadiness(code) });
export const progressQueryOptions = (code: string) => queryOptions({ queryKey: ['waves', code, 'progress'], queryFn: () => getProgress(code) });

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
  answer(api.POST('/api/v1/waves/{code}/gate-reviews', { params: { path: { code } }, body: input }));

export function useConfirmReadinessItem(code: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: { item: string; note?: string }) => confirmReadinessItem(code, v.item, v.note),
    onSuccess: (data) => qc.setQueryData(readinessQueryOptions(code).queryKey, data),
  });
}

export function useRecordGateReview(code: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: GateReviewInput) => recordGateReview(code, input),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['waves'] }),
  });
}
