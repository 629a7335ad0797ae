import { useMutation, useQueryClient } from '@tanstack/react-query';
import { answer, api, asIs, type Schema } from '@/lib/api/client';

export type ImportResult = Schema<'ImportResult'>;
/** The kinds of CSV import, in the order the admin page offers them. */
export const importKinds = ['departments', 'employees', 'identities', 'use-cases', 'usage-events', 'outcomes', 'trainings', 'spend'] as const;
export type ImportKind = (typeof importKinds)[number];

/** The file goes as-is (text/csv), so a BOM or a semicolon survives untouched. */
export const runImport = (kind: ImportKind, file: Blob, dryRun: boolean) =>
  answer(
    api.POST('/api/v1/imports/{kind}', {
      params: { path: { kind }, query: { dryRun } },
      body: file as never,
      bodySerializer: asIs,
      headers: { 'Content-Type': 'text/csv' },
    }),
  );

export function useRunImport() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ kind, file, dryRun }: { kind: ImportKind; file: Blob; dryRun: boolean }) => runImport(kind, file, dryRun),
    onSuccess: (_r, v) => {
      if (!v.dryRun) void qc.invalidateQueries();
    },
  });
}
