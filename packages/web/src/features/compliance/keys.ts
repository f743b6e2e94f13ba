// Translation keys of the compliance feature all sit under "compliance" (see i18n.ts). Pure:
// safe to import from anywhere.

/** A full translation key: complianceKey('nav.dashboard') → 'compliance.nav.dashboard'. */
export function complianceKey(key: string): string {
  return `compliance.${key}`;
}
