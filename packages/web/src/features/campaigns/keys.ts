// Translation keys of the campaigns feature all sit under "campaigns" (see i18n.ts). Pure.

/** campaignsKey('nav.campaigns') → 'campaigns.nav.campaigns'. */
export function campaignsKey(key: string): string {
  return `campaigns.${key}`;
}
