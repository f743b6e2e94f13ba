// Engagement's entries in the main navigation (layout/nav.ts lists them).
import {
  IconAdjustmentsAlt,
  IconBell,
  IconChecklist,
  IconMail,
  IconRoute,
  IconSettingsCog,
  IconTemplate,
} from '@tabler/icons-react';
import type { NavItem } from '../../layout/nav.ts';
import { engagementKey } from './keys.ts';

export const ENGAGEMENT_NAV_ITEMS: readonly NavItem[] = [
  {
    to: '/engagement/messages',
    label: engagementKey('nav.messages'),
    description: engagementKey('nav.messagesDescription'),
    icon: IconMail,
    permission: 'messages.read',
    audience: 'staff',
  },
  {
    to: '/engagement/templates',
    label: engagementKey('nav.templates'),
    description: engagementKey('nav.templatesDescription'),
    icon: IconTemplate,
    permission: 'messages.read',
    audience: 'staff',
  },
  {
    to: '/engagement/journeys',
    label: engagementKey('nav.journeys'),
    description: engagementKey('nav.journeysDescription'),
    icon: IconRoute,
    permission: 'messages.read',
    audience: 'staff',
  },
  {
    to: '/engagement/tasks',
    label: engagementKey('nav.tasks'),
    description: engagementKey('nav.tasksDescription'),
    icon: IconChecklist,
    permission: 'interactions.log',
    audience: 'staff',
  },
  {
    to: '/engagement/channels',
    label: engagementKey('nav.channels'),
    description: engagementKey('nav.channelsDescription'),
    icon: IconSettingsCog,
    // Channels are configured by administrators; staff who manage content see where messages go.
    permission: 'templates.manage',
    audience: 'staff',
  },
  {
    to: '/inbox',
    label: engagementKey('nav.inbox'),
    description: engagementKey('nav.inboxDescription'),
    icon: IconBell,
    permission: 'messages.inbox',
    audience: 'student',
  },
  {
    to: '/my-preferences',
    label: engagementKey('nav.preferences'),
    description: engagementKey('nav.preferencesDescription'),
    icon: IconAdjustmentsAlt,
    permission: 'messages.inbox',
    audience: 'student',
  },
];
