// Translation keys of the screening (KYC / AML) feature all sit under "screening" (see i18n.ts).
// Pure: safe to import from anywhere.

/** A full translation key: screeningKey('nav.hits') → 'screening.nav.hits'. */
export function screeningKey(key: string): string {
  return `screening.${key}`;
}
