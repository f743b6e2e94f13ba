// fast-check arbitraries from the JSON Schemas of the OpenAPI document: values that fit a schema,
// and hostile ones (wrong types, missing and extra fields, huge strings, odd unicode, negative and
// enormous numbers, SQL and script fragments). Used by the API fuzz test.
import fc from 'fast-check';

export interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  format?: string;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
  pattern?: string;
  additionalProperties?: boolean | JsonSchema;
}

/** Strings an attacker or a careless client sends. */
export const HOSTILE_STRINGS = [
  '',
  ' ',
  "'; drop table customers; --",
  "' or '1'='1",
  '1; select pg_sleep(10)',
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  '../../../../etc/passwd',
  '%00',
  '\u0000',
  '\u202e\u0645\u0631\u062d\u0628\u0627',
  '😀👩‍🎓🏦',
  '张伟\u3000李娜',
  '${jndi:ldap://x}',
  '{{7*7}}',
  'NaN',
  '-1',
  '1e309',
  '2026-02-30',
  '9999-12-31T23:59:59Z',
  '00000000-0000-0000-0000-000000000000',
];

const hostileString = fc.oneof(
  fc.constantFrom(...HOSTILE_STRINGS),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.nat({ max: 3 }).map((k) => 'x'.repeat([1_000, 10_000, 100_000, 300_000][k]!)),
);

const hostileNumber = fc.constantFrom(
  -1,
  0,
  -0,
  1.5,
  -(2 ** 31),
  2 ** 31,
  2 ** 53 + 2,
  -(2 ** 63),
  1e308,
  Number.MAX_SAFE_INTEGER,
);

/** Any JSON value of the wrong shape for most fields. */
export const anyJson: fc.Arbitrary<unknown> = fc.oneof(
  hostileString,
  hostileNumber,
  fc.boolean(),
  fc.constant(null),
  fc.constant([]),
  fc.constant({}),
  fc.array(fc.string(), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 8 }), fc.string({ maxLength: 8 }), { maxKeys: 3 }),
);

function typesOf(s: JsonSchema): string[] {
  if (Array.isArray(s.type)) return s.type;
  if (s.type) return [s.type];
  if (s.properties) return ['object'];
  return [];
}

function stringFor(s: JsonSchema): fc.Arbitrary<string> {
  switch (s.format) {
    case 'uuid':
      return fc.uuid();
    case 'date':
      return fc
        .date({ min: new Date('2000-01-01'), max: new Date('2040-12-31'), noInvalidDate: true })
        .map((d) => d.toISOString().slice(0, 10));
    case 'date-time':
      return fc
        .date({ min: new Date('2000-01-01'), max: new Date('2040-12-31'), noInvalidDate: true })
        .map((d) => d.toISOString());
    case 'email':
      return fc.emailAddress();
    default: {
      const min = s.minLength ?? 0;
      const max = Math.min(s.maxLength ?? 24, Math.max(min, 24));
      // Amount-like and code-like strings reach deeper than random text would.
      return fc.oneof(
        fc.string({ minLength: min, maxLength: max }),
        fc.integer({ min: 0, max: 100_000 }).map((n) => `${n}.${String(n % 100).padStart(2, '0')}`),
        fc.constantFrom('CNY', 'USD', 'en', 'zh-CN', 'active', 'student', '2026-09-01'),
      );
    }
  }
}

/** A value that fits the schema (as far as this generator understands schemas). */
export function validValue(s: JsonSchema | undefined, depth = 0): fc.Arbitrary<unknown> {
  if (!s || depth > 6) return fc.constant(null);
  if (s.const !== undefined) return fc.constant(s.const);
  if (s.enum && s.enum.length > 0) return fc.constantFrom(...s.enum);
  const alts = s.anyOf ?? s.oneOf;
  if (alts && alts.length > 0) return fc.oneof(...alts.map((a) => validValue(a, depth + 1)));
  if (s.allOf && s.allOf.length > 0)
    return validValue(Object.assign({}, ...s.allOf) as JsonSchema, depth + 1);
  const types = typesOf(s);
  if (types.length === 0) return fc.oneof(fc.string({ maxLength: 8 }), fc.integer(), fc.boolean());
  return fc.oneof(
    ...types.map((t): fc.Arbitrary<unknown> => {
      switch (t) {
        case 'null':
          return fc.constant(null);
        case 'boolean':
          return fc.boolean();
        case 'integer':
          return fc.integer({ min: s.minimum ?? -1_000, max: s.maximum ?? 1_000_000 });
        case 'number':
          return fc.double({ min: s.minimum ?? -1_000, max: s.maximum ?? 1_000_000, noNaN: true });
        case 'string':
          return stringFor(s);
        case 'array':
          return fc.array(validValue(s.items, depth + 1), {
            minLength: s.minItems ?? 0,
            maxLength: Math.max(s.minItems ?? 0, Math.min(s.maxItems ?? 3, 3)),
          });
        case 'object': {
          const props = s.properties ?? {};
          const required = new Set(s.required ?? []);
          const record: Record<string, fc.Arbitrary<unknown>> = {};
          for (const [k, v] of Object.entries(props)) record[k] = validValue(v, depth + 1);
          return fc.record(record, { requiredKeys: [...required].filter((k) => k in props) });
        }
        default:
          return fc.constant(null);
      }
    }),
  );
}

/** A value that breaks the schema in one way (or is plain garbage). */
export function hostileValue(s: JsonSchema | undefined): fc.Arbitrary<unknown> {
  const props = s?.properties ?? {};
  const keys = Object.keys(props);
  const options: fc.Arbitrary<unknown>[] = [anyJson];
  if (keys.length > 0) {
    const base = validValue(s) as fc.Arbitrary<Record<string, unknown>>;
    // One field of the wrong type or a hostile value.
    options.push(
      fc
        .tuple(base, fc.constantFrom(...keys), fc.oneof(hostileString, hostileNumber, anyJson))
        .map(([v, k, bad]) => ({ ...(v ?? {}), [k]: bad })),
    );
    // A required field missing.
    const required = (s?.required ?? []).filter((k) => k in props);
    if (required.length > 0)
      options.push(
        fc.tuple(base, fc.constantFrom(...required)).map(([v, k]) => {
          const copy = { ...(v ?? {}) };
          delete copy[k];
          return copy;
        }),
      );
    // An unknown field.
    options.push(base.map((v) => ({ ...(v ?? {}), isAdmin: true, __proto__x: 'x' })));
  }
  return fc.oneof(...options);
}

/** A path or query parameter: usually well-formed, sometimes hostile. */
export function paramValue(s: JsonSchema | undefined): fc.Arbitrary<string> {
  return fc.oneof(
    {
      weight: 3,
      arbitrary: validValue(s).map((v) =>
        v === null || v === undefined
          ? ''
          : typeof v === 'object'
            ? JSON.stringify(v)
            : String(v as string | number),
      ),
    },
    { weight: 2, arbitrary: hostileString },
    { weight: 1, arbitrary: hostileNumber.map(String) },
  );
}
