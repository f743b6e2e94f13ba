// Portfolio risk's entries in the main navigation (layout/nav.ts lists them).
import { IconChartDonut, IconShieldExclamation } from '@tabler/icons-react';
import type { NavItem } from '../../layout/nav.ts';
import { portfolioKey } from './keys.ts';

export const PORTFOLIO_NAV_ITEMS: NavItem[] = [
  {
    to: '/portfolio',
    label: portfolioKey('nav.dashboard'),
    description: portfolioKey('nav.dashboardDescription'),
    icon: IconChartDonut,
    permission: 'risk.read',
    audience: 'staff',
  },
  {
    to: '/portfolio/register',
    label: portfolioKey('nav.register'),
    description: portfolioKey('nav.registerDescription'),
    icon: IconShieldExclamation,
    permission: 'risk.read',
    audience: 'staff',
  },
];
