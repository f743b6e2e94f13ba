// The compliance feature's routes: the dashboard, furnishing runs and disputes, behind
// compliance.read. Importing this module (router.tsx does) also registers the translations.
import { Center, Loader } from '@mantine/core';
import { lazy, Suspense, type ReactNode } from 'react';
import type { RouteObject } from 'react-router';
import type { Permission } from '@bursar/core/permissions';
import { useCan } from '../../auth/session.ts';
import { ForbiddenPage } from '../../components/StatusPages.tsx';
import './i18n.ts';

const DashboardPage = lazy(() => import('./DashboardPage.tsx'));
const FurnishingPage = lazy(() => import('./FurnishingPage.tsx'));
const RunPage = lazy(() => import('./RunPage.tsx'));
const DisputesPage = lazy(() => import('./DisputesPage.tsx'));
const DisputePage = lazy(() => import('./DisputePage.tsx'));

const fallback = (
  <Center py="xl">
    <Loader />
  </Center>
);

function Guard({ permission, children }: { permission: Permission; children: ReactNode }) {
  const can = useCan();
  if (!can(permission)) return <ForbiddenPage />;
  return <Suspense fallback={fallback}>{children}</Suspense>;
}

const page = (path: string, element: ReactNode): RouteObject => ({
  path,
  element: <Guard permission="compliance.read">{element}</Guard>,
});

export const complianceRoutes: RouteObject[] = [
  page('compliance', <DashboardPage />),
  page('compliance/furnishing', <FurnishingPage />),
  page('compliance/furnishing/:id', <RunPage />),
  page('compliance/disputes', <DisputesPage />),
  page('compliance/disputes/:id', <DisputePage />),
];
