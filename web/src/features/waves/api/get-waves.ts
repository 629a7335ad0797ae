import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiJson, fetchAll } from '@/lib/api/client';
import type { Decision, GateReview, Wave } from '@/lib/api/types';

export const getWaves = () => fetchAll<Wave>('/waves');
export const getWave = (code: string) => apiJson<Wave>(`/waves/${encodeURIComponent(code)}`);
// The readiness checklist, computed from the data; some items need a person's confirmation.
// Items, gaps, projections and reasons say a code and its facts; the dashboard words them (wave-message.ts).
export interface ReadinessGap {
  subject: string;
  code: string;
  facts: Record<string, string>;
  count: number | null;
  employeeKeys: string[];
}
export interface ReadinessItem {
  number: number;
  /** budget, champions, use-cases, training, support-model, sponsor, targets */
  key: string;
  met: boolean;
  code: string;
  facts: Record<string, string>;
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
  /** Null when suppressed. */
  code: string | null;
  facts: Record<string, string> | null;
}
export interface GateReason {
  code: string;
  facts: Record<string, string>;
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
  recommendation: { decision: Decision; gate: 'start' | 'continue' | 'close'; reasons: GateReason[] };
}

// The answers are the same in every language: no need to ask again when the reader switches.
export const getReadiness = (code: string) => apiJson<WaveReadiness>(`/waves/${encodeURIComponent(code)}/readiness`);
export const getProgress = (code: string) => apiJson<WaveProgress>(`/waves/${encodeURIComponent(code)}/progress`);
export const confirmReadinessItem = (code: string, item: string, note: string | undefined) =>
  apiJson<WaveReadiness>(`/waves/${encodeURIComponent(code)}/readiness/${encodeURIComponent(item)}/confirmation`, {
    method: 'POST',
    json: { note: note ?? null },
  });

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
  apiJson<GateReview>(`/waves/${encodeURIComponent(code)}/gate-reviews`, { method: 'POST', json: input });

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
