// Management dashboard routes under /dashboards, lazy-loaded and behind analytics.read.
import { Center, Loader } from '@mantine/core';
import { lazy, Suspense, type ReactNode } from 'react';
import type { RouteObject } from 'react-router';
import { useCan } from '../../auth/session.ts';
import { ForbiddenPage } from '../../components/StatusPages.tsx';
import './i18n.ts';

const DashboardPage = lazy(() => import('./DashboardPage.tsx'));
const DrillPage = lazy(() => import('./DrillPage.tsx'));
const ValuePage = lazy(() => import('./ValuePage.tsx'));

function Guard({ children }: { children: ReactNode }) {
  const can = useCan();
  if (!can('analytics.read')) return <ForbiddenPage />;
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

export const dashboardsRoutes: RouteObject[] = [
  { index: true, element: <Guard>{<DashboardPage />}</Guard> },
  { path: 'drill', element: <Guard>{<DrillPage />}</Guard> },
  { path: 'value', element: <Guard>{<ValuePage />}</Guard> },
];
