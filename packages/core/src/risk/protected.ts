// Protected attributes: characteristics a credit decision may not rest on. They are never
// model features; they are used only outside the model, to check decisions for fairness.

/** Whole words in a column name that mark it as protected. */
export const PROTECTED_WORDS: readonly string[] = [
  'sex',
  'gender',
  'age',
  'race',
  'ethnicity',
  'ethnic',
  'religion',
  'religious',
  'nationality',
  'citizenship',
  'marital',
  'pregnancy',
  'pregnant',
  'disability',
  'dob',
  'birthdate',
  'caste',
  'orientation',
];
/** Phrases (word sequences) that mark a column as protected. */
export const PROTECTED_PHRASES: readonly string[] = [
  'personal status',
  'foreign worker',
  'date of birth',
  'birth date',
  'national origin',
  'marital status',
];

function words(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

/**
 * Whether a column is a protected attribute: listed in `extra` (exact, case-insensitive), or
 * its name contains a protected word or phrase ("age_in_years", "personal_status_and_sex",
 * "foreign_worker"), matched by whole words so "percentage" or "mortgage" do not count.
 */
export function isProtectedAttribute(name: string, extra: readonly string[] = []): boolean {
  const lower = name.toLowerCase();
  if (extra.some((e) => e.toLowerCase() === lower)) return true;
  const w = words(name);
  if (w.some((x) => PROTECTED_WORDS.includes(x))) return true;
  const joined = ` ${w.join(' ')} `;
  return PROTECTED_PHRASES.some((p) => joined.includes(` ${p} `));
}
