// The model lab's entry in the main navigation (layout/nav.ts lists it).
import { IconChartLine } from '@tabler/icons-react';
import type { NavItem } from '../../layout/nav.ts';
import { riskKey } from './keys.ts';

export const RISK_NAV_ITEM: NavItem = {
  to: '/risk/models',
  label: riskKey('nav.label'),
  description: riskKey('nav.description'),
  icon: IconChartLine,
  permission: 'risk.read',
  audience: 'staff',
};
