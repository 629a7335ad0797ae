import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiJson, fetchAll } from '@/lib/api/client';
import { useI18n } from '@/lib/i18n/i18n';
import type { Decision, GateReview, Wave } from '@/lib/api/types';

export const getWaves = () => fetchAll<Wave>('/waves');
export const getWave = (code: string) => apiJson<Wave>(`/waves/${encodeURIComponent(code)}`);
// SPEC §5: the readiness checklist, computed from the data; some items need a person's confirmation.
export interface ReadinessGap {
  subject: string;
  message: string;
  count: number | null;
  employeeKeys: string[];
}
export interface ReadinessItem {
  number: number;
  /** budget, champions, use-cases, training, support-model, sponsor, targets */
  key: string;
  title: string;
  met: boolean;
  why: string;
  confirmationRequired: boolean;
  needsConfirmation: boolean;
  confirmation: { confirmedBy: string; confirmedAt: string; note: string | null } | null;
  gaps: ReadinessGap[];
}
export interface WaveReadiness {
  waveCode: string;
  asOf: string;
  score: number;
  metCount: number;
  itemCount: number;
  pendingConfirmations: number;
  ready: boolean;
  items: ReadinessItem[];
}

export type ProjectionStatus = 'reached' | 'on-track' | 'late' | 'not-on-track' | 'insufficient-data' | 'no-target' | 'suppressed';
export interface DepthProjection {
  status: ProjectionStatus;
  slopePerWeek: number | null;
  projectedOn: string | null;
  fittedDepthAtPlannedEnd: number | null;
  explanation: string | null;
}
export interface WeekDepth {
  period: string;
  start: string;
  end: string;
  headcount: number;
  activeEmployees: number | null;
  depth: number | null;
  suppressed: boolean;
}
export interface WaveProgress {
  waveCode: string;
  asOf: string;
  targetDepth: number | null;
  targetBreadth: number | null;
  weeks: string[];
  /** The wave's total; hidden (suppressed, figures null) when it would reveal a small group. */
  depth: { headcount: number; activeEmployees: number | null; ratio: number | null; suppressed: boolean; series: WeekDepth[]; projection: DepthProjection };
  breadth: {
    adoptingThreshold: number;
    adoptingDepartments: number;
    departments: number;
    ratio: number | null;
    projectedAdoptingAtPlannedEnd: number;
    projectedRatioAtPlannedEnd: number | null;
    target: number | null;
  };
  departments: {
    code: string;
    name: string;
    suppressed: boolean;
    headcount: number;
    activeEmployees: number | null;
    depth: number | null;
    adopting: boolean | null;
    /** SPEC §3b in the latest complete week; null when hidden or not computed yet. */
    habitRate: number | null;
    activationRate: number | null;
    series: WeekDepth[];
    projection: DepthProjection;
  }[];
  recommendation: { decision: Decision; gate: 'start' | 'continue' | 'close'; reasons: string[] };
}

// Readiness and progress explain themselves in sentences worded in the language asked for.
export const getReadiness = (code: string, language?: string) => apiJson<WaveReadiness>(`/waves/${encodeURIComponent(code)}/readiness`, { language });
export const getProgress = (code: string, language?: string) => apiJson<WaveProgress>(`/waves/${encodeURIComponent(code)}/progress`, { language });
export const confirmReadinessItem = (code: string, item: string, note: string | undefined, language: string) =>
  apiJson<WaveReadiness>(`/waves/${encodeURIComponent(code)}/readiness/${encodeURIComponent(item)}/confirmation`, {
    method: 'POST',
    json: { note: note ?? null },
    language,
  });

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
  apiJson<GateReview>(`/waves/${encodeURIComponent(code)}/gate-reviews`, { method: 'POST', json: input });

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
