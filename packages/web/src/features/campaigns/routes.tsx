// The campaigns feature's routes: staff pages under /campaigns behind campaigns.read. Importing
// this module (router.tsx does) also registers the feature's translations.
import { Center, Loader } from '@mantine/core';
import { lazy, Suspense, type ReactNode } from 'react';
import type { RouteObject } from 'react-router';
import { useCan } from '../../auth/session.ts';
import { ForbiddenPage } from '../../components/StatusPages.tsx';
import './i18n.ts';

const CampaignsPage = lazy(() => import('./CampaignsPage.tsx'));
const CampaignPage = lazy(() => import('./CampaignPage.tsx'));

function Guard({ children }: { children: ReactNode }) {
  const can = useCan();
  if (!can('campaigns.read')) return <ForbiddenPage />;
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

export const campaignsRoutes: RouteObject[] = [
  { path: 'campaigns', element: <Guard>{<CampaignsPage />}</Guard> },
  { path: 'campaigns/:id', element: <Guard>{<CampaignPage />}</Guard> },
];
