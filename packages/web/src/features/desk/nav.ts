// The service desk's entries in the main navigation (layout/nav.ts lists them).
import {
  IconBook2,
  IconChartBar,
  IconFileCertificate,
  IconHeadset,
  IconHelpCircle,
  IconLayoutKanban,
  IconMessages,
} from '@tabler/icons-react';
import type { NavItem } from '../../layout/nav.ts';
import { deskKey } from './keys.ts';

export const DESK_NAV_ITEMS: readonly NavItem[] = [
  {
    to: '/desk',
    label: deskKey('nav.inbox'),
    description: deskKey('nav.inboxDescription'),
    icon: IconHeadset,
    permission: 'tickets.read',
    audience: 'staff',
  },
  {
    to: '/desk/board',
    label: deskKey('nav.board'),
    description: deskKey('nav.boardDescription'),
    icon: IconLayoutKanban,
    permission: 'tickets.supervise',
    audience: 'staff',
  },
  {
    to: '/desk/knowledge',
    label: deskKey('nav.knowledge'),
    description: deskKey('nav.knowledgeDescription'),
    icon: IconBook2,
    permission: 'kb.manage',
    audience: 'staff',
  },
  {
    to: '/desk/performance',
    label: deskKey('nav.performance'),
    description: deskKey('nav.performanceDescription'),
    icon: IconChartBar,
    permission: 'tickets.supervise',
    audience: 'staff',
  },
  {
    to: '/desk/complaints',
    label: deskKey('nav.register'),
    description: deskKey('nav.registerDescription'),
    icon: IconFileCertificate,
    permission: 'complaints.register',
    audience: 'staff',
  },
  {
    to: '/help',
    label: deskKey('nav.help'),
    description: deskKey('nav.helpDescription'),
    icon: IconHelpCircle,
    permission: 'kb.read',
    audience: 'student',
  },
  {
    to: '/my-requests',
    label: deskKey('nav.myRequests'),
    description: deskKey('nav.myRequestsDescription'),
    icon: IconMessages,
    permission: 'tickets.own',
    audience: 'student',
  },
];
