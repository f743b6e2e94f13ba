// The model lab's routes under /risk, each lazy-loaded and behind its permission. Importing
// this module (router.tsx does) also registers the feature's translations.
import { Center, Loader } from '@mantine/core';
import { lazy, Suspense, type ReactNode } from 'react';
import type { RouteObject } from 'react-router';
import type { Permission } from '@bursar/core/permissions';
import { useCan } from '../../auth/session.ts';
import { ForbiddenPage } from '../../components/StatusPages.tsx';
import './i18n.ts';

const ModelsPage = lazy(() => import('./ModelsPage.tsx'));
const ModelPage = lazy(() => import('./ModelPage.tsx'));
const TrainPage = lazy(() => import('./TrainPage.tsx'));
const ScorePage = lazy(() => import('./ScorePage.tsx'));
const FairnessPage = lazy(() => import('./FairnessPage.tsx'));
const GradesPage = lazy(() => import('./GradesPage.tsx'));
const AlertsPage = lazy(() => import('./AlertsPage.tsx'));
const AlertPage = lazy(() => import('./AlertPage.tsx'));
const AlertRulesPage = lazy(() => import('./AlertRulesPage.tsx'));

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

export const riskRoutes: RouteObject[] = [
  { index: true, element: <Guard permission="risk.read">{<ModelsPage />}</Guard> },
  { path: 'models', element: <Guard permission="risk.read">{<ModelsPage />}</Guard> },
  { path: 'models/:id', element: <Guard permission="risk.read">{<ModelPage />}</Guard> },
  { path: 'train', element: <Guard permission="risk.models.manage">{<TrainPage />}</Guard> },
  { path: 'score', element: <Guard permission="risk.score">{<ScorePage />}</Guard> },
  { path: 'fairness', element: <Guard permission="risk.read">{<FairnessPage />}</Guard> },
  { path: 'grades', element: <Guard permission="risk.read">{<GradesPage />}</Guard> },
  { path: 'alerts', element: <Guard permission="risk.alerts.work">{<AlertsPage />}</Guard> },
  { path: 'alerts/:id', element: <Guard permission="risk.alerts.work">{<AlertPage />}</Guard> },
  { path: 'alert-rules', element: <Guard permission="risk.read">{<AlertRulesPage />}</Guard> },
];
