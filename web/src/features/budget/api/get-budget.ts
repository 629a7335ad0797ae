import { useQuery } from '@tanstack/react-query';
import { apiJson, fetchAll } from '@/lib/api/client';
import type { components } from '@/lib/api/schema';

export interface BudgetLine {
  code: string;
  name: string;
  waveCode: string | null;
  departmentCode: string | null;
  category: string;
  pricingModel: string;
  unitPrice: number;
  plannedUnits: number;
  plannedAmount: number;
  periodStart: string;
  periodEnd: string;
}
export interface Spend {
  spendId: string;
  occurredOn: string;
  budgetLineCode: string;
  amount: number;
}

export type BudgetGroupBy = 'category' | 'wave' | 'month' | 'line';
export interface PricingModelCost {
  model: 'per-seat' | 'usage';
  unitPrice: number;
  units: number;
  yearlyCost: number;
  lines: string[];
  basis: components['schemas']['CalculationBasis'];
}
export interface BudgetSummary {
  from: string;
  to: string;
  asOf: string;
  groupBy: BudgetGroupBy;
  currency: string;
  rows: { key: string; planned: number; actual: number; variance: number; varianceRatio: number | null }[];
  totals: {
    planned: number;
    actual: number;
    variance: number;
    varianceRatio: number | null;
    headcount: number;
    activeEmployees: number;
    costPerActiveEmployee: number | null;
    costPerEmployeePerYear: number | null;
  };
  fullScale: {
    employeesInScope: number;
    targetDepth: number;
    targetDepthSource: 'request' | 'waves' | 'everyone';
    activeEmployeesAtTarget: number;
    usesPerActiveEmployeePerYear: number | null;
    perSeat: PricingModelCost | null;
    usage: PricingModelCost | null;
    fixedPerYear: number;
    cheaperModel: 'per-seat' | 'usage' | null;
    yearlySaving: number | null;
    breakEvenUsesPerActiveEmployeePerYear: number | null;
  };
  idleSeats: {
    windowDays: number;
    yearlyCost: number;
    lines: { lineCode: string; name: string; scope: string; seatsHeld: number; idle: number; unitPricePerYear: number; yearlyCost: number }[];
  };
}

export const getBudgetLines = () => fetchAll<BudgetLine>('/budget/lines');
export const getSpend = (range: { from?: string; to?: string } = {}) => fetchAll<Spend>('/budget/spend', range);
export const getBudgetSummary = (groupBy: BudgetGroupBy) => apiJson<BudgetSummary>('/budget/summary', { query: { groupBy } });

export const useBudgetLines = () => useQuery({ queryKey: ['budget', 'lines'], queryFn: getBudgetLines });
export const useSpend = () => useQuery({ queryKey: ['budget', 'spend'], queryFn: () => getSpend() });
/** Spend dated in [from, to], for the roles that may read the budget. */
export const useSpendBetween = (from: string | undefined, to: string | undefined, enabled: boolean) =>
  useQuery({ queryKey: ['budget', 'spend', from, to], queryFn: () => getSpend({ from, to }), enabled: enabled && !!from && !!to });
export const useBudgetSummary = (groupBy: BudgetGroupBy) => useQuery({ queryKey: ['budget', 'summary', groupBy], queryFn: () => getBudgetSummary(groupBy) });
