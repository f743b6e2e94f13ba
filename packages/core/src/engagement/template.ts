// Message templates: `{{ customer.name }}` placeholders from a fixed catalogue, checked when a
// template is saved (an unknown variable is a field error then, never a blank at send time).

export const TEMPLATE_VARIABLES = {
  'customer.name': 'Preferred name, else legal name',
  'customer.legalName': 'Legal name',
  'customer.email': 'Email address',
  'customer.language': 'Preferred language (en, zh-CN)',
  'school.name': 'Current school',
  'school.nameLocal': 'Current school in the local script',
  'enrolment.programme': 'Programme of study',
  'enrolment.expectedGraduationDate': 'Expected graduation date',
  'loan.number': 'Loan number',
  'loan.dueDate': 'Next (or missed) due date',
  'loan.amountDue': 'Amount due, formatted with its currency',
  'loan.currency': 'Loan currency',
  'loan.daysPastDue': 'Days past due',
  'loan.bucket': 'Delinquency bucket',
  'loan.graceEndDate': 'Last day of the grace period',
  'lender.name': 'The lender’s name',
  'lender.phone': 'The lender’s service phone number',
  'message.date': 'Date the message is written',
  'message.unsubscribeUrl': 'Unsubscribe link (marketing messages carry one)',
  'survey.url': 'Survey link',
  'campaign.url': 'Campaign landing link carrying its tracking code (?tc=CODE)',
} as const;
export type TemplateVariable = keyof typeof TEMPLATE_VARIABLES;

const PLACEHOLDER = /\{\{\s*([^{}]*?)\s*\}\}/g;
const NAME = /^[a-zA-Z][a-zA-Z0-9]*(\.[a-zA-Z][a-zA-Z0-9]*)+$/;

export interface TemplateProblem {
  variable: string;
  message: string;
}

/** Every placeholder's name in a text, in order of first use. */
export function placeholdersOf(text: string): string[] {
  const seen = new Set<string>();
  for (const m of text.matchAll(PLACEHOLDER)) seen.add(m[1]!);
  return [...seen];
}

export function isTemplateVariable(name: string): name is TemplateVariable {
  return Object.prototype.hasOwnProperty.call(TEMPLATE_VARIABLES, name);
}

/** Unknown or malformed placeholders, and stray braces, in a text. */
export function checkTemplateText(text: string): TemplateProblem[] {
  const problems: TemplateProblem[] = [];
  for (const name of placeholdersOf(text)) {
    if (!NAME.test(name)) problems.push({ variable: name, message: `{{${name}}} is not a variable name` });
    else if (!isTemplateVariable(name))
      problems.push({ variable: name, message: `unknown variable {{${name}}}` });
  }
  const rest = text.replace(PLACEHOLDER, '');
  if (rest.includes('{{') || rest.includes('}}'))
    problems.push({ variable: '', message: 'has an unclosed {{ or a stray }}' });
  return problems;
}

export type TemplateValues = Partial<Record<TemplateVariable, string | number | null | undefined>>;

function escapeHtml(s: string): string {
  return s.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );
}

/** Fill placeholders; missing values render empty and are reported. `html` escapes values. */
export function renderTemplate(
  text: string,
  values: TemplateValues,
  opts: { html?: boolean } = {},
): { text: string; missing: string[] } {
  const missing = new Set<string>();
  const out = text.replace(PLACEHOLDER, (_all, name: string) => {
    const v = isTemplateVariable(name) ? values[name] : undefined;
    if (v === undefined || v === null || v === '') {
      missing.add(name);
      return '';
    }
    const s = String(v);
    return opts.html ? escapeHtml(s) : s;
  });
  return { text: out, missing: [...missing] };
}
