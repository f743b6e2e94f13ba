// Translation keys of the prospects feature all sit under "prospects" (see i18n.ts). Pure: safe to
// import from anywhere, including modules that unit tests load without a browser.

/** A full translation key of the prospects feature: prospectsKey('nav.pipeline') → 'prospects.nav.pipeline'. */
export function prospectsKey(key: string): string {
  return `prospects.${key}`;
}
