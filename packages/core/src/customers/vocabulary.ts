// The customers module's words, shared by server and web: one name for one thing.

export const EDUCATION_LEVELS = ['vocational', 'associate', 'undergraduate', 'master', 'doctoral'] as const;
export type EducationLevel = (typeof EDUCATION_LEVELS)[number];

export const ENROLMENT_STATUSES = [
  'admitted',
  'enrolled',
  'on_leave',
  'graduated',
  'withdrawn',
  'transferred',
] as const;
export type EnrolmentStatus = (typeof ENROLMENT_STATUSES)[number];

export const ECONOMIC_STATUSES = ['financial_need', 'standard', 'self_funded_lifestyle'] as const;
export type EconomicStatus = (typeof ECONOMIC_STATUSES)[number];

export const CREDIT_RECORD_CLASSES = ['established', 'thin_or_none', 'adverse'] as const;
export type CreditRecordClass = (typeof CREDIT_RECORD_CLASSES)[number];

export const LOAN_NEEDS = [
  'tuition',
  'living_expenses',
  'entrepreneurship',
  'graduate_study',
  'study_abroad',
] as const;
export type LoanNeed = (typeof LOAN_NEEDS)[number];

/** Need indicators (家庭经济困难认定): the evidence behind "financial need". */
export const NEED_INDICATORS = [
  'low_income',
  'poverty_registered',
  'orphan',
  'disability',
  'disaster_affected',
  'first_generation',
] as const;
export type NeedIndicator = (typeof NEED_INDICATORS)[number];

export const CREDIT_FILE_STATUSES = ['established', 'thin', 'none'] as const;
export type CreditFileStatus = (typeof CREDIT_FILE_STATUSES)[number];

export const CUSTOMER_STATUSES = ['prospect', 'active', 'closed', 'merged', 'anonymised'] as const;
export type CustomerStatus = (typeof CUSTOMER_STATUSES)[number];

export const GENDERS = ['female', 'male', 'other', 'undisclosed'] as const;
export type Gender = (typeof GENDERS)[number];

export const CHANNELS = ['email', 'sms', 'phone', 'wechat', 'app_push', 'post'] as const;
export type Channel = (typeof CHANNELS)[number];

export const LANGUAGES = ['en', 'zh-CN'] as const;
export type Language = (typeof LANGUAGES)[number];

export const RELATIONSHIPS = ['parent', 'guardian', 'co_signer', 'guarantor', 'emergency_contact'] as const;
export type Relationship = (typeof RELATIONSHIPS)[number];

export const CONSENT_PURPOSES = ['service', 'marketing', 'data_sharing'] as const;
export type ConsentPurpose = (typeof CONSENT_PURPOSES)[number];

export const NATIONAL_ID_TYPES = ['cn_resident', 'passport', 'us_ssn', 'other'] as const;
export type NationalIdType = (typeof NATIONAL_ID_TYPES)[number];

export const SCHOOL_TYPES = [
  'public',
  'private_nonprofit',
  'private_for_profit',
  'foreign',
  'other',
] as const;
export type SchoolType = (typeof SCHOOL_TYPES)[number];

export const CLASSIFICATION_AXES = ['educationLevel', 'economicStatus', 'creditRecord', 'loanNeed'] as const;
export type ClassificationAxis = (typeof CLASSIFICATION_AXES)[number];

export const AXIS_VALUES: { readonly [A in ClassificationAxis]: readonly string[] } = {
  educationLevel: EDUCATION_LEVELS,
  economicStatus: ECONOMIC_STATUSES,
  creditRecord: CREDIT_RECORD_CLASSES,
  loanNeed: LOAN_NEEDS,
};
