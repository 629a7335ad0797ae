import type { Trend as TrendValue } from '@/lib/api/types';
import { useI18n } from '@/lib/i18n/i18n';

const arrows: Record<TrendValue, string> = {
  growing: '↗',
  stable: '→',
  declining: '↘',
  'insufficient-data': '…',
  inactive: '○',
};

/** Sustainability as a word and an arrow, never colour alone. */
export function Trend({ trend }: { trend: TrendValue | null | undefined }) {
  const { t } = useI18n();
  if (!trend) return <span className="muted">–</span>;
  return (
    <span className={`trend trend-${trend}`}>
      <span aria-hidden="true">{arrows[trend]} </span>
      {t(`trend.${trend}`)}
    </span>
  );
}
