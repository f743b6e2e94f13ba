// Loan servicing's entries in the main navigation (layout/nav.ts lists them).
import { IconCash, IconHeartHandshake, IconLifebuoy, IconPhoneCall, IconReceipt2, IconScale, IconTransferIn } from '@tabler/icons-react';
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
    to: '/collections',
    label: loansKey('nav.collections'),
    description: loansKey('nav.collectionsDescription'),
    icon: IconPhoneCall,
    permission: 'collections.work',
    audience: 'staff',
  },
  {
    to: '/payments/reconcile',
    label: loansKey('nav.reconcile'),
    description: loansKey('nav.reconcileDescription'),
    icon: IconTransferIn,
    permission: 'payments.reconcile',
    audience: 'staff',
  },
  {
    to: '/relief/mass',
    label: loansKey('nav.massRelief'),
    description: loansKey('nav.massReliefDescription'),
    icon: IconHeartHandshake,
    permission: 'hardship.approve',
    audience: 'staff',
  },
  {
    to: '/ledger',
    label: loansKey('nav.ledger'),
    description: loansKey('nav.ledgerDescription'),
    icon: IconScale,
    permission: 'ledger.read',
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
