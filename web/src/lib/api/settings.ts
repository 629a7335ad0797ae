import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { answer, api, type Body, type Schema } from '@/lib/api/client';

export type Settings = Schema<'SettingsValues'>;

export const getSettings = () => answer(api.GET('/api/v1/settings'));
export const settingsQueryOptions = () => queryOptions({ queryKey: ['settings'], queryFn: getSettings, staleTime: 5 * 60_000, retry: false });
export const useSettings = () => useQuery(settingsQueryOptions());

/** Euros unless the installation says otherwise. */
export function useCurrency(): string {
  const s = useSettings();
  const c = s.data?.currency;
  return typeof c === 'string' && /^[A-Z]{3}$/.test(c) ? c : 'EUR';
}

export const putSettings = (s: Body<'SettingsValues'>) => answer(api.PUT('/api/v1/settings', { body: s }));
export function useSaveSettings() {
  const qc = useQueryClient();
  return useMutation({ mutationFn: putSettings, onSuccess: (data) => qc.setQueryData(['settings'], data) });
}
