// Translation keys of the compliance-programme feature all sit under "programme" (see i18n.ts).

/** A full translation key: programmeKey('nav.training') → 'programme.nav.training'. */
export function programmeKey(key: string): string {
  return `programme.${key}`;
}
