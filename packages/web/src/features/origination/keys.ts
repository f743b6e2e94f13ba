// Translation keys of origination all sit under "origination" (see i18n.ts). Pure: safe to import
// from anywhere, including modules that unit tests load without a browser.

/** A full translation key of origination: origKey('nav.apply') → 'origination.nav.apply'. */
export function origKey(key: string): string {
  return `origination.${key}`;
}
