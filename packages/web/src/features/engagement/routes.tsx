// Engagement's routes (top-level: /engagement/…, /inbox, /my-preferences), each lazy-loaded and
// behind its permission. Importing this module (router.tsx does) also registers the feature's
// translations.
import { Center, Loader } from '@mantine/core';
import { lazy, Suspense, type ReactNode } from 'react';
import type { RouteObject } from 'react-router';
import type { Permission } from '@bursar/core/permissions';
import { useCan } from '../../auth/session.ts';
import { ForbiddenPage } from '../../components/StatusPages.tsx';
import './i18n.ts';

const ComposerPage = lazy(() => import('./ComposerPage.tsx'));
const MessagesPage = lazy(() => import('./MessagesPage.tsx'));
const TemplatesPage = lazy(() => import('./TemplatesPage.tsx'));
const TemplateEditorPage = lazy(() => import('./TemplateEditorPage.tsx'));
const JourneysPage = lazy(() => import('./JourneysPage.tsx'));
const JourneyPage = lazy(() => import('./JourneyPage.tsx'));
const MeasurementPage = lazy(() => import('./MeasurementPage.tsx'));
const TasksPage = lazy(() => import('./TasksPage.tsx'));
const ChannelsPage = lazy(() => import('./ChannelsPage.tsx'));
const InboxPage = lazy(() => import('./InboxPage.tsx'));
const MyPreferencesPage = lazy(() => import('./MyPreferencesPage.tsx'));

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

const page = (path: string, permission: Permission, element: ReactNode): RouteObject => ({
  path,
  element: <Guard permission={permission}>{element}</Guard>,
});

export const engagementRoutes: RouteObject[] = [
  page('engagement/compose', 'messages.send', <ComposerPage />),
  page('engagement/messages', 'messages.read', <MessagesPage />),
  page('engagement/templates', 'messages.read', <TemplatesPage />),
  page('engagement/templates/new', 'templates.manage', <TemplateEditorPage />),
  page('engagement/templates/:code/:language', 'messages.read', <TemplateEditorPage />),
  page('engagement/journeys', 'messages.read', <JourneysPage />),
  page('engagement/journeys/new', 'journeys.manage', <JourneyPage />),
  page('engagement/journeys/:id', 'messages.read', <JourneyPage />),
  page('engagement/measurement', 'messages.read', <MeasurementPage />),
  page('engagement/tasks', 'interactions.log', <TasksPage />),
  page('engagement/channels', 'messages.read', <ChannelsPage />),
  page('inbox', 'messages.inbox', <InboxPage />),
  page('my-preferences', 'messages.inbox', <MyPreferencesPage />),
];
