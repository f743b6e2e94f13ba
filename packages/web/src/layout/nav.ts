import type { Permission, Role } from '@bursar/core/permissions';
import {
  IconAddressBook,
  IconBuildingBank,
  IconCalculator,
  IconChartPie,
  IconFileImport,
  IconHome,
  IconId,
  IconListSearch,
  IconSchool,
  IconUserCircle,
  IconUsers,
} from '@tabler/icons-react';
import type { ComponentType } from 'react';
import { RISK_EW_NAV_ITEMS, RISK_NAV_ITEM } from '../features/risk/nav.ts';
import { PORTFOLIO_NAV_ITEMS } from '../features/portfolio/nav.ts';
import { ORIGINATION_NAV_ITEMS } from '../features/origination/nav.ts';
import { LOANS_NAV_ITEMS } from '../features/loans/nav.ts';
import { ENGAGEMENT_NAV_ITEMS } from '../features/engagement/nav.ts';
import { DESK_NAV_ITEMS } from '../features/desk/nav.ts';
import { SURVEYS_NAV_ITEMS } from '../features/surveys/nav.ts';
import { COMPLIANCE_PROGRAMME_NAV_ITEMS } from '../features/compliance-programme/nav.ts';
import { DASHBOARDS_NAV_ITEMS } from '../features/dashboards/nav.ts';
import { PROSPECTS_NAV_ITEMS } from '../features/prospects/nav.ts';
import { CAMPAIGNS_NAV_ITEMS } from '../features/campaigns/nav.ts';
import { SCREENING_NAV_ITEMS } from '../features/screening/nav.ts';
import { COMPLIANCE_NAV_ITEMS } from '../features/compliance/nav.ts';
import { DATA_GOVERNANCE_NAV_ITEMS } from '../features/data-governance/nav.ts';

export interface NavItem {
  to: string;
  /** i18n key of the label */
  label: string;
  /** i18n key of a one-line description (home page quick links) */
  description: string;
  icon: ComponentType<{ size?: number | string; stroke?: number }>;
  /** the permission that shows the item; none = every signed-in user */
  permission?: Permission;
  /** who sees it: staff (any role but student) or a student (only the student role) */
  audience?: 'staff' | 'student';
}

// Only pages that exist. Later modules add theirs here.
export const NAV_ITEMS: readonly NavItem[] = [
  { to: '/', label: 'nav.home', description: 'nav.homeDescription', icon: IconHome },
  {
    to: '/customers',
    label: 'nav.customers',
    description: 'nav.customersDescription',
    icon: IconAddressBook,
    permission: 'customers.read',
    audience: 'staff',
  },
  {
    to: '/segments',
    label: 'nav.segments',
    description: 'nav.segmentsDescription',
    icon: IconChartPie,
    permission: 'segments.manage',
  },
  {
    to: '/imports',
    label: 'nav.imports',
    description: 'nav.importsDescription',
    icon: IconFileImport,
    permission: 'customers.import',
  },
  {
    to: '/schools',
    label: 'nav.schools',
    description: 'nav.schoolsDescription',
    icon: IconSchool,
    permission: 'customers.read',
    audience: 'staff',
  },
  {
    to: '/products',
    label: 'nav.products',
    description: 'nav.productsDescription',
    icon: IconBuildingBank,
    permission: 'products.read',
  },
  ...ORIGINATION_NAV_ITEMS,
  ...LOANS_NAV_ITEMS,
  RISK_NAV_ITEM,
  ...RISK_EW_NAV_ITEMS,
  ...PORTFOLIO_NAV_ITEMS,
  ...DASHBOARDS_NAV_ITEMS,
  ...ENGAGEMENT_NAV_ITEMS,
  ...DESK_NAV_ITEMS,
  ...SURVEYS_NAV_ITEMS,
  ...COMPLIANCE_PROGRAMME_NAV_ITEMS,
  ...PROSPECTS_NAV_ITEMS,
  ...CAMPAIGNS_NAV_ITEMS,
  ...COMPLIANCE_NAV_ITEMS,
  ...SCREENING_NAV_ITEMS,
  ...DATA_GOVERNANCE_NAV_ITEMS,
  {
    to: '/my-profile',
    label: 'nav.myProfile',
    description: 'nav.myProfileDescription',
    icon: IconId,
    permission: 'customers.read',
    audience: 'student',
  },
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

/** A user whose only role is student: the student portal rather than the staff console. */
export function isStudentOnly(roles: readonly Role[]): boolean {
  return roles.length > 0 && roles.every((r) => r === 'student');
}

export function visibleNavItems(can: (p: Permission) => boolean, roles: readonly Role[] = []): NavItem[] {
  const student = isStudentOnly(roles);
  return NAV_ITEMS.filter(
    (item) =>
      (!item.permission || can(item.permission)) &&
      (item.audience === undefined || (item.audience === 'student') === student),
  );
}
