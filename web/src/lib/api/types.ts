import type { LineError } from './client';
// Shapes of the API as described in SPEC §3, §3b and §4. Where the OpenAPI document
// (schema.d.ts, generated) is more precise, prefer it; these stay readable for the UI.

export type Role = 'admin' | 'executive' | 'champion' | 'hr';
export const roles: Role[] = ['executive', 'champion', 'hr', 'admin'];

export interface Me {
  name: string;
  role: Role;
  departmentCodes: string[];
}

export interface DemoToken {
  role: Role;
  name: string;
  token: string;
  departmentCodes: string[];
}

export interface Department {
  code: string;
  name: string;
  headcount: number;
}

export interface Employee {
  employeeKey: string;
  departmentCode: string;
  joinedOn: string | null;
  leftOn: string | null;
  trainingTier: 'power' | 'casual' | null;
  hasSeat: boolean | null;
}

export type UseCaseStatus = 'idea' | 'pilot' | 'production' | 'retired';
export interface UseCase {
  code: string;
  title: string;
  description: string | null;
  category: string;
  status: UseCaseStatus;
  minutesSavedPerUse: number;
  owner: string | null;
  applicableDepartments: string[];
  trainingUrl: string | null;
  reviewEveryDays: number | null;
  lastReviewedOn: string | null;
  reviewDueOn: string | null;
  /** Due today or before, or never reviewed (pilot and production use cases with a cadence only). */
  reviewDue: boolean;
  /** Past its due day, or never reviewed: the overdue-review alert's rule, answered by the API. */
  reviewOverdue: boolean;
  /** The AI tool it belongs to (set by a source import, or by hand); absent for older answers. */
  tool?: string | null;
}

export interface UsageEventInput {
  eventId?: string;
  occurredOn: string;
  employeeKey: string;
  useCaseCode: string;
  uses: number;
  minutesSaved?: number;
}
export interface UpsertResult {
  inserted: number;
  updated: number;
  unchanged: number;
}

export interface Outcome {
  reportId?: string;
  occurredOn: string;
  departmentCode: string;
  useCaseCode?: string | null;
  ticketsAvoided: number;
  employeesHelped: number;
  satisfaction?: number | null;
  blockers?: string | null;
  note?: string | null;
}

export type ChampionStatus = 'identified' | 'equipped' | 'active' | 'inactive';
export interface Champion {
  id: string | number;
  displayName: string;
  contact: string | null;
  departmentCode: string;
  status: ChampionStatus;
  since: string | null;
}

export type WaveStatus = 'planned' | 'active' | 'review' | 'completed' | 'paused';
export type Decision = 'go' | 'adjust' | 'hold' | 'stop';
export interface GateReview {
  id: string | number;
  decidedOn: string;
  decision: Decision;
  rationale: string | null;
  decidedBy: string | null;
}
export interface Wave {
  code: string;
  name: string;
  kind: 'pilot' | 'rollout';
  sequence: number;
  departmentCodes: string[];
  plannedStart: string | null;
  plannedEnd: string | null;
  status: WaveStatus;
  targetDepth: number | null;
  targetBreadth: number | null;
  executiveSponsor: string | null;
  technicalOwner: string | null;
  adoptionOwner: string | null;
  contentOwner: string | null;
  governanceOwner: string | null;
  lastGateReview: GateReview | null;
  gateReviews?: GateReview[];
}

export type Grain = 'week' | 'month';
export type Trend = 'growing' | 'stable' | 'declining' | 'insufficient-data' | 'inactive';

export interface KpiPeriod {
  period: string;
  start: string;
  end: string;
  breadth: { adoptingDepartments: number; departments: number; ratio: number | null };
  depth: { activeEmployees: number; headcount: number; ratio: number | null };
  diversity: { useCasesInUse: number };
  impact: { hoursSaved: number; ticketsAvoided: number; employeesHelped: number; valueSaved: number };
  sustainability: { trend: Trend; slope: number | null };
}
export interface KpiResponse {
  grain: Grain;
  computedAt: string | null;
  stale: boolean;
  periods: KpiPeriod[];
}

export interface DepartmentKpiPeriod {
  period: string;
  start: string;
  end: string;
  headcount: number;
  activeEmployees: number | null;
  depth: number | null;
  adopting: boolean;
  useCasesInUse: number;
  hoursSaved: number;
  ticketsAvoided: number;
  employeesHelped: number;
  valueSaved: number;
  trend: Trend | null;
  slope: number | null;
  suppressed: boolean;
}
export interface DepartmentKpiResponse {
  grain: Grain;
  computedAt: string | null;
  stale: boolean;
  departments: { code: string; name: string; periods: DepartmentKpiPeriod[] }[];
}

export interface AdoptionPeriod {
  period: string;
  start: string;
  end: string;
  bands: { habitual: number; regular: number; occasional: number; nonUser: number } | null;
  habitRate: number | null;
  // Null when suppressed for privacy (SPEC §3), or when the grain does not carry them.
  transitions: { retained: number; new: number; reactivated: number; lapsed: number; dormant: number } | null;
  activation: { eligible: number; activated: number; rate: number | null; medianDays: number | null } | null;
  seats: { held: number; idle: number; unseatedActive: number } | null;
  suppressed?: boolean;
}
export interface AdoptionResponse {
  grain: Grain;
  computedAt: string | null;
  stale: boolean;
  periods: AdoptionPeriod[];
}

export type JobStatus = 'queued' | 'running' | 'succeeded' | 'failed';
export interface JobRun {
  runId: string;
  job: string;
  status: JobStatus;
  startedAt: string | null;
  finishedAt: string | null;
  error: string | null;
  /** request, change, nightly or retry */
  reason?: string;
  mode?: string | null;
  requestedAt?: string | null;
  requestedBy?: string | null;
  periodsTouched?: number | null;
}

export interface ImportResult {
  kind: string;
  rowsRead: number;
  inserted: number;
  updated: number;
  unchanged: number;
  warnings: LineError[];
}
export const importKinds = ['departments', 'employees', 'identities', 'use-cases', 'usage-events', 'outcomes', 'trainings', 'spend'] as const;
export type ImportKind = (typeof importKinds)[number];

export type AlertRule = 'department-declining' | 'champion-inactive' | 'use-case-review-overdue' | 'budget-overrun' | 'wave-behind-target' | 'job-failed';
export interface Alert {
  id: number;
  rule: AlertRule;
  severity: 'info' | 'warning' | 'critical';
  owner: string | null;
  subjectKey: string;
  /** In English; `facts` holds what it is made of, for a title in the reader's language. */
  title: string;
  detail: string;
  facts: Record<string, string> | null;
  status: 'open' | 'acknowledged' | 'resolved';
  raisedAt: string;
  acknowledgedAt: string | null;
}

// Sources: the AI tools' own exports, read as they are.
export const sources = ['m365-copilot-audit', 'm365-copilot-usage', 'viva-copilot', 'github-copilot', 'chatgpt-enterprise'] as const;
export type SourceName = (typeof sources)[number];

export interface SourceImportResult {
  source: string;
  rowsRead: number;
  skipped: number;
  unmatchedUsers: number;
  unmatchedSample: string[];
  inserted: number;
  updated: number;
  unchanged: number;
  firstDate: string | null;
  lastDate: string | null;
  dryRun: boolean;
  warnings: LineError[];
}

export interface SourceFreshness {
  source: string;
  tool: string;
  lastImportAt: string;
  firstDate: string | null;
  lastDate: string | null;
  events: number;
  unmatchedUsers: number;
}

export interface ToolFigures {
  tool: string;
  activeEmployees: number | null;
  depth: number | null;
  uses: number | null;
  hoursSaved: number | null;
}
export interface ToolsPeriod {
  period: string;
  start: string;
  end: string;
  suppressed?: boolean;
  multiToolEmployees: number | null;
  tools: ToolFigures[];
}
export interface ToolsKpis {
  grain: Grain;
  computedAt: string | null;
  stale: boolean;
  periods: ToolsPeriod[];
}

export interface Identity {
  system: string;
  externalId: string;
  employeeKey: string;
}

export interface CollectorRun {
  runId: string;
  status: JobStatus;
  startedAt: string | null;
  finishedAt: string | null;
  error: string | null;
}
export interface CollectorState {
  name: string;
  source: string;
  configured: boolean;
  enabled: boolean;
  schedule: string | null;
  nextRunAt: string | null;
  lastRun: CollectorRun | null;
  lastError: string | null;
  daysHeld: { firstDate: string | null; lastDate: string | null; days: number };
}
