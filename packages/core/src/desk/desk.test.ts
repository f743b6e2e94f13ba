import { describe, expect, it } from 'vitest';
import { businessCalendar } from '../dates/business-calendar.ts';
import { chooseAgent, type DeskAgentState } from './assignment.ts';
import { causeVolumeBeforeAfter, performanceByKeyAndPeriod, type TicketOutcome } from './performance.ts';
import { ticketPriority } from './priority.ts';
import { bestPassage, TextIndex, tokenize } from './search.ts';
import { businessMinutesElapsed, regulatoryDueDate, slaClock, slaDeadline, type DeskClock } from './sla.ts';

// Beijing office: 09:00–18:00, UTC+8, the State Council's holiday calendar.
const clock: DeskClock = {
  calendar: businessCalendar('CN'),
  hours: { opensAt: 9 * 60, closesAt: 18 * 60 },
  utcOffsetMinutes: 480,
};
/** An instant from Beijing wall-clock time. */
const bj = (local: string) => Date.parse(`${local}+08:00`);
const iso = (ms: number) => new Date(ms).toISOString();

describe('SLA clocks on the business calendar', () => {
  it('stops overnight', () => {
    expect(iso(slaDeadline(clock, bj('2026-03-11T17:30:00'), 60))).toBe(iso(bj('2026-03-12T09:30:00')));
    expect(businessMinutesElapsed(clock, bj('2026-03-11T17:30:00'), bj('2026-03-12T09:30:00'))).toBe(60);
  });

  it('starts at opening time when a ticket arrives at night', () => {
    expect(iso(slaDeadline(clock, bj('2026-03-11T23:10:00'), 30))).toBe(iso(bj('2026-03-12T09:30:00')));
    expect(iso(slaDeadline(clock, bj('2026-03-12T06:00:00'), 0))).toBe(iso(bj('2026-03-12T09:00:00')));
  });

  it('skips the weekend', () => {
    // Friday 17:00 + 9 business hours = 1 h on Friday + 8 h on Monday.
    expect(iso(slaDeadline(clock, bj('2026-03-13T17:00:00'), 9 * 60))).toBe(iso(bj('2026-03-16T17:00:00')));
    expect(businessMinutesElapsed(clock, bj('2026-03-13T17:00:00'), bj('2026-03-16T10:00:00'))).toBe(120);
  });

  it('skips holidays and counts 调休 make-up working Saturdays', () => {
    // Spring Festival 2026: holidays 15–23 February; Saturday 14 February is a working day.
    expect(iso(slaDeadline(clock, bj('2026-02-13T17:00:00'), 120))).toBe(iso(bj('2026-02-14T10:00:00')));
    expect(iso(slaDeadline(clock, bj('2026-02-14T17:30:00'), 60))).toBe(iso(bj('2026-02-24T09:30:00')));
    expect(businessMinutesElapsed(clock, bj('2026-02-13T09:00:00'), bj('2026-02-24T09:00:00'))).toBe(
      2 * 9 * 60,
    );
    // National Day: 1–7 October off, Saturday 10 October worked.
    expect(iso(slaDeadline(clock, bj('2026-09-30T18:00:00'), 30))).toBe(iso(bj('2026-10-08T09:30:00')));
    expect(iso(slaDeadline(clock, bj('2026-10-09T17:45:00'), 30))).toBe(iso(bj('2026-10-10T09:15:00')));
  });

  it('sets the regulator’s complaint deadline in calendar days from the local day of receipt', () => {
    expect(regulatoryDueDate(clock, bj('2026-03-11T10:00:00'), 15)).toBe('2026-03-26');
    // 17:00 UTC is already the next day in Beijing.
    expect(regulatoryDueDate(clock, Date.parse('2026-03-11T17:00:00Z'), 15)).toBe('2026-03-27');
  });

  it('predicts a breach when little time is left or the queue will not fit, and settles met or breached', () => {
    const start = bj('2026-03-11T09:00:00');
    const due = slaDeadline(clock, start, 8 * 60);
    const at = (local: string, queued = 0) =>
      slaClock(clock, {
        startMs: start,
        dueMs: due,
        doneMs: null,
        nowMs: bj(local),
        queuedAheadMinutes: queued,
      });
    expect(at('2026-03-11T10:00:00')).toMatchObject({ state: 'on_track', remainingMinutes: 420 });
    expect(at('2026-03-11T10:00:00', 450).state).toBe('at_risk');
    expect(at('2026-03-11T15:30:00')).toMatchObject({ state: 'at_risk', remainingMinutes: 90 });
    expect(at('2026-03-12T10:00:00')).toMatchObject({ state: 'overdue', remainingMinutes: -120 });
    expect(
      slaClock(clock, { startMs: start, dueMs: due, doneMs: bj('2026-03-11T12:00:00'), nowMs: 0 }),
    ).toMatchObject({
      state: 'met',
      used: 3 / 8,
    });
    expect(
      slaClock(clock, { startMs: start, dueMs: due, doneMs: bj('2026-03-12T12:00:00'), nowMs: 0 }).state,
    ).toBe('breached');
  });
});

describe('ticket priority', () => {
  it('defaults complaints and hardship to high and suggestions to low', () => {
    expect(ticketPriority({ type: 'complaint', subject: 'a', body: 'b' }).priority).toBe('high');
    expect(ticketPriority({ type: 'hardship', subject: 'a', body: 'b' }).priority).toBe('high');
    expect(ticketPriority({ type: 'consultation', subject: 'a', body: 'b' }).priority).toBe('normal');
    expect(ticketPriority({ type: 'suggestion', subject: 'a', body: 'b' }).priority).toBe('low');
  });

  it('takes the urgent path for fraud and safety words in English and Chinese', () => {
    expect(ticketPriority({ type: 'suggestion', subject: 'Possible scam call', body: '' })).toMatchObject({
      priority: 'urgent',
    });
    const zh = ticketPriority({ type: 'consultation', subject: '催收人员威胁我', body: '' });
    expect(zh.priority).toBe('urgent');
    expect(zh.reasons).toContain('urgent-keyword:威胁');
  });

  it('raises for complaint words, vulnerability and risk, and honours a higher request', () => {
    expect(ticketPriority({ type: 'consultation', subject: '我要向银保监投诉', body: '' }).priority).toBe(
      'high',
    );
    expect(ticketPriority({ type: 'consultation', subject: 'q', body: '', vulnerable: true }).priority).toBe(
      'high',
    );
    expect(ticketPriority({ type: 'suggestion', subject: 'q', body: '', daysPastDue: 45 })).toMatchObject({
      priority: 'normal',
      reasons: ['type:suggestion', 'customer-risk'],
    });
    expect(
      ticketPriority({ type: 'consultation', subject: 'q', body: '', requested: 'urgent' }).priority,
    ).toBe('urgent');
    // Substrings of other words do not count ("issue" is not "sue").
    expect(ticketPriority({ type: 'consultation', subject: 'an issue', body: '' }).priority).toBe('normal');
  });
});

describe('assignment', () => {
  const agent = (id: string, o: Partial<DeskAgentState> = {}): DeskAgentState => ({
    id,
    available: true,
    languages: ['en', 'zh-CN'],
    products: [],
    complaintHandling: false,
    maxOpen: 10,
    openCount: 0,
    lastAssignedMs: null,
    ...o,
  });

  it('goes round-robin: the agent assigned longest ago first', () => {
    const agents = [
      agent('a', { lastAssignedMs: 300 }),
      agent('b', { lastAssignedMs: 100 }),
      agent('c', { lastAssignedMs: 200 }),
    ];
    expect(chooseAgent(agents, { type: 'consultation', language: 'en' }, 'round_robin').agentId).toBe('b');
  });

  it('prefers the least-loaded, and skips the unavailable and the full', () => {
    const agents = [
      agent('a', { openCount: 4 }),
      agent('b', { openCount: 1, available: false }),
      agent('c', { openCount: 10 }),
      agent('d', { openCount: 2 }),
    ];
    expect(chooseAgent(agents, { type: 'consultation', language: 'en' }, 'load').agentId).toBe('d');
    expect(
      chooseAgent([agent('x', { available: false })], { type: 'consultation', language: 'en' }).agentId,
    ).toBeNull();
  });

  it('routes by skill: complaints to complaint handlers, language, product', () => {
    const agents = [
      agent('en-only', { languages: ['en'], openCount: 0 }),
      agent('handler', { complaintHandling: true, openCount: 5 }),
      agent('tuition', { products: ['CN-TUITION'], openCount: 3, languages: ['zh-CN'] }),
    ];
    expect(chooseAgent(agents, { type: 'complaint', language: 'en' }).agentId).toBe('handler');
    expect(
      chooseAgent(agents, { type: 'consultation', language: 'zh-CN', product: 'CN-TUITION' }).agentId,
    ).toBe('tuition');
    // Nobody has the skill: anyone available rather than nobody.
    const r = chooseAgent([agent('en-only', { languages: ['en'] })], {
      type: 'consultation',
      language: 'zh-CN',
    });
    expect(r.agentId).toBe('en-only');
    expect(r.reason).toContain('no skilled agent');
  });
});

describe('search', () => {
  it('indexes Chinese as bigrams and English as stems, without question words', () => {
    expect(tokenize('怎么提前还款')).toEqual(['么提', '提前', '前还', '还款']);
    expect(tokenize('Repayments are deferred')).toEqual(['repay', 'defer']);
    expect(tokenize('贷')).toEqual(['贷']);
  });

  it('ranks by BM25 with the title counted twice and finds the passage', () => {
    const idx = new TextIndex([
      { id: 'card', title: '更换还款银行卡', body: '携带身份证办理。新卡验证后使用。' },
      { id: 'early', title: '提前还款', body: '可以随时提前还款。不收违约金。' },
      {
        id: 'en',
        title: 'Changing your card',
        body: 'Bring the new card. It is used from the next due date.',
      },
    ]);
    expect(idx.search('银行卡怎么换').map((h) => h.id)[0]).toBe('card');
    expect(idx.search('提前还款违约金')[0]!.id).toBe('early');
    expect(idx.search('change card')[0]!.id).toBe('en');
    expect(idx.search('的')).toEqual([]);
    expect(bestPassage('可以随时提前还款。不收违约金。', '有违约金吗', idx)).toBe('不收违约金。');
  });
});

describe('performance', () => {
  const o = (key: string, period: string, p: Partial<TicketOutcome>): TicketOutcome => ({
    key,
    period,
    firstResponseMinutes: null,
    resolutionMinutes: null,
    firstResponseMet: null,
    resolutionMet: null,
    reopened: false,
    satisfaction: null,
    ...p,
  });

  it('summarises per agent and month', () => {
    const rows = performanceByKeyAndPeriod([
      o('a', '2026-03', {
        firstResponseMinutes: 30,
        firstResponseMet: true,
        resolutionMinutes: 300,
        resolutionMet: true,
        satisfaction: 5,
      }),
      o('a', '2026-03', {
        firstResponseMinutes: 90,
        firstResponseMet: false,
        resolutionMinutes: 100,
        resolutionMet: true,
        reopened: true,
        satisfaction: 2,
      }),
      o('a', '2026-03', { firstResponseMinutes: 60, firstResponseMet: true }),
      o('b', '2026-02', {}),
    ]);
    expect(rows).toEqual([
      {
        key: 'a',
        period: '2026-03',
        tickets: 3,
        medianFirstResponseMinutes: 60,
        medianResolutionMinutes: 200,
        slaAttainment: 4 / 5,
        reopenRate: 1 / 2,
        averageSatisfaction: 3.5,
        ratings: 2,
      },
      {
        key: 'b',
        period: '2026-02',
        tickets: 1,
        medianFirstResponseMinutes: null,
        medianResolutionMinutes: null,
        slaAttainment: null,
        reopenRate: null,
        averageSatisfaction: null,
        ratings: 0,
      },
    ]);
  });

  it('compares a cause’s volume in equal windows before and after an action', () => {
    const dates = ['2026-01-10', '2026-02-01', '2026-02-27', '2026-03-01', '2026-05-29', '2026-05-30'];
    expect(causeVolumeBeforeAfter(dates, '2026-03-01', 90)).toEqual({ before: 3, after: 2, windowDays: 90 });
  });
});
