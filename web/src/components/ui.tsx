import type { ReactNode } from 'react';
import type { UseQueryResult } from '@tanstack/react-query';
import { useI18n } from '@/lib/i18n/i18n';
import { ErrorView } from './ErrorView';

export function Loading({ label }: { label?: string }) {
  const { t } = useI18n();
  return (
    <p className="loading" role="status" aria-live="polite">
      {label ?? t('common.loading')}
    </p>
  );
}

export function PageHeader({ title, intro, actions }: { title: string; intro?: string; actions?: ReactNode }) {
  return (
    <header className="page-header">
      <div>
        <h1>{title}</h1>
        {intro && <p className="muted">{intro}</p>}
      </div>
      {actions && <div className="page-actions no-print">{actions}</div>}
    </header>
  );
}

export function Card({ title, children, className, id, actions }: { title?: ReactNode; children: ReactNode; className?: string; id?: string; actions?: ReactNode }) {
  const headingId = id ? `${id}-title` : undefined;
  return (
    <section className={`card ${className ?? ''}`} aria-labelledby={title ? headingId : undefined} id={id}>
      {(title || actions) && (
        <div className="card-head">
          {title && <h2 id={headingId}>{title}</h2>}
          {actions}
        </div>
      )}
      {children}
    </section>
  );
}

/** Render a query: loading, error (with retry), or the data. */
export function QueryView<T>({ query, children, compact }: { query: UseQueryResult<T>; children: (data: T) => ReactNode; compact?: boolean }) {
  if (query.isPending) return <Loading />;
  if (query.isError) return <ErrorView error={query.error} onRetry={() => query.refetch()} compact={compact} />;
  return <>{children(query.data)}</>;
}

export function Empty({ children }: { children?: ReactNode }) {
  const { t } = useI18n();
  return <p className="muted empty">{children ?? t('common.empty')}</p>;
}

export type Tone = 'good' | 'warn' | 'bad' | 'neutral' | 'info';

/** The tone of a code the API sends (a status, a decision): neutral for a code the map does not name. */
export function toneOf(tones: Partial<Record<string, Tone>>, code: string | null | undefined): Tone {
  return (code != null && tones[code]) || 'neutral';
}

export function Badge({ tone, children }: { tone?: 'good' | 'warn' | 'bad' | 'neutral' | 'info'; children: ReactNode }) {
  return <span className={`badge badge-${tone ?? 'neutral'}`}>{children}</span>;
}
