// The surveys feature's entries in the main navigation (layout/nav.ts lists them).
import { IconMoodHappy, IconRefreshDot } from '@tabler/icons-react';
import type { NavItem } from '../../layout/nav.ts';
import { surveysKey } from './keys.ts';

export const SURVEYS_NAV_ITEMS: readonly NavItem[] = [
  {
    to: '/surveys',
    label: surveysKey('nav.surveys'),
    description: surveysKey('nav.surveysDescription'),
    icon: IconMoodHappy,
    permission: 'surveys.read',
    audience: 'staff',
  },
  {
    to: '/surveys/loop',
    label: surveysKey('nav.loop'),
    description: surveysKey('nav.loopDescription'),
    icon: IconRefreshDot,
    permission: 'surveys.read',
    audience: 'staff',
  },
];
