// The prospects feature's entries in the main navigation (layout/nav.ts lists them).
import { IconGift, IconSpeakerphone, IconTargetArrow } from '@tabler/icons-react';
import type { NavItem } from '../../layout/nav.ts';
import { prospectsKey } from './keys.ts';

export const PROSPECTS_NAV_ITEMS: readonly NavItem[] = [
  {
    to: '/prospects',
    label: prospectsKey('nav.pipeline'),
    description: prospectsKey('nav.pipelineDescription'),
    icon: IconTargetArrow,
    permission: 'prospects.read',
    audience: 'staff',
  },
  {
    to: '/prospects/events',
    label: prospectsKey('nav.events'),
    description: prospectsKey('nav.eventsDescription'),
    icon: IconSpeakerphone,
    permission: 'prospects.read',
    audience: 'staff',
  },
  {
    to: '/referrals',
    label: prospectsKey('nav.referrals'),
    description: prospectsKey('nav.referralsDescription'),
    icon: IconGift,
    permission: 'referrals.own',
    audience: 'student',
  },
];
