import { useState, type FormEvent } from 'react';
import { Navigate, useLocation, useNavigate } from 'react-router';
import { useQueryClient } from '@tanstack/react-query';
import { ApiError } from '@/lib/api/client';
import { signIn, useSession } from '@/lib/auth/session';
import { useI18n } from '@/lib/i18n/i18n';
import { LanguageSwitch } from '@/components/language-switch';
import { ErrorView } from '@/components/ErrorView';
import { getMe, roles } from '@/lib/auth/me';
import { useDemoTokens } from '@/features/auth/api/get-demo-tokens';


const roleOrder = (role: string) => (roles as readonly string[]).indexOf(role);

export default function SignInRoute() {
  const { t, tx } = useI18n();
  const session = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  const queryClient = useQueryClient();
  const demo = useDemoTokens();
  const [token, setToken] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const from = (location.state as { from?: string } | null)?.from ?? '/';

  if (session.token) return <Navigate to={from} replace />;

  async function attempt(candidate: string) {
    setBusy(true);
    setError(null);
    try {
      const me = await getMe(candidate);
      // Nothing cached for a previous user may show to this one.
      queryClient.clear();
      queryClient.setQueryData(['me', candidate], me);
      signIn(candidate);
      navigate(from, { replace: true });
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    const value = token.trim();
    if (value) void attempt(value);
  }

  const demoTokens = [...(demo.data ?? [])].sort((a, b) => roleOrder(a.role) - roleOrder(b.role));

  return (
    <main className="sign-in" id="main">
      <div className="sign-in-card card">
        <div className="sign-in-top">
          <p className="brand">{t('app.name')}</p>
          <LanguageSwitch />
        </div>
        <p className="muted">{t('app.tagline')}</p>
        <h1>{t('auth.title')}</h1>
        {session.reason === 'expired' && (
          <p className="notice notice-warn" role="alert">
            {t('auth.expired')}
          </p>
        )}
        {session.reason === 'signed-out' && <p className="notice">{t('auth.signedOut')}</p>}
        <form onSubmit={onSubmit} className="form">
          <p className="muted">{t('auth.intro')}</p>
          <label htmlFor="token">{t('auth.tokenLabel')}</label>
          <input
            id="token"
            name="token"
            type="password"
            autoComplete="off"
            spellCheck={false}
            value={token}
            onChange={(e) => setToken(e.target.value)}
            required
          />
          <button type="submit" className="btn btn-primary" disabled={busy || !token.trim()}>
            {busy ? t('auth.checking') : t('auth.submit')}
          </button>
        </form>
        {error != null &&
          (error instanceof ApiError && error.status === 401 ? (
            <p className="notice notice-error" role="alert">
              {t('auth.invalid')}
            </p>
          ) : (
            <ErrorView error={error} compact />
          ))}
        {demoTokens.length > 0 && (
          <section className="demo" aria-labelledby="demo-title">
            <h2 id="demo-title">{t('auth.demoTitle')}</h2>
            <p className="muted">{t('auth.demoIntro')}</p>
            <div className="demo-buttons">
              {demoTokens.map((d) => (
                <button key={d.token} type="button" className="btn" disabled={busy} onClick={() => void attempt(d.token)} title={d.name}>
                  {t('auth.demoAs', { role: tx(`role.${d.role}`, d.role) })}
                </button>
              ))}
            </div>
          </section>
        )}
      </div>
    </main>
  );
}
