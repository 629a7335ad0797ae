import { Link, useRouteError } from 'react-router';
import { ApiError, NetworkError, TruncatedListError } from '@/lib/api/client';
import { useI18n } from '@/lib/i18n/i18n';
import { CurrentUserContext } from '@/lib/auth/current-user';
import { useContext } from 'react';
import { formatNumber } from '@/lib/format';

/** Every failure gets words: a 403 says what the role may not do, never a blank page. */
export function ErrorView({ error, onRetry, compact }: { error: unknown; onRetry?: () => void; compact?: boolean }) {
  const { t, locale, tx } = useI18n();
  const me = useContext(CurrentUserContext);
  const role = me ? tx(`role.${me.role}`, me.role) : '';
  let title = t('error.title');
  let detail: string | undefined;
  if (error instanceof ApiError) {
    if (error.status === 403) {
      title = t('error.forbiddenTitle');
      detail = me?.role === 'champion' ? t('error.forbiddenDepartment') : t('error.forbiddenAction', { role });
      if (error.problem?.detail) detail += ` (${error.problem.detail})`;
    } else if (error.status === 404) {
      title = t('error.notFoundTitle');
      detail = error.problem?.detail ?? t('error.notFound');
    } else {
      detail = error.problem?.detail ?? error.problem?.title ?? error.message;
    }
  } else if (error instanceof TruncatedListError) {
    title = t('error.truncatedTitle');
    detail = t('error.truncated', { n: formatNumber(error.itemsRead, locale) });
  } else if (error instanceof NetworkError) {
    detail = t('error.network');
  } else if (error instanceof Error) {
    detail = error.message;
  }
  return (
    <div role="alert" className={compact ? 'notice notice-error' : 'error-view notice notice-error'}>
      <strong>{title}</strong>
      {detail && <p>{detail}</p>}
      {onRetry && !(error instanceof ApiError && error.status === 403) && (
        <button type="button" className="btn" onClick={onRetry}>
          {t('error.retry')}
        </button>
      )}
    </div>
  );
}

export function Forbidden() {
  const { t, tx } = useI18n();
  const me = useContext(CurrentUserContext);
  return (
    <div role="alert" className="error-view notice notice-error">
      <h1>{t('error.forbiddenTitle')}</h1>
      <p>{t('error.forbiddenPage', { role: me ? tx(`role.${me.role}`, me.role) : '' })}</p>
      <Link to="/">{t('error.backHome')}</Link>
    </div>
  );
}

export function NotFound() {
  const { t } = useI18n();
  return (
    <div className="error-view">
      <h1>{t('error.notFoundTitle')}</h1>
      <p>{t('error.notFound')}</p>
      <Link to="/">{t('error.backHome')}</Link>
    </div>
  );
}

/** A page that failed to render or to load (e.g. a chunk gone after a deployment): words and a way out. */
export function RouteError({ inLayout }: { inLayout?: boolean }) {
  const error = useRouteError();
  const { t } = useI18n();
  const Wrapper = inLayout ? 'div' : 'main';
  return (
    <Wrapper className={inLayout ? undefined : 'container'} id={inLayout ? undefined : 'main'}>
      <ErrorView error={error} />
      <p>
        <button type="button" className="btn" onClick={() => window.location.reload()}>
          {t('error.retry')}
        </button>{' '}
        <a href="/">{t('error.backHome')}</a>
      </p>
    </Wrapper>
  );
}
