import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  advanceRun,
  assignGroup,
  checkJourney,
  checkTemplateText,
  inQuietHours,
  localMinuteOfDay,
  nextAllowedInstant,
  nextStatus,
  placeholdersOf,
  rateDifference,
  renderTemplate,
  retryDelayMs,
  wilson,
  zFor,
  type JourneyDefinition,
} from './index.ts';

describe('templates', () => {
  it('finds placeholders and rejects unknown variables', () => {
    expect(placeholdersOf('您好 {{ customer.name }}，{{loan.dueDate}} 应还 {{loan.amountDue}}')).toEqual([
      'customer.name',
      'loan.dueDate',
      'loan.amountDue',
    ]);
    expect(checkTemplateText('Hi {{customer.name}}')).toEqual([]);
    expect(checkTemplateText('Hi {{customer.nickname}}')).toEqual([
      { variable: 'customer.nickname', message: 'unknown variable {{customer.nickname}}' },
    ]);
    expect(checkTemplateText('Hi {{ 1+1 }}')[0]!.message).toMatch(/not a variable name/);
    expect(checkTemplateText('Hi {{customer.name')[0]!.message).toMatch(/unclosed/);
  });
  it('renders values, escapes HTML when asked, reports missing values', () => {
    const r = renderTemplate(
      '<p>{{customer.name}} {{loan.dueDate}}</p>',
      { 'customer.name': '<王芳>' },
      { html: true },
    );
    expect(r.text).toBe('<p>&lt;王芳&gt; </p>');
    expect(r.missing).toEqual(['loan.dueDate']);
  });
});

describe('quiet hours', () => {
  it('defers a message at 22:30 Beijing time to 08:00 the next morning', () => {
    const at = new Date('2026-09-01T14:30:00Z'); // 22:30 in Shanghai
    expect(localMinuteOfDay(at, 'Asia/Shanghai')).toBe(22 * 60 + 30);
    expect(nextAllowedInstant(at, 'Asia/Shanghai').toISOString()).toBe('2026-09-02T00:00:00.000Z');
  });
  it('leaves a daytime message alone and respects the customer’s own zone', () => {
    const at = new Date('2026-09-01T14:30:00Z'); // 10:30 in New York
    expect(nextAllowedInstant(at, 'America/New_York')).toEqual(at);
  });
  it('never returns an instant inside quiet hours', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('2020-01-01'), max: new Date('2030-01-01'), noInvalidDate: true }),
        fc.constantFrom('Asia/Shanghai', 'America/New_York', 'Europe/London'),
        (d, tz) => {
          const t = nextAllowedInstant(d, tz);
          expect(t.getTime()).toBeGreaterThanOrEqual(d.getTime());
          expect(t.getTime() - d.getTime()).toBeLessThanOrEqual(13 * 3600_000);
          expect(inQuietHours(localMinuteOfDay(t, tz), { startMinute: 1260, endMinute: 480 })).toBe(false);
        },
      ),
    );
  });
});

describe('hold-out assignment', () => {
  it('is deterministic per customer and journey and close to the share asked for', () => {
    const ids = Array.from({ length: 20_000 }, (_, i) => `c-${i}`);
    const groups = ids.map((id) => assignGroup('repayment-reminders', id, 10));
    expect(ids.map((id) => assignGroup('repayment-reminders', id, 10))).toEqual(groups);
    const held = groups.filter((g) => g === 'holdout').length / ids.length;
    expect(held).toBeGreaterThan(0.09);
    expect(held).toBeLessThan(0.11);
    // A different journey draws independently.
    const other = ids.map((id) => assignGroup('literacy', id, 10));
    const both = groups.filter((g, i) => g === 'holdout' && other[i] === 'holdout').length / ids.length;
    expect(both).toBeLessThan(0.02);
    expect(assignGroup('x', 'y', 0)).toBe('treatment');
  });
});

describe('statistics', () => {
  it('z for 95 % and a Wilson interval match published values', () => {
    expect(zFor(0.95)).toBeCloseTo(1.959964, 5);
    const w = wilson(81, 263); // Newcombe (1998) example 1 has 81/263: 0.2553–0.3662
    expect(w.low).toBeCloseTo(0.2553, 3);
    expect(w.high).toBeCloseTo(0.3662, 3);
  });
  it('gives Newcombe’s interval for a difference of proportions', () => {
    // Newcombe (1998) table II, example (56/70 − 48/80): difference 0.2, 95 % CI 0.0524 to 0.3339.
    const e = rateDifference({ successes: 56, trials: 70 }, { successes: 48, trials: 80 });
    expect(e.difference).toBeCloseTo(0.2, 10);
    expect(e.low).toBeCloseTo(0.0524, 3);
    expect(e.high).toBeCloseTo(0.3339, 3);
    expect(e.significant).toBe(true);
    expect(rateDifference({ successes: 0, trials: 0 }, { successes: 1, trials: 2 }).difference).toBeNull();
  });
});

describe('delivery status and retries', () => {
  it('never moves a message backwards', () => {
    expect(nextStatus('clicked', 'opened')).toBe('clicked');
    expect(nextStatus('sent', 'delivered')).toBe('delivered');
    expect(nextStatus('delivered', 'bounced')).toBe('bounced');
    expect(nextStatus('bounced', 'opened')).toBe('bounced');
  });
  it('backs off exponentially up to a cap', () => {
    expect(retryDelayMs(1)).toBe(30_000);
    expect(retryDelayMs(2)).toBe(60_000);
    expect(retryDelayMs(3)).toBe(120_000);
    expect(retryDelayMs(30)).toBe(6 * 3600_000);
  });
});

describe('journey walk', () => {
  const def: JourneyDefinition = {
    triggers: [{ type: 'payment.missed' }],
    steps: [
      { id: 'notice', kind: 'send', template: 'payment-missed', purpose: 'service', legallyRequired: true },
      { id: 'wait3', kind: 'wait', days: 3 },
      {
        id: 'paid?',
        kind: 'branch',
        condition: { fact: 'run.paid', op: 'eq', value: true },
        then: 'end',
        else: 'call',
      },
      { id: 'call', kind: 'task', title: '电话催收 Call the borrower', dueInDays: 1 },
      {
        id: 'bucket?',
        kind: 'branch',
        condition: { fact: 'event.daysPastDue', op: 'gte', value: 30 },
        then: 'letter',
        else: 'end',
      },
      { id: 'letter', kind: 'send', template: 'arrears-letter', channel: 'post', purpose: 'service' },
    ],
  };
  const now = new Date('2026-09-01T00:00:00Z');
  it('sends, then waits', () => {
    const r = advanceRun(def, { stepIndex: 0, waitingOn: null }, {}, now);
    expect(r.actions.map((a) => a.step.id)).toEqual(['notice']);
    expect(r.position).toEqual({ stepIndex: 1, waitingOn: 'wait3' });
    expect(r.wakeAt!.toISOString()).toBe('2026-09-04T00:00:00.000Z');
  });
  it('ends after the wait when the borrower has paid', () => {
    const r = advanceRun(def, { stepIndex: 1, waitingOn: 'wait3' }, { 'run.paid': true }, now);
    expect(r.actions).toEqual([]);
    expect(r.done).toBe(true);
  });
  it('creates a task and, when 30+ days past due, a letter', () => {
    const r = advanceRun(
      def,
      { stepIndex: 1, waitingOn: 'wait3' },
      { 'run.paid': false, 'event.daysPastDue': 31 },
      now,
    );
    expect(r.actions.map((a) => a.step.id)).toEqual(['call', 'letter']);
    expect(r.done).toBe(true);
    const r2 = advanceRun(
      def,
      { stepIndex: 1, waitingOn: 'wait3' },
      { 'run.paid': false, 'event.daysPastDue': '5' },
      now,
    );
    expect(r2.actions.map((a) => a.step.id)).toEqual(['call']);
  });
  it('checks definitions: unknown targets, facts, and loops without a wait', () => {
    expect(checkJourney(def)).toEqual([]);
    const bad: JourneyDefinition = {
      triggers: [],
      steps: [
        {
          id: 'a',
          kind: 'branch',
          condition: { fact: 'customer.shoeSize', op: 'eq', value: 1 },
          then: 'zz',
          else: 'end',
        },
        { id: 'b', kind: 'goto', to: 'a' },
      ],
    };
    const fields = checkJourney(bad).map((e) => `${e.field}: ${e.message}`);
    expect(fields).toContain('steps.0.then: names no step (zz)');
    expect(fields).toContain('steps.0.condition: unknown fact customer.shoeSize');
    expect(fields).toContain('steps.1: loops back to a without a wait');
    expect(fields).toContain('triggers: needs at least one trigger');
  });
});
