// Loan servicing's routes (top-level: /loans, /loans/new, /loans/:id, /hardship, /my-loans,
// /collections, /payments/reconcile, /relief/mass, /ledger), each lazy-loaded
// and behind its permission. Importing this module (router.tsx does) also registers the
// feature's translations.
import { Center, Loader } from '@mantine/core';
import { lazy, Suspense, type ReactNode } from 'react';
import type { RouteObject } from 'react-router';
import type { Permission } from '@bursar/core/permissions';
import { useCan } from '../../auth/session.ts';
import { ForbiddenPage } from '../../components/StatusPages.tsx';
import './i18n.ts';

const LoansPage = lazy(() => import('./LoansPage.tsx'));
const LoanPage = lazy(() => import('./LoanPage.tsx'));
const HardshipQueuePage = lazy(() => import('./HardshipQueuePage.tsx'));
const MyLoansPage = lazy(() => import('./MyLoansPage.tsx'));
const OpenLoanPage = lazy(() => import('./OpenLoanPage.tsx'));
const CollectionsPage = lazy(() => import('./CollectionsPage.tsx'));
const ReconcilePage = lazy(() => import('./ReconcilePage.tsx'));
const MassReliefPage = lazy(() => import('./MassReliefPage.tsx'));
const LedgerPage = lazy(() => import('./LedgerPage.tsx'));

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

export const loansRoutes: RouteObject[] = [
  { path: 'loans', element: <Guard permission="loans.read">{<LoansPage />}</Guard> },
  { path: 'loans/new', element: <Guard permission="loans.manage">{<OpenLoanPage />}</Guard> },
  { path: 'loans/:id', element: <Guard permission="loans.read">{<LoanPage />}</Guard> },
  { path: 'my-loans', element: <Guard permission="loans.read">{<MyLoansPage />}</Guard> },
  { path: 'hardship', element: <Guard permission="hardship.approve">{<HardshipQueuePage />}</Guard> },
  { path: 'collections', element: <Guard permission="collections.work">{<CollectionsPage />}</Guard> },
  { path: 'payments/reconcile', element: <Guard permission="payments.reconcile">{<ReconcilePage />}</Guard> },
  { path: 'relief/mass', element: <Guard permission="hardship.approve">{<MassReliefPage />}</Guard> },
  { path: 'ledger', element: <Guard permission="ledger.read">{<LedgerPage />}</Guard> },
];
