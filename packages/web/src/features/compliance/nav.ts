// The compliance feature's entries in the main navigation (layout/nav.ts lists them).
import { IconAlertTriangle, IconFileExport, IconShieldCheck } from '@tabler/icons-react';
import type { NavItem } from '../../layout/nav.ts';
import { complianceKey } from './keys.ts';

export const COMPLIANCE_NAV_ITEMS: readonly NavItem[] = [
  {
    to: '/compliance',
    label: complianceKey('nav.dashboard'),
    description: complianceKey('nav.dashboardDescription'),
    icon: IconShieldCheck,
    permission: 'compliance.read',
    audience: 'staff',
  },
  {
    to: '/compliance/furnishing',
    label: complianceKey('nav.furnishing'),
    description: complianceKey('nav.furnishingDescription'),
    icon: IconFileExport,
    permission: 'compliance.read',
    audience: 'staff',
  },
  {
    to: '/compliance/disputes',
    label: complianceKey('nav.disputes'),
    description: complianceKey('nav.disputesDescription'),
    icon: IconAlertTriangle,
    permission: 'compliance.read',
    audience: 'staff',
  },
];
