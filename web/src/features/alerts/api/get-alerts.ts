import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiJson, type Page } from '@/lib/api/client';
import type { Alert } from '@/lib/api/types';

export const getAlerts = () => apiJson<Page<Alert>>('/alerts', { query: { status: 'open', limit: 50 } }).then((r) => r.items);
export const alertsQueryOptions = () => queryOptions({ queryKey: ['alerts'], queryFn: getAlerts });
export const useAlerts = (enabled = true) => useQuery({ ...alertsQueryOptions(), enabled });

export const acknowledgeAlert = (id: Alert['id']) => apiJson<unknown>(`/alerts/${encodeURIComponent(String(id))}/acknowledge`, { method: 'POST' });
export function useAcknowledgeAlert() {
  const qc = useQueryClient();
  return useMutation({ mutationFn: acknowledgeAlert, onSuccess: () => qc.invalidateQueries({ queryKey: ['alerts'] }) });
}
