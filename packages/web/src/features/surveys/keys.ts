// Translation keys of the surveys feature all sit under "surveys" (see i18n.ts). Pure: safe to
// import from anywhere, including modules that unit tests load without a browser.

/** A full translation key of the surveys feature: surveysKey('nav.surveys') → 'surveys.nav.surveys'. */
export function surveysKey(key: string): string {
  return `surveys.${key}`;
}
