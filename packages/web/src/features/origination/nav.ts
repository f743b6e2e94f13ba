// Origination's entries in the main navigation (layout/nav.ts lists them).
import {
  IconChecklist,
  IconCoin,
  IconFileCertificate,
  IconFilter,
  IconInbox,
  IconSchool,
  IconShieldCheck,
} from '@tabler/icons-react';
import type { NavItem } from '../../layout/nav.ts';
import { origKey } from './keys.ts';

export const ORIGINATION_NAV_ITEMS: readonly NavItem[] = [
  {
    to: '/applications',
    label: origKey('nav.queue'),
    description: origKey('nav.queueDescription'),
    icon: IconChecklist,
    permission: 'applications.read',
    audience: 'staff',
  },
  {
    to: '/approvals',
    label: origKey('nav.approvals'),
    description: origKey('nav.approvalsDescription'),
    icon: IconInbox,
    permission: 'applications.approve',
    audience: 'staff',
  },
  {
    to: '/disbursements',
    label: origKey('nav.disbursements'),
    description: origKey('nav.disbursementsDescription'),
    icon: IconCoin,
    permission: 'disbursements.manage',
    audience: 'staff',
  },
  {
    to: '/origination/funnel',
    label: origKey('nav.funnel'),
    description: origKey('nav.funnelDescription'),
    icon: IconFilter,
    permission: 'applications.read',
    audience: 'staff',
  },
  {
    to: '/enrolment-checks',
    label: origKey('nav.enrolment'),
    description: origKey('nav.enrolmentDescription'),
    icon: IconSchool,
    permission: 'enrolments.confirm',
    audience: 'staff',
  },
  {
    to: '/contracts/verify',
    label: origKey('nav.verify'),
    description: origKey('nav.verifyDescription'),
    icon: IconShieldCheck,
    permission: 'contracts.verify',
    audience: 'staff',
  },
  {
    to: '/apply',
    label: origKey('nav.apply'),
    description: origKey('nav.applyDescription'),
    icon: IconFileCertificate,
    permission: 'applications.apply',
    audience: 'student',
  },
];
