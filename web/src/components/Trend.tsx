import { useI18n } from '@/lib/i18n/i18n';

const arrows: Partial<Record<string, string>> = {
  growing: '↗',
  stable: '→',
  declining: '↘',
  'insufficient-data': '…',
  inactive: '○',
};

/** Sustainability as a word and an arrow, never colour alone. */
export function Trend({ trend }: { trend: string | null | undefined }) {
  const { tx } = useI18n();
  if (!trend) return <span className="muted">–</span>;
  return (
    <span className={`trend trend-${trend}`}>
      <span aria-hidden="true">{arrows[trend] ?? ''} </span>
      {tx(`trend.${trend}`, trend)}
    </span>
  );
}
