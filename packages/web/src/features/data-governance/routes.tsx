// Data governance's routes: the compliance console (/data-governance/<tab>, run, request and
// report pages) and the student's "My data" (/my-data). Each is lazy-loaded and behind its
// permission; importing this module (router.tsx does) also registers the translations.
import { Center, Loader } from '@mantine/core';
import { lazy, Suspense, type ReactNode } from 'react';
import { Navigate, type RouteObject } from 'react-router';
import type { Permission } from '@bursar/core/permissions';
import { useCan } from '../../auth/session.ts';
import { ForbiddenPage } from '../../components/StatusPages.tsx';
import type { DgTab } from './DataGovernancePage.tsx';
import './i18n.ts';

const DataGovernancePage = lazy(() => import('./DataGovernancePage.tsx'));
const RetentionRunPage = lazy(() => import('./RetentionRunPage.tsx'));
const DsrPage = lazy(() => import('./DsrPage.tsx'));
const ReportRunPage = lazy(() => import('./ReportRunPage.tsx'));
const MyDataRequestsPage = lazy(() => import('./MyDataRequestsPage.tsx'));

function Guard({ permission, children }: { permission: Permission; children: ReactNode }) {
  const can = useCan();
  if (!can(permission)) return <ForbiddenPage />;
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

const TAB_PERMISSION: Record<DgTab, Permission> = {
  schedule: 'retention.manage',
  holds: 'retention.manage',
  runs: 'retention.manage',
  dsrs: 'dsr.manage',
  reports: 'regulator.reports',
};

export const dataGovernanceRoutes: RouteObject[] = [
  { path: 'data-governance', element: <Navigate to="/data-governance/dsrs" replace /> },
  ...(Object.keys(TAB_PERMISSION) as DgTab[]).map((tab) => ({
    path: `data-governance/${tab}`,
    element: <Guard permission={TAB_PERMISSION[tab]}>{<DataGovernancePage tab={tab} />}</Guard>,
  })),
  {
    path: 'data-governance/runs/:id',
    element: <Guard permission="retention.manage">{<RetentionRunPage />}</Guard>,
  },
  { path: 'data-governance/dsrs/:id', element: <Guard permission="dsr.manage">{<DsrPage />}</Guard> },
  {
    path: 'data-governance/reports/:id',
    element: <Guard permission="regulator.reports">{<ReportRunPage />}</Guard>,
  },
  { path: 'my-data', element: <Guard permission="dsr.own">{<MyDataRequestsPage />}</Guard> },
];
