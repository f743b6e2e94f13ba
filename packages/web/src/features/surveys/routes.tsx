// The surveys feature's routes: staff pages under /surveys behind their permissions, and the
// public response page /s/:token outside the signed-in app. Importing this module (router.tsx
// does) also registers the feature's translations.
import { Center, Loader } from '@mantine/core';
import { lazy, Suspense, type ReactNode } from 'react';
import type { RouteObject } from 'react-router';
import type { Permission } from '@bursar/core/permissions';
import { useCan } from '../../auth/session.ts';
import { ForbiddenPage } from '../../components/StatusPages.tsx';
import './i18n.ts';

const SurveysPage = lazy(() => import('./SurveysPage.tsx'));
const DesignerPage = lazy(() => import('./DesignerPage.tsx'));
const WavePage = lazy(() => import('./WavePage.tsx'));
const LoopPage = lazy(() => import('./LoopPage.tsx'));
const PublicSurveyPage = lazy(() => import('./PublicSurveyPage.tsx'));

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

export const surveysRoutes: RouteObject[] = [
  page('surveys', 'surveys.read', <SurveysPage />),
  page('surveys/versions/:id', 'surveys.read', <DesignerPage />),
  page('surveys/waves/:id', 'surveys.read', <WavePage />),
  page('surveys/loop', 'surveys.read', <LoopPage />),
];

/** Top-level (no sign-in): the respondent's page behind a signed invitation link. */
export const surveyPublicRoutes: RouteObject[] = [
  { path: '/s/:token', element: <Suspense fallback={fallback}>{<PublicSurveyPage />}</Suspense> },
];
