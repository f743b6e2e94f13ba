// Origination's routes: the portal (/apply, /apply/:id), staff (/applications, /approvals,
// /disbursements, /origination/funnel), the school (/enrolment-checks), /contracts/verify, and
// the public /register. Each lazy-loaded and behind its permission. Importing this module
// (router.tsx does) also registers the feature's translations.
import { Center, Loader } from '@mantine/core';
import { lazy, Suspense, type ReactNode } from 'react';
import type { RouteObject } from 'react-router';
import type { Permission } from '@bursar/core/permissions';
import { useCan } from '../../auth/session.ts';
import { ForbiddenPage } from '../../components/StatusPages.tsx';
import './i18n.ts';

const MyApplicationsPage = lazy(() => import('./MyApplicationsPage.tsx'));
const ApplyPage = lazy(() => import('./ApplyPage.tsx'));
const QueuePage = lazy(() => import('./QueuePage.tsx'));
const ApprovalsPage = lazy(() => import('./QueuePage.tsx').then((m) => ({ default: m.ApprovalsPage })));
const ReviewPage = lazy(() => import('./ReviewPage.tsx'));
const EnrolmentChecksPage = lazy(() => import('./EnrolmentChecksPage.tsx'));
const DisbursementsPage = lazy(() => import('./DisbursementsPage.tsx'));
const FunnelPage = lazy(() => import('./FunnelPage.tsx'));
const VerifyPage = lazy(() => import('./VerifyPage.tsx'));
const RegisterPage = lazy(() => import('./RegisterPage.tsx'));

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

export const originationRoutes: RouteObject[] = [
  { path: 'apply', element: <Guard permission="applications.apply">{<MyApplicationsPage />}</Guard> },
  { path: 'apply/:id', element: <Guard permission="applications.apply">{<ApplyPage />}</Guard> },
  { path: 'applications', element: <Guard permission="applications.read">{<QueuePage />}</Guard> },
  { path: 'applications/:id', element: <Guard permission="applications.read">{<ReviewPage />}</Guard> },
  { path: 'approvals', element: <Guard permission="applications.approve">{<ApprovalsPage />}</Guard> },
  {
    path: 'disbursements',
    element: <Guard permission="disbursements.manage">{<DisbursementsPage />}</Guard>,
  },
  { path: 'origination/funnel', element: <Guard permission="applications.read">{<FunnelPage />}</Guard> },
  {
    path: 'enrolment-checks',
    element: <Guard permission="enrolments.confirm">{<EnrolmentChecksPage />}</Guard>,
  },
  { path: 'contracts/verify', element: <Guard permission="contracts.verify">{<VerifyPage />}</Guard> },
];

/** Outside the signed-in app: a student registers for the portal. */
export const originationPublicRoutes: RouteObject[] = [
  { path: '/register', element: <Suspense fallback={fallback}>{<RegisterPage />}</Suspense> },
];
