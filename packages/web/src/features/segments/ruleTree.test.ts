import { describe, expect, it } from 'vitest';
import type { SegmentFieldInfo } from '../../api/customers.ts';
import { emptyCondition, emptyGroup, fromRule, toRule, updateNode, valueShape } from './ruleTree.ts';

const FIELDS: SegmentFieldInfo[] = [
  { name: 'enrolment.level', type: 'enum', label: 'Level', values: ['undergraduate', 'master'], operators: ['eq', 'in'] },
  { name: 'customer.age', type: 'number', label: 'Age', values: null, operators: ['gt', 'between'] },
  { name: 'consent.marketing', type: 'boolean', label: 'Marketing', values: null, operators: ['eq'] },
  { name: 'customer.tags', type: 'array', label: 'Tags', values: null, operators: ['hasAny', 'isEmpty'] },
];

describe('segment rule trees', () => {
  it('leaves out unfinished parts and collapses groups of one', () => {
    const level = { ...emptyCondition('enrolment.level', 'eq'), value: 'master' };
    const unfinished = emptyCondition('customer.age', 'gt');
    expect(toRule(emptyGroup('and', [level, unfinished]), FIELDS)).toEqual({ field: 'enrolment.level', op: 'eq', value: 'master' });
    expect(toRule(emptyGroup('and', [unfinished]), FIELDS)).toBeNull();
    expect(toRule(emptyGroup(), FIELDS)).toBeNull();
  });

  it('types values by field and shapes lists, ranges and negation', () => {
    const age = { ...emptyCondition('customer.age', 'between'), values: ['18', '25'] };
    const marketing = { ...emptyCondition('consent.marketing', 'eq'), value: 'false', negate: true };
    const tags = emptyCondition('customer.tags', 'isEmpty');
    const inner = { ...emptyGroup('or', [age, tags]), negate: true };
    expect(toRule(emptyGroup('and', [inner, marketing]), FIELDS)).toEqual({
      and: [
        { not: { or: [{ field: 'customer.age', op: 'between', value: [18, 25] }, { field: 'customer.tags', op: 'isEmpty' }] } },
        { not: { field: 'consent.marketing', op: 'eq', value: false } },
      ],
    });
  });

  it('round-trips a stored rule through the editor', () => {
    const rule = {
      and: [
        { field: 'enrolment.level', op: 'in', value: ['undergraduate', 'master'] },
        { not: { or: [{ field: 'customer.age', op: 'gt', value: 30 }, { field: 'customer.tags', op: 'hasAny', value: ['vip'] }] } },
        { not: { not: { field: 'consent.marketing', op: 'eq', value: true } } },
      ],
    };
    expect(toRule(fromRule(rule), FIELDS)).toEqual(rule);
    expect(toRule(fromRule({ field: 'customer.age', op: 'gt', value: 3 }), FIELDS)).toEqual({ field: 'customer.age', op: 'gt', value: 3 });
  });

  it('updates and removes nodes anywhere in the tree', () => {
    const c = emptyCondition('customer.age', 'gt');
    const g = emptyGroup('or', [c]);
    const root = emptyGroup('and', [g]);
    const changed = updateNode(root, c.id, (n) => ({ ...n, value: '20' }) as typeof c);
    expect(toRule(changed, FIELDS)).toEqual({ field: 'customer.age', op: 'gt', value: 20 });
    const removed = updateNode(root, c.id, () => null);
    expect(removed.children[0]).toMatchObject({ kind: 'group', children: [] });
  });

  it('knows which operators take a value', () => {
    expect(['isNull', 'in', 'between', 'eq'].map(valueShape)).toEqual(['none', 'list', 'range', 'one']);
  });
});
