import { useQuery } from '@tanstack/react-query';
import { answer, api, type Schema } from '@/lib/api/client';

export type BudgetLine = Schema<'BudgetLine'>;
export type BudgetSummary = Schema<'BudgetSummary'>;
export type PricingModelCost = Schema<'PricingModelCost'>;
export type SpendTotals = Schema<'SpendTotals'>;

export type BudgetGroupBy = 'category' | 'wave' | 'month' | 'line';

// The API answers every budget line in one page.
export const getBudgetLines = () => answer(api.GET('/api/v1/budget/lines')).then((r) => r.items);
/** Spend added up by the API: per budget line, or per ISO week or month with the running total. */
export const getSpendTotals = (q: { groupBy: 'line' | 'week' | 'month'; from?: string; to?: string }) =>
  answer(api.GET('/api/v1/budget/spend/totals', { params: { query: q } }));
export const getBudgetSummary = (groupBy: BudgetGroupBy) => answer(api.GET('/api/v1/budget/summary', { params: { query: { groupBy } } }));

export const useBudgetLines = () => useQuery({ queryKey: ['budget', 'lines'], queryFn: getBudgetLines });
/** Every spend ever recorded, per budget line. */
export const useSpendByLine = () => useQuery({ queryKey: ['budget', 'spend', 'line'], queryFn: () => getSpendTotals({ groupBy: 'line' }) });
/** Spend per period of a grain in [from, to], for the roles that may read the budget. */
export const useSpendBetween = (grain: 'week' | 'month', from: string | undefined, to: string | undefined, enabled: boolean) =>
  useQuery({
    queryKey: ['budget', 'spend', grain, from, to],
    queryFn: () => getSpendTotals({ groupBy: grain, from, to }),
    enabled: enabled && !!from && !!to,
  });
export const useBudgetSummary = (groupBy: BudgetGroupBy) => useQuery({ queryKey: ['budget', 'summary', groupBy], queryFn: () => getBudgetSummary(groupBy) });
