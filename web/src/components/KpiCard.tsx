import type { ReactNode } from 'react';
import { Sparkline } from './Sparkline';

export interface KpiCardProps {
  title: string;
  value: ReactNode;
  sub?: ReactNode;
  change?: { text: string; direction: 'up' | 'down' | 'flat'; label: string } | null;
  spark?: (number | null)[];
  footer?: ReactNode;
  testId?: string;
}

export function KpiCard({ title, value, sub, change, spark, footer, testId }: KpiCardProps) {
  return (
    <section className="card kpi" aria-label={title} data-testid={testId}>
      <h2>{title}</h2>
      <div className="kpi-value">{value}</div>
      {sub && <div className="kpi-sub">{sub}</div>}
      {change && (
        <div className={`kpi-sub delta-${change.direction}`}>
          <span aria-hidden="true">{change.direction === 'up' ? '▲ ' : change.direction === 'down' ? '▼ ' : '■ '}</span>
          {change.text} <span className="muted">{change.label}</span>
        </div>
      )}
      {spark && <Sparkline values={spark} />}
      {footer && <div className="kpi-sub">{footer}</div>}
    </section>
  );
}
