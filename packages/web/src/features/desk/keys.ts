// Translation keys of the service desk all sit under "desk" (see i18n.ts). Pure: safe to import
// from anywhere, including modules that unit tests load without a browser.

/** A full translation key of the service desk: deskKey('nav.inbox') → 'desk.nav.inbox'. */
export function deskKey(key: string): string {
  return `desk.${key}`;
}
