import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { answer, api, type Schema } from '@/lib/api/client';
import { useI18n } from '@/lib/i18n/i18n';

export type Wave = Schema<'Wave'>;
export type GateReview = Schema<'GateReview'>;
export type WaveReadiness = Schema<'WaveReadiness'>;
export type ReadinessItem = Schema<'ReadinessItem'>;
export type ReadinessGap = Schema<'ReadinessGap'>;
export type WaveProgress = Schema<'WaveProgress'>;
export type DepthProjection = Schema<'DepthProjection'>;
export type WeekDepth = Schema<'WeekDepth'>;
/** The decisions a gate review may record, in the order the form offers them. */
export const decisions = ['go', 'adjust', 'hold', 'stop'] as const;
export type Decision = (typeof decisions)[number];

// The API answers every wave in one page.
export const getWaves = () => answer(api.GET('/api/v1/waves')).then((r) => r.items);
export const getWave = (code: string) => answer(api.GET('/api/v1/waves/{code}', { params: { path: { code } } }));

// Readiness and progress explain themselves in sentences worded in the language asked for.
const inLanguage = (language?: string) => (language ? { 'Accept-Language': language } : {});
export const getReadiness = (code: string, language?: string) =>
  answer(api.GET('/api/v1/waves/{code}/readiness', { params: { path: { code } }, headers: inLanguage(language) }));
export const getProgress = (code: string, language?: string) =>
  answer(api.GET('/api/v1/waves/{code}/progress', { params: { path: { code } }, headers: inLanguage(language) }));
export const confirmReadinessItem = (code: string, item: string, note: string | undefined, language: string) =>
  answer(
    api.POST('/api/v1/waves/{code}/readiness/{item}/confirmation', {
      params: { path: { code, item } },
      body: { note: note ?? null },
      headers: inLanguage(language),
    }),
  );

export const wavesQueryOptions = () => queryOptions({ queryKey: ['waves'], queryFn: getWaves, staleTime: 60_000 });
export const waveQueryOptions = (code: string) => queryOptions({ queryKey: ['waves', code], queryFn: () => getWave(code) });
export const readinessQueryOptions = (code: string, language: string) =>
  queryOptions({ queryKey: ['waves', code, 'readiness', language], queryFn: () => getReadiness(code, language) });
export const progressQueryOptions = (code: string, language: string) =>
  queryOptions({ queryKey: ['waves', code, 'progress', language], queryFn: () => getProgress(code, language) });

export const useWaves = (enabled = true) => useQuery({ ...wavesQueryOptions(), enabled });
export const useWave = (code: string) => useQuery(waveQueryOptions(code));
export const useReadiness = (code: string) => useQuery(readinessQueryOptions(code, useI18n().lang));
export const useProgress = (code: string) => useQuery(progressQueryOptions(code, useI18n().lang));

export interface GateReviewInput {
  decidedOn: string;
  decision: Decision;
  rationale: string;
}
export const recordGateReview = (code: string, input: GateReviewInput) =>
  answer(api.POST('/api/v1/waves/{code}/gate-reviews', { params: { path: { code } }, body: input }));

export function useConfirmReadinessItem(code: string) {
  const qc = useQueryClient();
  const { lang } = useI18n();
  return useMutation({
    mutationFn: (v: { item: string; note?: string }) => confirmReadinessItem(code, v.item, v.note, lang),
    onSuccess: (data) => qc.setQueryData(readinessQueryOptions(code, lang).queryKey, data),
  });
}

export function useRecordGateReview(code: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: GateReviewInput) => recordGateReview(code, input),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['waves'] }),
  });
}
