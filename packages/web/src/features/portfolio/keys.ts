// Translation keys of portfolio risk and the risk register all sit under "portfolio" (see
// i18n.ts). Pure: safe to import from anywhere, including modules unit tests load without a browser.

/** A full translation key of the feature: portfolioKey('nav.dashboard') → 'portfolio.nav.dashboard'. */
export function portfolioKey(key: string): string {
  return `portfolio.${key}`;
}
