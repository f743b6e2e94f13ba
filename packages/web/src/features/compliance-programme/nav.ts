// The compliance-programme feature's entries in the main navigation (layout/nav.ts lists them).
import { IconCertificate, IconClipboardCheck, IconFileDescription, IconScale } from '@tabler/icons-react';
import type { NavItem } from '../../layout/nav.ts';
import { programmeKey } from './keys.ts';

export const COMPLIANCE_PROGRAMME_NAV_ITEMS: readonly NavItem[] = [
  {
    to: '/compliance-programme/training',
    label: programmeKey('nav.training'),
    description: programmeKey('nav.trainingDescription'),
    icon: IconCertificate,
    permission: 'training.self',
    audience: 'staff',
  },
  {
    to: '/compliance-programme/review',
    label: programmeKey('nav.review'),
    description: programmeKey('nav.reviewDescription'),
    icon: IconClipboardCheck,
    permission: 'review.perform',
    audience: 'staff',
  },
  {
    to: '/compliance-programme/fair-lending',
    label: programmeKey('nav.fairLending'),
    description: programmeKey('nav.fairLendingDescription'),
    icon: IconScale,
    permission: 'fairlending.read',
    audience: 'staff',
  },
  {
    to: '/compliance-programme/disclosures',
    label: programmeKey('nav.disclosures'),
    description: programmeKey('nav.disclosuresDescription'),
    icon: IconFileDescription,
    permission: 'disclosures.manage',
    audience: 'staff',
  },
  {
    to: '/my-disclosures',
    label: programmeKey('nav.myDisclosures'),
    description: programmeKey('nav.myDisclosuresDescription'),
    icon: IconFileDescription,
    permission: 'disclosures.acknowledge',
    audience: 'student',
  },
];
