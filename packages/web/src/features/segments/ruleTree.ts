// The segment builder edits a tree of groups and conditions; the API takes a rule tree
// (`{and}`, `{or}`, `{not}`, `{field, op, value}`). These pure functions convert between them,
// leaving out parts that are not finished yet so the live count follows what is complete.
import type { SegmentFieldInfo } from '../../api/customers.ts';

export type GroupOp = 'and' | 'or';

export interface ConditionNode {
  id: string;
  kind: 'condition';
  negate: boolean;
  field: string;
  op: string;
  /** One value as typed; lists (`in`, `hasAny` …) as several; `between` as [from, to]. */
  value: string;
  values: string[];
}

export interface GroupNode {
  id: string;
  kind: 'group';
  negate: boolean;
  op: GroupOp;
  children: EditorNode[];
}

export type EditorNode = ConditionNode | GroupNode;

export type Rule = { and: Rule[] } | { or: Rule[] } | { not: Rule } | { field: string; op: string; value?: unknown };

let seq = 0;
export function nodeId(): string {
  seq += 1;
  return `n${seq}`;
}

export function emptyCondition(field = '', op = ''): ConditionNode {
  return { id: nodeId(), kind: 'condition', negate: false, field, op, value: '', values: [] };
}

export function emptyGroup(op: GroupOp = 'and', children: EditorNode[] = []): GroupNode {
  return { id: nodeId(), kind: 'group', negate: false, op, children };
}

export const NO_VALUE_OPS = new Set(['isNull', 'isNotNull', 'isEmpty', 'isNotEmpty']);
export const LIST_OPS = new Set(['in', 'notIn', 'hasAny', 'hasAll', 'hasNone']);

export type ValueShape = 'none' | 'one' | 'list' | 'range';

export function valueShape(op: string): ValueShape {
  if (NO_VALUE_OPS.has(op)) return 'none';
  if (LIST_OPS.has(op)) return 'list';
  if (op === 'between') return 'range';
  return 'one';
}

function scalar(field: SegmentFieldInfo | undefined, raw: string): unknown {
  const text = raw.trim();
  if (text === '') return undefined;
  if (field?.type === 'number') {
    const n = Number(text);
    return Number.isFinite(n) ? n : undefined;
  }
  if (field?.type === 'boolean') return text === 'true' ? true : text === 'false' ? false : undefined;
  return text;
}

/** The API rule of an editor tree, or null while nothing in it is complete. */
export function toRule(node: EditorNode, fields: readonly SegmentFieldInfo[]): Rule | null {
  let rule: Rule | null;
  if (node.kind === 'group') {
    const parts = node.children.map((c) => toRule(c, fields)).filter((r): r is Rule => r !== null);
    if (parts.length === 0) rule = null;
    else if (parts.length === 1) rule = parts[0]!;
    else rule = node.op === 'and' ? { and: parts } : { or: parts };
  } else {
    const field = fields.find((f) => f.name === node.field);
    if (!field || !node.op) return null;
    const shape = valueShape(node.op);
    if (shape === 'none') rule = { field: node.field, op: node.op };
    else if (shape === 'one') {
      const v = scalar(field, node.value);
      rule = v === undefined ? null : { field: node.field, op: node.op, value: v };
    } else {
      const vs = node.values.map((v) => scalar(field, v));
      if (vs.length === 0 || vs.some((v) => v === undefined) || (shape === 'range' && vs.length !== 2)) rule = null;
      else rule = { field: node.field, op: node.op, value: vs };
    }
  }
  if (rule && node.negate) return { not: rule };
  return rule;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** An editor tree from a stored rule (a saved segment); the root is always a group. */
export function fromRule(rule: unknown): GroupNode {
  const node = toNode(rule);
  return node.kind === 'group' && !node.negate ? node : emptyGroup('and', [node]);
}

function toNode(rule: unknown): EditorNode {
  if (!isObject(rule)) return emptyCondition();
  if (Array.isArray(rule.and)) return emptyGroup('and', rule.and.map(toNode));
  if (Array.isArray(rule.or)) return emptyGroup('or', rule.or.map(toNode));
  if ('not' in rule) {
    const inner = toNode(rule.not);
    if (inner.negate) return { ...emptyGroup('and', [inner]), negate: true };
    return { ...inner, negate: true };
  }
  const value = rule.value;
  const cond = emptyCondition(typeof rule.field === 'string' ? rule.field : '', typeof rule.op === 'string' ? rule.op : '');
  const text = (v: unknown) => (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? String(v) : '');
  if (Array.isArray(value)) cond.values = value.map(text);
  else cond.value = text(value);
  return cond;
}

/** Replace the node with `id` (anywhere in the tree) by the result of `fn`; null removes it. */
export function updateNode(root: GroupNode, id: string, fn: (n: EditorNode) => EditorNode | null): GroupNode {
  const walk = (node: EditorNode): EditorNode | null => {
    if (node.id === id) return fn(node);
    if (node.kind === 'group') {
      const children = node.children.map(walk).filter((c): c is EditorNode => c !== null);
      return { ...node, children };
    }
    return node;
  };
  return (walk(root) as GroupNode | null) ?? emptyGroup();
}

export function depthOf(node: EditorNode): number {
  return node.kind === 'group' ? 1 + Math.max(0, ...node.children.map(depthOf)) : 1;
}
