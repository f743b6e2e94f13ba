// The screening feature's entries in the main navigation (layout/nav.ts lists them): compliance staff.
import { IconAlertOctagon, IconBuildingBank, IconListCheck, IconShieldSearch } from '@tabler/icons-react';
import type { NavItem } from '../../layout/nav.ts';
import { screeningKey } from './keys.ts';

export const SCREENING_NAV_ITEMS: readonly NavItem[] = [
  {
    to: '/screening/hits',
    label: screeningKey('nav.hits'),
    description: screeningKey('nav.hitsDescription'),
    icon: IconShieldSearch,
    permission: 'sanctions.review',
    audience: 'staff',
  },
  {
    to: '/screening/lists',
    label: screeningKey('nav.lists'),
    description: screeningKey('nav.listsDescription'),
    icon: IconListCheck,
    permission: 'sanctions.manage',
    audience: 'staff',
  },
  {
    to: '/screening/payee-changes',
    label: screeningKey('nav.payees'),
    description: screeningKey('nav.payeesDescription'),
    icon: IconBuildingBank,
    permission: 'kyc.read',
    audience: 'staff',
  },
  {
    to: '/screening/cases',
    label: screeningKey('nav.cases'),
    description: screeningKey('nav.casesDescription'),
    icon: IconAlertOctagon,
    permission: 'aml.cases',
    audience: 'staff',
  },
];
