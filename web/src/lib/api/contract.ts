// Compile-time guard: every member the dashboard reads must exist in the API's OpenAPI
// document (schema.d.ts, generated). A renamed or removed field fails `npm run typecheck`.
// The hand-written types in types.ts stay the UI's vocabulary (literal unions for statuses,
// numbers as numbers), the generated ones are the contract they are checked against.
import type { components } from './schema';
import type { AuditEntry, TokenSummary } from '@/features/admin/api/admin';
import type {
  Champion,
  CollectorRun,
  CollectorState,
  DemoToken,
  Department,
  Employee,
  GateReview,
  Identity,
  ImportResult,
  Me,
  Outcome,
  SourceFreshness,
  SourceImportResult,
  ToolFigures,
  ToolsKpis,
  ToolsPeriod,
  UseCase,
  Wave,
} from './types';

type Schemas = components['schemas'];
type Missing<Mine, Theirs> = Exclude<keyof Mine, keyof Theirs>;
type Covered<Mine, Theirs> = [Missing<Mine, Theirs>] extends [never] ? true : { missingFromApi: Missing<Mine, Theirs> };

export const contract: {
  me: Covered<Me, Schemas['Me']>;
  demoToken: Covered<DemoToken, Schemas['DemoToken']>;
  department: Covered<Department, Schemas['Department']>;
  employee: Covered<Employee, Schemas['Employee']>;
  useCase: Covered<UseCase, Schemas['UseCase']>;
  champion: Covered<Champion, Schemas['Champion']>;
  wave: Covered<Wave, Schemas['Wave']>;
  gateReview: Covered<GateReview, Schemas['GateReview']>;
  outcome: Covered<Outcome, Schemas['OutcomeReport']>;
  importResult: Covered<ImportResult, Schemas['ImportResult']>;
  audit: Covered<AuditEntry, Schemas['AuditEntry']>;
  issuedToken: Covered<Omit<TokenSummary, 'createdAt' | 'revokedAt'>, Schemas['IssuedToken']>;
  sourceImportResult: Covered<SourceImportResult, Schemas['SourceImportResult']>;
  sourceFreshness: Covered<SourceFreshness, Schemas['SourceFreshness']>;
  toolsKpis: Covered<ToolsKpis, Schemas['ToolKpis']>;
  toolsPeriod: Covered<ToolsPeriod, Schemas['ToolPeriod']>;
  toolFigures: Covered<ToolFigures, Schemas['ToolFigures']>;
  identity: Covered<Identity, Schemas['Identity']>;
  collectorState: Covered<CollectorState, Schemas['CollectorState']>;
  collectorRun: Covered<CollectorRun, NonNullable<Schemas['CollectorState']['lastRun']>>;
} = {
  me: true,
  demoToken: true,
  department: true,
  employee: true,
  useCase: true,
  champion: true,
  wave: true,
  gateReview: true,
  outcome: true,
  importResult: true,
  audit: true,
  issuedToken: true,
  sourceImportResult: true,
  sourceFreshness: true,
  toolsKpis: true,
  toolsPeriod: true,
  toolFigures: true,
  identity: true,
  collectorState: true,
  collectorRun: true,
};
