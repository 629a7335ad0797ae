import { Suspense, useEffect, useState } from 'react';
import { Navigate, NavLink, Outlet, useLocation } from 'react-router';
import { useQueryClient } from '@tanstack/react-query';
import { signOut, useSession } from '@/lib/auth/session';
import { useI18n } from '@/lib/i18n/i18n';
import { useMe } from '@/lib/auth/me';
import { ErrorView } from '@/components/ErrorView';
import { Loading } from '@/components/ui';
import { CurrentUserContext } from '@/lib/auth/current-user';
import { pagesFor } from '@/lib/auth/access';
import { LanguageSwitch } from '@/components/language-switch';
import { preloadPage } from './preload';

/** The authenticated frame: no token → sign-in; a token the API rejects → sign-in with why. */
export function AppLayout() {
  const { t, tx } = useI18n();
  const session = useSession();
  const location = useLocation();
  const me = useMe();
  const queryClient = useQueryClient();
  const [menuOpen, setMenuOpen] = useState(false);
  // Going to another page closes the menu (adjusted while rendering, not after in an effect).
  const [menuPage, setMenuPage] = useState(location.pathname);
  if (menuPage !== location.pathname) {
    setMenuPage(location.pathname);
    setMenuOpen(false);
  }
  // The page's code and figures are asked for while /me is still on its way, not after it.
  const signedIn = !!session.token;
  useEffect(() => {
    if (signedIn) preloadPage(queryClient, location.pathname, location.search);
  }, [signedIn, queryClient, location.pathname, location.search]);

  if (!session.token) return <Navigate to="/sign-in" replace state={{ from: location.pathname + location.search }} />;
  if (me.isPending) return <Loading label={t('app.loading')} />;
  // A 401 has already signed the session out (lib/api/client.ts): the token check above sends to sign-in.
  if (me.isError) {
    return (
      <main className="container" id="main">
        <ErrorView error={me.error} onRetry={() => me.refetch()} />
      </main>
    );
  }

  const user = me.data;
  const nav = pagesFor(user);
  return (
    <CurrentUserContext.Provider value={user}>
      <a className="skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      <header className="topbar">
        <div className="topbar-inner">
          <NavLink to="/" className="brand">
            {t('app.name')}
          </NavLink>
          <button
            type="button"
            className="btn btn-small menu-toggle no-print"
            aria-expanded={menuOpen}
            aria-controls="main-nav"
            onClick={() => setMenuOpen((o) => !o)}
          >
            {t('nav.menu')}
          </button>
          <div className="topbar-right no-print">
            <span className="who" title={user.departmentCodes.join(', ')}>
              {t('auth.signedInAs', { name: user.name, role: tx(`role.${user.role}`, user.role) })}
            </span>
            <LanguageSwitch />
            <button
              type="button"
              className="btn btn-small"
              onClick={() => {
                signOut('signed-out');
                queryClient.clear();
              }}
            >
              {t('auth.signOut')}
            </button>
          </div>
        </div>
        <nav id="main-nav" aria-label={t('nav.label')} className={`mainnav no-print ${menuOpen ? 'open' : ''}`}>
          <ul>
            {nav.map((p) => (
              <li key={p.id}>
                <NavLink to={p.path} end={p.path === '/'}>
                  {t(p.label)}
                </NavLink>
              </li>
            ))}
          </ul>
        </nav>
      </header>
      <main className="container" id="main" tabIndex={-1}>
        <Suspense fallback={<Loading />}>
          <Outlet />
        </Suspense>
      </main>
    </CurrentUserContext.Provider>
  );
}
