// The service desk's routes: the agent inbox and ticket view (/desk), the supervisor's board,
// knowledge-base editor, performance and complaint register, and in the student portal the
// help centre (/help) and "My requests" (/my-requests). Each is lazy-loaded and behind its
// permission; importing this module (router.tsx does) also registers the translations.
import { Center, Loader } from '@mantine/core';
import { lazy, Suspense, type ReactNode } from 'react';
import type { RouteObject } from 'react-router';
import type { Permission } from '@bursar/core/permissions';
import { useCan } from '../../auth/session.ts';
import { ForbiddenPage } from '../../components/StatusPages.tsx';
import './i18n.ts';

const InboxPage = lazy(() => import('./InboxPage.tsx'));
const TicketPage = lazy(() => import('./TicketPage.tsx'));
const BoardPage = lazy(() => import('./BoardPage.tsx'));
const KnowledgePage = lazy(() => import('./KnowledgePage.tsx'));
const PerformancePage = lazy(() => import('./PerformancePage.tsx'));
const ComplaintRegisterPage = lazy(() => import('./ComplaintRegisterPage.tsx'));
const HelpCentrePage = lazy(() => import('./HelpCentrePage.tsx'));
const ArticlePage = lazy(() => import('./ArticlePage.tsx'));
const MyRequestsPage = lazy(() => import('./MyRequestsPage.tsx'));
const MyRequestPage = lazy(() => import('./MyRequestPage.tsx'));

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

export const deskRoutes: RouteObject[] = [
  { path: 'desk', element: <Guard permission="tickets.read">{<InboxPage />}</Guard> },
  { path: 'desk/tickets/:id', element: <Guard permission="tickets.read">{<TicketPage />}</Guard> },
  { path: 'desk/board', element: <Guard permission="tickets.supervise">{<BoardPage />}</Guard> },
  { path: 'desk/knowledge', element: <Guard permission="kb.manage">{<KnowledgePage />}</Guard> },
  { path: 'desk/performance', element: <Guard permission="tickets.supervise">{<PerformancePage />}</Guard> },
  {
    path: 'desk/complaints',
    element: <Guard permission="complaints.register">{<ComplaintRegisterPage />}</Guard>,
  },
  { path: 'help', element: <Guard permission="kb.read">{<HelpCentrePage />}</Guard> },
  { path: 'help/articles/:id', element: <Guard permission="kb.read">{<ArticlePage />}</Guard> },
  { path: 'my-requests', element: <Guard permission="tickets.own">{<MyRequestsPage />}</Guard> },
  { path: 'my-requests/:id', element: <Guard permission="tickets.own">{<MyRequestPage />}</Guard> },
];
