// Translation keys of the management dashboards all sit under "dashboards" (see i18n.ts). Pure.

/** A full translation key: dashboardsKey('nav.dashboard') → 'dashboards.nav.dashboard'. */
export function dashboardsKey(key: string): string {
  return `dashboards.${key}`;
}
