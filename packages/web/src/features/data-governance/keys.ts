// Translation keys of data governance all sit under "dataGovernance" (see i18n.ts). Pure: safe to
// import from anywhere, including modules that unit tests load without a browser.

/** A full translation key: dgKey('nav.title') → 'dataGovernance.nav.title'. */
export function dgKey(key: string): string {
  return `dataGovernance.${key}`;
}
