import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { answer, api, type Schema } from '@/lib/api/client';

export type Alert = Schema<'Alert'>;

export const getAlerts = () => answer(api.GET('/api/v1/alerts', { params: { query: { status: 'open', limit: 50 } } })).then((r) => r.items);
export const alertsQueryOptions = () => queryOptions({ queryKey: ['alerts'], queryFn: getAlerts });
export const useAlerts = (enabled = true) => useQuery({ ...alertsQueryOptions(), enabled });

export const acknowledgeAlert = (id: Alert['id']) => answer(api.POST('/api/v1/alerts/{id}/acknowledge', { params: { path: { id } } }));
export function useAcknowledgeAlert() {
  const qc = useQueryClient();
  return useMutation({ mutationFn: acknowledgeAlert, onSuccess: () => qc.invalidateQueries({ queryKey: ['alerts'] }) });
}
