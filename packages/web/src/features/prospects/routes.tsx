// The prospects feature's routes: staff pipeline and campus events under /prospects, the
// student's referral page, and the public attendance and interest forms outside the signed-in
// app. Importing this module (router.tsx does) also registers the feature's translations.
import { Center, Loader } from '@mantine/core';
import { lazy, Suspense, type ReactNode } from 'react';
import type { RouteObject } from 'react-router';
import type { Permission } from '@bursar/core/permissions';
import { useCan } from '../../auth/session.ts';
import { ForbiddenPage } from '../../components/StatusPages.tsx';
import './i18n.ts';

const ProspectsPage = lazy(() => import('./ProspectsPage.tsx'));
const ProspectPage = lazy(() => import('./ProspectPage.tsx'));
const EventsPage = lazy(() => import('./EventsPage.tsx').then((m) => ({ default: m.EventsPage })));
const EventPage = lazy(() => import('./EventsPage.tsx').then((m) => ({ default: m.EventPage })));
const ReferralPage = lazy(() => import('./ReferralPage.tsx'));
const PublicAttendPage = lazy(() =>
  import('./PublicPages.tsx').then((m) => ({ default: m.PublicAttendPage })),
);
const PublicInterestPage = lazy(() =>
  import('./PublicPages.tsx').then((m) => ({ default: m.PublicInterestPage })),
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

export const prospectsRoutes: RouteObject[] = [
  page('prospects', 'prospects.read', <ProspectsPage />),
  page('prospects/events', 'prospects.read', <EventsPage />),
  page('prospects/events/:id', 'prospects.read', <EventPage />),
  page('prospects/:id', 'prospects.read', <ProspectPage />),
  page('referrals', 'referrals.own', <ReferralPage />),
];

const open = (path: string, element: ReactNode): RouteObject => ({
  path,
  element: <Suspense fallback={fallback}>{element}</Suspense>,
});

/** Top-level (no sign-in): the QR attendance form and the interest / referral landing form. */
export const prospectsPublicRoutes: RouteObject[] = [
  open('/e/:token', <PublicAttendPage />),
  open('/r/:code', <PublicInterestPage />),
  open('/interest', <PublicInterestPage />),
];
