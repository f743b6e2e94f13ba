// Translation keys of the model lab all sit under "risk" (see i18n.ts). Pure: safe to import
// from anywhere, including modules that unit tests load without a browser.

/** A full translation key of the model lab: riskKey('nav.label') → 'risk.nav.label'. */
export function riskKey(key: string): string {
  return `risk.${key}`;
}
