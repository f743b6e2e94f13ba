// The management dashboards' entries in the main navigation (layout/nav.ts lists them).
import { IconChartHistogram, IconHeartHandshake } from '@tabler/icons-react';
import type { NavItem } from '../../layout/nav.ts';
import { dashboardsKey } from './keys.ts';

export const DASHBOARDS_NAV_ITEMS: NavItem[] = [
  {
    to: '/dashboards',
    label: dashboardsKey('nav.dashboard'),
    description: dashboardsKey('nav.dashboardDescription'),
    icon: IconChartHistogram,
    permission: 'analytics.read',
    audience: 'staff',
  },
  {
    to: '/dashboards/value',
    label: dashboardsKey('nav.value'),
    description: dashboardsKey('nav.valueDescription'),
    icon: IconHeartHandshake,
    permission: 'analytics.read',
    audience: 'staff',
  },
];
