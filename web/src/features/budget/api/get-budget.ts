import { useQuery } from '@tanstack/react-query';
import { apiJson, fetchAll } from '@/lib/api/client';

// Budget lines, spend and summary: shapes from the API's OpenAPI document, read tolerantly.
type Raw = Record<string, unknown>;
const num = (v: unknown): number | null => (typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' && !Number.isNaN(Number(v)) ? Number(v) : null);
const str = (v: unknown): string | null => (v == null ? null : String(v));

export interface BudgetLine {
  code: string;
  name: string;
  waveCode: string | null;
  departmentCode: string | null;
  category: string;
  pricingModel: string;
  unitPrice: number | null;
  plannedUnits: number | null;
  plannedAmount: number | null;
  period: string | null;
  actual: number | null;
}
export interface Spend {
  occurredOn: string;
  budgetLineCode: string;
  amount: number;
}
export interface Projection {
  pricingModel: string;
  amount: number | null;
  label?: string | null;
}
export interface BudgetSummary {
  planned: number | null;
  actual: number | null;
  costPerActiveEmployee: number | null;
  costPerEmployeePerYear: number | null;
  activeEmployees: number | null;
  headcount: number | null;
  projections: Projection[];
  raw: Raw;
}

export function normaliseLine(o: Raw): BudgetLine {
  return {
    code: String(o.code ?? ''),
    name: String(o.name ?? o.code ?? ''),
    waveCode: str(o.waveCode),
    departmentCode: str(o.departmentCode),
    category: String(o.category ?? 'other'),
    pricingModel: String(o.pricingModel ?? o.pricing ?? 'fixed'),
    unitPrice: num(o.unitPrice),
    plannedUnits: num(o.plannedUnits),
    plannedAmount: num(o.plannedAmount ?? o.planned),
    period: str(o.period),
    actual: num(o.actual ?? o.actualAmount ?? o.spent),
  };
}

export function normaliseSummary(o: Raw): BudgetSummary {
  const pick = (...keys: string[]) => {
    for (const k of keys) {
      const v = num(o[k]);
      if (v != null) return v;
    }
    return null;
  };
  let projections: Projection[] = [];
  const p = o.projections ?? o.projectedCostAtFullScale ?? o.projection ?? o.fullScale;
  if (Array.isArray(p)) projections = (p as Raw[]).map((x) => ({ pricingModel: String(x.pricingModel ?? x.model ?? ''), amount: num(x.amount ?? x.projectedCost ?? x.cost ?? x.annualCost), label: str(x.label) }));
  else if (p && typeof p === 'object') projections = Object.entries(p as Raw).map(([k, v]) => ({ pricingModel: k, amount: num(typeof v === 'object' && v ? ((v as Raw).amount ?? (v as Raw).cost) : v) }));
  return {
    planned: pick('planned', 'plannedAmount', 'plannedTotal', 'totalPlanned'),
    actual: pick('actual', 'actualAmount', 'actualTotal', 'spent', 'totalActual'),
    costPerActiveEmployee: pick('costPerActiveEmployee', 'costPerActive'),
    costPerEmployeePerYear: pick('costPerEmployeePerYear', 'costPerEmployeeYear', 'annualCostPerEmployee'),
    activeEmployees: pick('activeEmployees'),
    headcount: pick('headcount'),
    projections,
    raw: o,
  };
}

export const getBudgetLines = () => fetchAll<Raw>('/budget/lines').then((l) => l.map(normaliseLine));
export const getSpend = () =>
  fetchAll<Raw>('/budget/spend').then((l) => l.map((s) => ({ occurredOn: String(s.occurredOn ?? ''), budgetLineCode: String(s.budgetLineCode ?? ''), amount: num(s.amount) ?? 0 })));
export const getBudgetSummary = () => apiJson<Raw>('/budget/summary').then(normaliseSummary);

export const useBudgetLines = () => useQuery({ queryKey: ['budget', 'lines'], queryFn: getBudgetLines });
export const useSpend = () => useQuery({ queryKey: ['budget', 'spend'], queryFn: getSpend });
export const useBudgetSummary = () => useQuery({ queryKey: ['budget', 'summary'], queryFn: getBudgetSummary });
