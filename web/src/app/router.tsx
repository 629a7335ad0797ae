import { lazy, useState, type ComponentType } from 'react';
import { createBrowserRouter, type RouteObject } from 'react-router';
import { NotFound, RouteError } from '@/components/ErrorView';
import { AppLayout } from './layout';
import { PageGate } from './page-gate';
import type { PageId } from '@/lib/auth/access';
import { loadedOverview, overviewChunk } from './preload';

// Every page is its own chunk: the first load carries only the shell and sign-in.
const SignIn = lazy(() => import('@/features/auth/routes/sign-in'));
const LazyOverview = lazy(overviewChunk);
// A lazy page suspends on its first draw even when its code is already there, and React then
// holds the page back a few hundred milliseconds more: the overview, whose code is asked for
// while /me is on its way (preload.ts), is drawn directly when it has come in by then.
function Overview() {
  const [Page] = useState<ComponentType>(() => loadedOverview() ?? LazyOverview);
  return <Page />;
}
const Departments = lazy(() => import('@/features/departments/routes/departments'));
const Department = lazy(() => import('@/app/routes/department'));
const Waves = lazy(() => import('@/features/waves/routes/waves'));
const Wave = lazy(() => import('@/features/waves/routes/wave'));
const UseCases = lazy(() => import('@/features/use-cases/routes/use-cases'));
const Budget = lazy(() => import('@/features/budget/routes/budget'));
const Champion = lazy(() => import('@/app/routes/champion'));
const Hr = lazy(() => import('@/app/routes/hr'));
const Admin = lazy(() => import('@/app/routes/admin'));

const gated = (page: PageId, el: React.ReactNode) => <PageGate page={page}>{el}</PageGate>;

export const routes: RouteObject[] = [
  { path: '/sign-in', element: <SignIn />, errorElement: <RouteError /> },
  {
    path: '/',
    element: <AppLayout />,
    errorElement: <RouteError />,
    children: [
      {
        // Errors inside a page keep the navigation around them.
        errorElement: <RouteError inLayout />,
        children: [
          { index: true, element: gated('overview', <Overview />) },
          { path: 'departments', element: gated('departments', <Departments />) },
          { path: 'departments/:code', element: gated('departments', <Department />) },
          { path: 'waves', element: gated('waves', <Waves />) },
          { path: 'waves/:code', element: gated('waves', <Wave />) },
          { path: 'use-cases', element: gated('useCases', <UseCases />) },
          { path: 'budget', element: gated('budget', <Budget />) },
          { path: 'champion', element: gated('champion', <Champion />) },
          { path: 'hr', element: gated('hr', <Hr />) },
          { path: 'admin', element: gated('admin', <Admin />) },
          { path: '*', element: <NotFound /> },
        ],
      },
    ],
  },
];

export const createRouter = () => createBrowserRouter(routes);
