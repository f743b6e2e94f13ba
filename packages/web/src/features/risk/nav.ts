// The model lab's entry in the main navigation (layout/nav.ts lists it).
import { IconAlertTriangle, IconChartLine, IconStairs } from '@tabler/icons-react';
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

/** Behavioural grades and the early-warning work queue. */
export const RISK_EW_NAV_ITEMS: NavItem[] = [
  {
    to: '/risk/grades',
    label: riskKey('ewNav.grades'),
    description: riskKey('ewNav.gradesDescription'),
    icon: IconStairs,
    permission: 'risk.read',
    audience: 'staff',
  },
  {
    to: '/risk/alerts',
    label: riskKey('ewNav.alerts'),
    description: riskKey('ewNav.alertsDescription'),
    icon: IconAlertTriangle,
    permission: 'risk.alerts.work',
    audience: 'staff',
  },
];
