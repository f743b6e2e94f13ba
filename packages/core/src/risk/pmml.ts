// Import of a PMML 4.x Scorecard model (https://dmg.org/pmml/v4-4-1/Scorecard.html) into Bursar's
// scorecard format. Each Characteristic becomes a feature over its one input field; each
// Attribute a bin with its partialScore; initialScore the base points. PMML takes the first
// Attribute whose predicate is true, and so does Bursar's binning, so the order is kept.
// Bursar's numeric bins are [lower, upper): a PMML `lessOrEqual 18` becomes upper = the next
// double above 18, which holds exactly the same numbers, so points match PMML's to the last bit.
import { scorecardDefinitionSchema, type ScorecardDefinition } from './scorecard.ts';
import type { Scaling } from './scaling.ts';

export class PmmlImportError extends Error {
  constructor(
    /** Where in the document: e.g. `Characteristics/Characteristic[2]/Attribute[1]`. */
    readonly path: string,
    message: string,
  ) {
    super(`${path}: ${message}`);
  }
}

interface XmlElement {
  name: string;
  attrs: Record<string, string>;
  children: XmlElement[];
  text: string;
}

const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };
const decode = (s: string) =>
  s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (m, e: string) => {
    if (e[0] === '#')
      return String.fromCodePoint(
        e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : Number(e.slice(1)),
      );
    return ENTITIES[e] ?? m;
  });
/** Drop the namespace prefix: PMML documents may use `pmml:Scorecard`. */
const local = (name: string) => name.slice(name.indexOf(':') + 1);

/** A small, strict XML reader: elements, attributes, text, comments, CDATA; no DTDs. */
function parseXml(xml: string): XmlElement {
  const root: XmlElement = { name: '#document', attrs: {}, children: [], text: '' };
  const stack = [root];
  const tag =
    /<!--[\s\S]*?-->|<\?[\s\S]*?\?>|<!\[CDATA\[([\s\S]*?)\]\]>|<!DOCTYPE[^>]*>|<\/\s*([\w:.-]+)\s*>|<([\w:.-]+)((?:\s+[\w:.-]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(\/?)>|([^<]+)|(<)/g;
  for (let m = tag.exec(xml); m; m = tag.exec(xml)) {
    const top = stack[stack.length - 1]!;
    if (m[7]) throw new PmmlImportError('document', `malformed markup at character ${m.index}`);
    if (m[1] !== undefined) top.text += m[1];
    else if (m[6] !== undefined) top.text += decode(m[6]);
    else if (m[2]) {
      if (local(m[2]) !== top.name || stack.length === 1)
        throw new PmmlImportError('document', `unexpected </${m[2]}> at character ${m.index}`);
      stack.pop();
    } else if (m[3]) {
      const attrs: Record<string, string> = {};
      for (const a of (m[4] ?? '').matchAll(/([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g))
        attrs[local(a[1]!)] = decode(a[2] ?? a[3] ?? '');
      const el: XmlElement = { name: local(m[3]), attrs, children: [], text: '' };
      top.children.push(el);
      if (!m[5]) stack.push(el);
    }
  }
  if (stack.length !== 1)
    throw new PmmlImportError('document', `<${stack[stack.length - 1]!.name}> is not closed`);
  return root;
}

const childrenNamed = (el: XmlElement, name: string) => el.children.filter((c) => c.name === name);

/** The smallest double above x: turns PMML's `≤ x` and `> x` into Bursar's half-open bounds. */
function nextUp(x: number): number {
  if (x === 0) return Number.MIN_VALUE;
  const f = new Float64Array([x]);
  const b = new BigInt64Array(f.buffer);
  b[0] = b[0]! + (x > 0 ? 1n : -1n);
  return f[0]!;
}

/** The tokens of a PMML Array: whitespace-separated, double quotes around values with spaces. */
function arrayValues(el: XmlElement): string[] {
  return [...el.text.matchAll(/"((?:[^"\\]|\\.)*)"|(\S+)/g)].map((m) =>
    m[1] !== undefined ? m[1].replace(/\\(.)/g, '$1') : m[2]!,
  );
}

type Condition =
  | { kind: 'true' }
  | { kind: 'missing' }
  | { kind: 'interval'; lower: number | null; upper: number | null; text: string }
  | { kind: 'levels'; levels: string[] };

function number(v: string | undefined, path: string): number {
  const x = Number(v);
  if (v === undefined || v.trim() === '' || !Number.isFinite(x))
    throw new PmmlImportError(path, `expected a number, got ${JSON.stringify(v ?? null)}`);
  return x;
}

/** One predicate as a condition on `field`; compound `and` predicates narrow an interval. */
function condition(p: XmlElement, path: string, fields: Set<string>): Condition {
  const at = `${path}/${p.name}`;
  if (p.name === 'True') return { kind: 'true' };
  if (p.name === 'SimplePredicate' || p.name === 'SimpleSetPredicate') {
    const field = p.attrs.field;
    if (!field) throw new PmmlImportError(at, 'a predicate needs a field');
    fields.add(field);
  }
  if (p.name === 'SimplePredicate') {
    const v = p.attrs.value;
    switch (p.attrs.operator) {
      case 'isMissing':
        return { kind: 'missing' };
      case 'lessThan':
        return { kind: 'interval', lower: null, upper: number(v, at), text: `< ${v}` };
      case 'lessOrEqual':
        return { kind: 'interval', lower: null, upper: nextUp(number(v, at)), text: `≤ ${v}` };
      case 'greaterOrEqual':
        return { kind: 'interval', lower: number(v, at), upper: null, text: `≥ ${v}` };
      case 'greaterThan':
        return { kind: 'interval', lower: nextUp(number(v, at)), upper: null, text: `> ${v}` };
      case 'equal':
        if (v === undefined) throw new PmmlImportError(at, 'equal needs a value');
        return { kind: 'levels', levels: [v] };
      default:
        throw new PmmlImportError(at, `operator ${p.attrs.operator ?? '(none)'} is not supported`);
    }
  }
  if (p.name === 'SimpleSetPredicate') {
    if (p.attrs.booleanOperator !== 'isIn')
      throw new PmmlImportError(
        at,
        `booleanOperator ${p.attrs.booleanOperator ?? '(none)'} is not supported`,
      );
    const arr = childrenNamed(p, 'Array')[0];
    if (!arr) throw new PmmlImportError(at, 'a set predicate needs an Array');
    return { kind: 'levels', levels: arrayValues(arr) };
  }
  if (p.name === 'CompoundPredicate' && p.attrs.booleanOperator === 'and') {
    let lower: number | null = null;
    let upper: number | null = null;
    const texts: string[] = [];
    p.children.forEach((c, i) => {
      const sub = condition(c, `${at}[${i + 1}]`, fields);
      if (sub.kind === 'true') return;
      if (sub.kind !== 'interval')
        throw new PmmlImportError(at, 'only numeric ranges may be combined with and');
      texts.push(sub.text);
      if (sub.lower !== null) lower = lower === null ? sub.lower : Math.max(lower, sub.lower);
      if (sub.upper !== null) upper = upper === null ? sub.upper : Math.min(upper, sub.upper);
    });
    return { kind: 'interval', lower, upper, text: texts.join(' and ') || 'any value' };
  }
  throw new PmmlImportError(
    at,
    p.name === 'CompoundPredicate'
      ? `booleanOperator ${p.attrs.booleanOperator ?? '(none)'} is not supported`
      : `predicate ${p.name} is not supported`,
  );
}

const PREDICATES = new Set(['True', 'False', 'SimplePredicate', 'SimpleSetPredicate', 'CompoundPredicate']);

function label(c: Condition, reasonCode: string | undefined, text: string | undefined): string {
  const base =
    text ??
    (c.kind === 'true'
      ? 'any other value'
      : c.kind === 'missing'
        ? 'missing'
        : c.kind === 'levels'
          ? c.levels.join(', ')
          : c.text);
  return (reasonCode ? `${reasonCode}: ${base}` : base).slice(0, 200);
}

export interface PmmlImport {
  modelName: string | null;
  /** Bursar's scorecard definition: validated, ready to store as a draft. */
  definition: ScorecardDefinition;
  /** Reason code of each characteristic (feature name → code), when the model uses them. */
  reasonCodes: Record<string, string>;
}

/**
 * Read a PMML 4.x Scorecard into a scorecard definition. Unsupported constructs (predicates
 * over several fields, or, not-in) are refused naming their place in the document.
 */
export function importPmmlScorecard(xml: string, opts: { scaling?: Scaling } = {}): PmmlImport {
  const doc = parseXml(xml);
  const pmml = childrenNamed(doc, 'PMML')[0];
  if (!pmml) throw new PmmlImportError('PMML', 'not a PMML document');
  const version = pmml.attrs.version ?? '';
  if (!/^4\./.test(version))
    throw new PmmlImportError('PMML', `PMML version ${version || '(none)'} is not 4.x`);
  const card = childrenNamed(pmml, 'Scorecard')[0];
  if (!card) throw new PmmlImportError('PMML/Scorecard', 'the document holds no Scorecard model');
  const optype = new Map<string, string>();
  for (const dd of childrenNamed(pmml, 'DataDictionary'))
    for (const f of childrenNamed(dd, 'DataField')) optype.set(f.attrs.name ?? '', f.attrs.optype ?? '');
  const characteristics = childrenNamed(card, 'Characteristics')[0];
  if (!characteristics) throw new PmmlImportError('Scorecard/Characteristics', 'missing');
  const reasonCodes: Record<string, string> = {};
  const features = childrenNamed(characteristics, 'Characteristic').map((ch, ci) => {
    const cpath = `Characteristics/Characteristic[${ci + 1}]`;
    const fields = new Set<string>();
    const attributes = childrenNamed(ch, 'Attribute').map((a, ai) => {
      const apath = `${cpath}/Attribute[${ai + 1}]`;
      const preds = a.children.filter((c) => PREDICATES.has(c.name));
      if (preds.length !== 1) throw new PmmlImportError(apath, 'an Attribute needs exactly one predicate');
      if (preds[0]!.name === 'False') return null; // never true: contributes nothing
      const points = number(a.attrs.partialScore, `${apath}@partialScore`);
      return {
        cond: condition(preds[0]!, apath, fields),
        points,
        reasonCode: a.attrs.reasonCode,
        text: a.attrs.name,
      };
    });
    const live = attributes.filter((a) => a !== null);
    if (!live.length) throw new PmmlImportError(cpath, 'a Characteristic needs at least one Attribute');
    if (fields.size !== 1)
      throw new PmmlImportError(
        cpath,
        `a characteristic must test exactly one field, this one tests ${fields.size}`,
      );
    const field = [...fields][0]!;
    const ranged = live.some((a) => a.cond.kind === 'interval');
    const listed = live.some((a) => a.cond.kind === 'levels');
    const declared = optype.get(field);
    // Numeric when the data dictionary says continuous, or the predicates are ranges; an
    // `equal` on a numeric field is a one-value range.
    const numeric = declared ? declared === 'continuous' : ranged || !listed;
    if (ch.attrs.reasonCode) reasonCodes[field] = ch.attrs.reasonCode;
    let defaultPoints: number | undefined;
    const bins = live.map(({ cond, points, reasonCode, text }, i) => {
      const name = label(cond, reasonCode ?? ch.attrs.reasonCode, text);
      if (cond.kind === 'missing') return { label: name, missing: true, points };
      if (cond.kind === 'true') {
        // True also matches a missing value in PMML: it is the fallback as well.
        defaultPoints ??= points;
        return numeric
          ? { label: name, lower: null, upper: null, points }
          : { label: name, other: true, points };
      }
      if (numeric && cond.kind === 'levels') {
        const v = number(cond.levels[0], `${cpath}/Attribute[${i + 1}]@value`);
        if (cond.levels.length !== 1)
          throw new PmmlImportError(
            `${cpath}/Attribute[${i + 1}]`,
            'a set of values on a numeric field is not supported',
          );
        return { label: name, lower: v, upper: nextUp(v), points };
      }
      if (!numeric && cond.kind === 'interval')
        throw new PmmlImportError(`${cpath}/Attribute[${i + 1}]`, `a range on categorical field ${field}`);
      return cond.kind === 'interval'
        ? { label: name, lower: cond.lower, upper: cond.upper, points }
        : { label: name, levels: cond.levels, points };
    });
    return {
      name: field,
      kind: numeric ? ('numeric' as const) : ('categorical' as const),
      bins,
      ...(defaultPoints !== undefined ? { defaultPoints } : {}),
    };
  });
  const parsed = scorecardDefinitionSchema.safeParse({
    basePoints:
      card.attrs.initialScore === undefined ? 0 : number(card.attrs.initialScore, 'Scorecard@initialScore'),
    features,
    ...(opts.scaling ? { scaling: opts.scaling } : {}),
  });
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new PmmlImportError(issue.path.join('.'), issue.message);
  }
  return { modelName: card.attrs.modelName ?? null, definition: parsed.data, reasonCodes };
}
