// Translation keys of loan servicing all sit under "loans" (see i18n.ts). Pure: safe to import
// from anywhere, including modules that unit tests load without a browser.

/** A full translation key of loan servicing: loansKey('nav.loans') → 'loans.nav.loans'. */
export function loansKey(key: string): string {
  return `loans.${key}`;
}
