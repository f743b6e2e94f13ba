// The screening (KYC / AML) feature's routes: staff pages under /screening behind their
// permissions. Importing this module (router.tsx does) also registers the translations.
import { Center, Loader } from '@mantine/core';
import { lazy, Suspense, type ReactNode } from 'react';
import type { RouteObject } from 'react-router';
import type { Permission } from '@bursar/core/permissions';
import { useCan } from '../../auth/session.ts';
import { ForbiddenPage } from '../../components/StatusPages.tsx';
import './i18n.ts';

const HitsPage = lazy(() => import('./HitsPage.tsx'));
const ListsPage = lazy(() => import('./ListsPage.tsx'));
const CustomerKycPage = lazy(() => import('./CustomerKycPage.tsx'));
const PayeeChangesPage = lazy(() => import('./PayeeChangesPage.tsx'));
const CasesPage = lazy(() => import('./CasesPage.tsx'));
const CasePage = lazy(() => import('./CasePage.tsx'));

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

export const screeningRoutes: RouteObject[] = [
  page('screening/hits', 'sanctions.review', <HitsPage />),
  page('screening/lists', 'sanctions.manage', <ListsPage />),
  page('screening/customers/:customerId', 'kyc.read', <CustomerKycPage />),
  page('screening/payee-changes', 'kyc.read', <PayeeChangesPage />),
  page('screening/cases', 'aml.cases', <CasesPage />),
  page('screening/cases/:id', 'aml.cases', <CasePage />),
];
