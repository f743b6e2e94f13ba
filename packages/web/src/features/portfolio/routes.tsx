// Portfolio risk routes under /portfolio, each lazy-loaded and behind risk.read (editing is
// checked per action). Importing this module (router.tsx does) registers the translations.
import { Center, Loader } from '@mantine/core';
import { lazy, Suspense, type ReactNode } from 'react';
import type { RouteObject } from 'react-router';
import { useCan } from '../../auth/session.ts';
import { ForbiddenPage } from '../../components/StatusPages.tsx';
import './i18n.ts';

const DashboardPage = lazy(() => import('./DashboardPage.tsx'));
const ParLoansPage = lazy(() => import('./ParLoansPage.tsx'));
const RegisterPage = lazy(() => import('./RegisterPage.tsx'));
const RiskPage = lazy(() => import('./RiskPage.tsx'));
const IncidentsPage = lazy(() => import('./IncidentsPage.tsx'));

function Guard({ children }: { children: ReactNode }) {
  const can = useCan();
  if (!can('risk.read')) return <ForbiddenPage />;
  return (
    <Suspense
      fallback={
        <Center py="xl">
          <Loader />
        </Center>
      }
    >
      {children}
    </Suspense>
  );
}

export const portfolioRoutes: RouteObject[] = [
  { index: true, element: <Guard>{<DashboardPage />}</Guard> },
  { path: 'at-risk', element: <Guard>{<ParLoansPage />}</Guard> },
  { path: 'register', element: <Guard>{<RegisterPage />}</Guard> },
  { path: 'register/:id', element: <Guard>{<RiskPage />}</Guard> },
  { path: 'incidents', element: <Guard>{<IncidentsPage />}</Guard> },
];
