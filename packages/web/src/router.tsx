import { Center, Loader } from '@mantine/core';
import { lazy, Suspense } from 'react';
import { createBrowserRouter, Navigate, Outlet, useLocation } from 'react-router';
import type { Permission } from '@bursar/core/permissions';
import { MeContext, signedOutOnPurposeSinceLogin, useCan, useSession } from './auth/session.ts';
import { AppLayout } from './layout/AppLayout.tsx';
import { LoginPage } from './features/login/LoginPage.tsx';
import { HomePage } from './features/home/HomePage.tsx';
import { NotFoundPage, ForbiddenPage, ErrorPage } from './components/StatusPages.tsx';
import { riskRoutes } from './features/risk/routes.tsx';
import { portfolioRoutes } from './features/portfolio/routes.tsx';
import { dashboardsRoutes } from './features/dashboards/routes.tsx';
import { originationPublicRoutes, originationRoutes } from './features/origination/routes.tsx';
import { prospectsPublicRoutes, prospectsRoutes } from './features/prospects/routes.tsx';
import { campaignsRoutes } from './features/campaigns/routes.tsx';
import { loansRoutes } from './features/loans/routes.tsx';
import { engagementRoutes } from './features/engagement/routes.tsx';
import { deskRoutes } from './features/desk/routes.tsx';
import { surveyPublicRoutes, surveysRoutes } from './features/surveys/routes.tsx';
import { complianceProgrammeRoutes } from './features/compliance-programme/routes.tsx';
import { screeningRoutes } from './features/screening/routes.tsx';
import { complianceRoutes } from './features/compliance/routes.tsx';
import { dataGovernanceRoutes } from './features/data-governance/routes.tsx';

const AccountPage = lazy(() => import('./features/account/AccountPage.tsx'));
const UsersPage = lazy(() => import('./features/users/UsersPage.tsx'));
const AuditPage = lazy(() => import('./features/audit/AuditPage.tsx'));
const CalculatorPage = lazy(() => import('./features/calculator/CalculatorPage.tsx'));
const CustomersPage = lazy(() => import('./features/customers/CustomersPage.tsx'));
const CustomerPage = lazy(() => import('./features/customers/CustomerPage.tsx'));
const CustomerFormPage = lazy(() => import('./features/customers/CustomerFormPage.tsx'));
const MyProfilePage = lazy(() => import('./features/customers/MyProfilePage.tsx'));
const ImportPage = lazy(() => import('./features/customers/ImportPage.tsx'));
const SegmentsPage = lazy(() => import('./features/segments/SegmentsPage.tsx'));
const SegmentBuilderPage = lazy(() => import('./features/segments/SegmentBuilderPage.tsx'));
const SchoolsPage = lazy(() => import('./features/schools/SchoolsPage.tsx'));
const ProductsPage = lazy(() => import('./features/products/ProductsPage.tsx'));
const ProductPage = lazy(() => import('./features/products/ProductPage.tsx'));

function FullPageLoader() {
  return (
    <Center h="100dvh">
      <Loader />
    </Center>
  );
}

function RequireAuth() {
  const session = useSession();
  const location = useLocation();
  if (session.isPending) return <FullPageLoader />;
  if (session.isError) return <ErrorPage error={session.error} />;
  if (!session.data) {
    // After a logout, start afresh at home; after an expired session, come back here.
    const from = signedOutOnPurposeSinceLogin() ? undefined : location.pathname + location.search;
    return <Navigate to="/login" replace state={from ? { from } : null} />;
  }
  return (
    <MeContext value={session.data.user}>
      <AppLayout />
    </MeContext>
  );
}

function RequirePermission({ permission }: { permission: Permission }) {
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
      <Outlet />
    </Suspense>
  );
}

export const router = createBrowserRouter([
  { path: '/login', element: <LoginPage /> },
  ...surveyPublicRoutes,
  ...originationPublicRoutes,
  ...prospectsPublicRoutes,
  {
    path: '/',
    element: <RequireAuth />,
    children: [
      { index: true, element: <HomePage /> },
      {
        element: <RequirePermission permission="self.read" />,
        children: [{ path: 'account', element: <AccountPage /> }],
      },
      {
        element: <RequirePermission permission="users.read" />,
        children: [{ path: 'admin/users', element: <UsersPage /> }],
      },
      {
        element: <RequirePermission permission="audit.read" />,
        children: [{ path: 'audit', element: <AuditPage /> }],
      },
      {
        element: <RequirePermission permission="calculator.use" />,
        children: [{ path: 'calculator', element: <CalculatorPage /> }],
      },
      {
        element: <RequirePermission permission="customers.read" />,
        children: [
          { path: 'customers', element: <CustomersPage /> },
          { path: 'customers/:id', element: <CustomerPage /> },
          { path: 'my-profile', element: <MyProfilePage /> },
          { path: 'schools', element: <SchoolsPage /> },
        ],
      },
      {
        element: <RequirePermission permission="customers.manage" />,
        children: [
          { path: 'customers/new', element: <CustomerFormPage /> },
          { path: 'customers/:id/edit', element: <CustomerFormPage /> },
        ],
      },
      {
        element: <RequirePermission permission="customers.import" />,
        children: [{ path: 'imports', element: <ImportPage /> }],
      },
      {
        element: <RequirePermission permission="segments.manage" />,
        children: [
          { path: 'segments', element: <SegmentsPage /> },
          { path: 'segments/new', element: <SegmentBuilderPage /> },
          { path: 'segments/:id', element: <SegmentBuilderPage /> },
        ],
      },
      {
        element: <RequirePermission permission="products.read" />,
        children: [
          { path: 'products', element: <ProductsPage /> },
          { path: 'products/:code', element: <ProductPage /> },
        ],
      },
      { path: 'risk', children: riskRoutes },
      { path: 'portfolio', children: portfolioRoutes },
      { path: 'dashboards', children: dashboardsRoutes },
      ...loansRoutes,
      ...engagementRoutes,
      ...deskRoutes,
      ...surveysRoutes,
      ...complianceProgrammeRoutes,
      ...complianceRoutes,
      ...screeningRoutes,
      ...dataGovernanceRoutes,
      ...originationRoutes,
      ...prospectsRoutes,
      ...campaignsRoutes,
      { path: '*', element: <NotFoundPage /> },
    ],
  },
]);
