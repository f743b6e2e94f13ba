import type { Permission } from '@bursar/core/permissions';
import { IconCalculator, IconHome, IconListSearch, IconUserCircle, IconUsers } from '@tabler/icons-react';
import type { ComponentType } from 'react';

export interface NavItem {
  to: string;
  /** i18n key of the label */
  label: string;
  /** i18n key of a one-line description (home page quick links) */
  description: string;
  icon: ComponentType<{ size?: number | string; stroke?: number }>;
  /** the permission that shows the item; none = every signed-in user */
  permission?: Permission;
}

// Only pages that exist. Later modules add theirs here.
export const NAV_ITEMS: readonly NavItem[] = [
  { to: '/', label: 'nav.home', description: 'nav.homeDescription', icon: IconHome },
  {
    to: '/calculator',
    label: 'nav.calculator',
    description: 'nav.calculatorDescription',
    icon: IconCalculator,
    permission: 'calculator.use',
  },
  {
    to: '/admin/users',
    label: 'nav.users',
    description: 'nav.usersDescription',
    icon: IconUsers,
    permission: 'users.read',
  },
  {
    to: '/audit',
    label: 'nav.audit',
    description: 'nav.auditDescription',
    icon: IconListSearch,
    permission: 'audit.read',
  },
  {
    to: '/account',
    label: 'nav.account',
    description: 'nav.accountDescription',
    icon: IconUserCircle,
    permission: 'self.read',
  },
];

export function visibleNavItems(can: (p: Permission) => boolean): NavItem[] {
  return NAV_ITEMS.filter((item) => !item.permission || can(item.permission));
}
