// Loan servicing's entries in the main navigation (layout/nav.ts lists them).
import { IconCash, IconLifebuoy, IconReceipt2 } from '@tabler/icons-react';
import type { NavItem } from '../../layout/nav.ts';
import { loansKey } from './keys.ts';

export const LOANS_NAV_ITEMS: readonly NavItem[] = [
  {
    to: '/loans',
    label: loansKey('nav.loans'),
    description: loansKey('nav.loansDescription'),
    icon: IconCash,
    permission: 'loans.read',
    audience: 'staff',
  },
  {
    to: '/hardship',
    label: loansKey('nav.hardship'),
    description: loansKey('nav.hardshipDescription'),
    icon: IconLifebuoy,
    permission: 'hardship.approve',
    audience: 'staff',
  },
  {
    to: '/my-loans',
    label: loansKey('nav.myLoans'),
    description: loansKey('nav.myLoansDescription'),
    icon: IconReceipt2,
    permission: 'loans.read',
    audience: 'student',
  },
];
