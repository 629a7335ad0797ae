import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiJson } from '@/lib/api/client';
import type { ImportKind, ImportResult } from '@/lib/api/types';

/** SPEC §4 "Imports": the file goes as-is (text/csv), so a BOM or a semicolon survives untouched. */
export const runImport = (kind: ImportKind, file: Blob, dryRun: boolean) =>
  apiJson<ImportResult>(`/imports/${kind}`, { method: 'POST', query: { dryRun }, body: file, contentType: 'text/csv' });

export function useRunImport() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ kind, file, dryRun }: { kind: ImportKind; file: Blob; dryRun: boolean }) => runImport(kind, file, dryRun),
    onSuccess: (_r, v) => {
      if (!v.dryRun) void qc.invalidateQueries();
    },
  });
}
