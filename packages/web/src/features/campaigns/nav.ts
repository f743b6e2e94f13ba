// The campaigns feature's entry in the main navigation (layout/nav.ts lists it).
import { IconSpeakerphone } from '@tabler/icons-react';
import type { NavItem } from '../../layout/nav.ts';
import { campaignsKey } from './keys.ts';

export const CAMPAIGNS_NAV_ITEMS: readonly NavItem[] = [
  {
    to: '/campaigns',
    label: campaignsKey('nav.campaigns'),
    description: campaignsKey('nav.campaignsDescription'),
    icon: IconSpeakerphone,
    permission: 'campaigns.read',
    audience: 'staff',
  },
];
