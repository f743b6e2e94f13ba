// The compliance-programme feature's routes: training (every staff member), the completion
// matrix, internal review and findings, fair-lending monitoring, the disclosure log, and the
// borrower's own disclosures in the portal. Importing this module registers its translations.
import { Center, Loader } from '@mantine/core';
import { lazy, Suspense, type ReactNode } from 'react';
import type { RouteObject } from 'react-router';
import type { Permission } from '@bursar/core/permissions';
import { useCan } from '../../auth/session.ts';
import { ForbiddenPage } from '../../components/StatusPages.tsx';
import './i18n.ts';

const TrainingPage = lazy(() => import('./TrainingPage.tsx'));
const MatrixPage = lazy(() => import('./MatrixPage.tsx'));
const ReviewPage = lazy(() => import('./ReviewPage.tsx'));
const FindingsPage = lazy(() => import('./ReviewPage.tsx').then((m) => ({ default: m.FindingsPage })));
const FairLendingPage = lazy(() => import('./FairLendingPage.tsx'));
const DisclosuresPage = lazy(() => import('./DisclosuresPage.tsx'));
const MyDisclosuresPage = lazy(() =>
  import('./DisclosuresPage.tsx').then((m) => ({ default: m.MyDisclosuresPage })),
);

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

const page = (path: string, permission: Permission, element: ReactNode): RouteObject => ({
  path,
  element: <Guard permission={permission}>{element}</Guard>,
});

export const complianceProgrammeRoutes: RouteObject[] = [
  page('compliance-programme/training', 'training.self', <TrainingPage />),
  page('compliance-programme/training/matrix', 'training.manage', <MatrixPage />),
  page('compliance-programme/review', 'review.perform', <ReviewPage />),
  page('compliance-programme/findings', 'review.perform', <FindingsPage />),
  page('compliance-programme/fair-lending', 'fairlending.read', <FairLendingPage />),
  page('compliance-programme/disclosures', 'disclosures.manage', <DisclosuresPage />),
  page('my-disclosures', 'disclosures.acknowledge', <MyDisclosuresPage />),
];
