// Data governance's entries in the main navigation (layout/nav.ts lists them).
import { IconDatabaseCog, IconShieldLock } from '@tabler/icons-react';
import type { NavItem } from '../../layout/nav.ts';
import { dgKey } from './keys.ts';

export const DATA_GOVERNANCE_NAV_ITEMS: readonly NavItem[] = [
  {
    to: '/data-governance/dsrs',
    label: dgKey('nav.title'),
    description: dgKey('nav.description'),
    icon: IconDatabaseCog,
    permission: 'dsr.manage',
    audience: 'staff',
  },
  {
    to: '/my-data',
    label: dgKey('nav.myData'),
    description: dgKey('nav.myDataDescription'),
    icon: IconShieldLock,
    permission: 'dsr.own',
    audience: 'student',
  },
];
