// Translation keys of engagement all sit under "engagement" (see i18n.ts). Pure: safe to import
// from anywhere, including modules that unit tests load without a browser.

/** A full translation key of engagement: engagementKey('nav.messages') → 'engagement.nav.messages'. */
export function engagementKey(key: string): string {
  return `engagement.${key}`;
}
