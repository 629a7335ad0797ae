import type { MessageKey } from '@/lib/i18n/i18n';

// Readiness (SPEC §5) and progress are shaped by the API's OpenAPI document; these readers
// accept the likely member names so that the page survives small differences.
export interface ReadinessItem {
  key: string;
  label: MessageKey | null;
  text: string;
  ok: boolean;
  detail: string | null;
}

const itemKeys: [RegExp, MessageKey][] = [
  [/budget/i, 'readiness.budget'],
  [/champion/i, 'readiness.champions'],
  [/use.?case/i, 'readiness.useCases'],
  [/train/i, 'readiness.training'],
  [/support|owner/i, 'readiness.support'],
  [/sponsor/i, 'readiness.sponsor'],
  [/metric|target/i, 'readiness.metrics'],
];

type Raw = Record<string, unknown>;

export function normaliseReadiness(raw: unknown): { ready: boolean | null; items: ReadinessItem[] } {
  const o = (raw ?? {}) as Raw;
  const list = (Array.isArray(raw) ? raw : (o.items ?? o.checklist ?? o.checks ?? [])) as Raw[];
  const items = list.map((it, i) => {
    const key = String(it.key ?? it.code ?? it.id ?? it.item ?? it.name ?? i + 1);
    const text = String(it.label ?? it.title ?? it.description ?? key);
    const label = itemKeys.find(([re]) => re.test(key) || re.test(text))?.[1] ?? null;
    const okValue = it.ok ?? it.met ?? it.satisfied ?? it.passed ?? it.ready ?? it.done ?? (it.status === 'ok' || it.status === 'met' || it.status === 'ready');
    const detailValue = it.detail ?? it.details ?? it.reason ?? it.missing ?? null;
    const detail = detailValue == null ? null : Array.isArray(detailValue) ? detailValue.join(', ') : String(detailValue);
    return { key, label, text, ok: okValue === true, detail };
  });
  const ready = typeof o.ready === 'boolean' ? o.ready : items.length ? items.every((i) => i.ok) : null;
  return { ready, items };
}

export interface ProgressRow {
  code: string;
  name: string;
  depth: number | null;
  targetDepth: number | null;
  activeEmployees: number | null;
  headcount: number | null;
  suppressed: boolean;
}

export function normaliseProgress(raw: unknown): { rows: ProgressRow[]; overall: ProgressRow | null } {
  const o = (raw ?? {}) as Raw;
  const rowsRaw = (o.departments ?? o.items ?? []) as Raw[];
  const n = (v: unknown) => (typeof v === 'number' ? v : null);
  const row = (r: Raw, fallback: string): ProgressRow => ({
    code: String(r.code ?? r.departmentCode ?? fallback),
    name: String(r.name ?? r.departmentName ?? r.code ?? r.departmentCode ?? fallback),
    depth: n(r.depth ?? r.currentDepth ?? (r.depth as Raw | undefined)?.ratio),
    targetDepth: n(r.targetDepth ?? r.target ?? o.targetDepth),
    activeEmployees: n(r.activeEmployees ?? r.active),
    headcount: n(r.headcount),
    suppressed: r.suppressed === true,
  });
  const rows = Array.isArray(rowsRaw) ? rowsRaw.map((r, i) => row(r, String(i))) : [];
  const overallRaw = (o.overall ?? o.total ?? (typeof o.depth === 'number' ? o : null)) as Raw | null;
  return { rows, overall: overallRaw ? row(overallRaw, '') : null };
}
