// Demo acquisition data, set-based so it loads in well under a second: ~200 prospects across
// stages and sources (scored, some assigned, with history), three campus events (one held, with
// attendees), the demo student's referral code and two referred friends with their rewards.
import { randomUUID } from 'node:crypto';
import type { Deps } from '../../deps.ts';
import { listSchools, protectPhone } from '../customers/index.ts';
import { activeUsersWithRole } from '../identity/index.ts';
import * as repo from './acquisition.repository.ts';
import type { NewProspectRow } from './acquisition.repository.ts';
import { leadScore } from './lead-score.ts';
import { PROSPECT_SOURCES, type ProspectStage } from './prospects.schema.ts';
import { referralCodeOf, REFERRAL_RULES } from './referrals.service.ts';

const SURNAMES = [
  '王',
  '李',
  '张',
  '刘',
  '陈',
  '杨',
  '黄',
  '赵',
  '吴',
  '周',
  '徐',
  '孙',
  '马',
  '朱',
  '胡',
  '郭',
];
const GIVEN = [
  '伟',
  '芳',
  '娜',
  '敏',
  '静',
  '丽',
  '强',
  '磊',
  '洋',
  '艳',
  '勇',
  '军',
  '杰',
  '娟',
  '涛',
  '明',
  '超',
  '秀英',
  '桂英',
  '晨曦',
];
const LEVELS = [
  'vocational',
  'associate',
  'undergraduate',
  'undergraduate',
  'undergraduate',
  'master',
  'doctoral',
] as const;
const STAGES: ProspectStage[] = [
  'new',
  'new',
  'new',
  'contacted',
  'contacted',
  'qualified',
  'qualified',
  'applied',
  'funded',
  'lost',
];
const LOST = ['not_interested', 'no_need', 'chose_competitor', 'unreachable'];

/** A small deterministic generator, so the demo looks the same every time. */
function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

export async function seedDemoAcquisition(
  deps: Deps,
  opts: { schoolId: string; studentCustomerId: string; count?: number },
): Promise<{ prospects: number; events: number }> {
  const r = rng(20260901);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)]!;
  const now = deps.now();
  const day = 86_400_000;
  const schools = (await listSchools(deps, { limit: 8, offset: 0 })).items;
  const schoolList = schools.some((s) => s.id === opts.schoolId)
    ? schools
    : [{ id: opts.schoolId, cohortDefaultRate: null }, ...schools];
  const officers = await activeUsersWithRole(deps.database.db, 'loan_officer');
  const count = opts.count ?? 200;
  return deps.database.db.transaction(async (tx) => {
    const heldDate = new Date(now.getTime() - 20 * day).toISOString().slice(0, 10);
    const eventIds = [randomUUID(), randomUUID(), randomUUID()];
    const eventPlans = [
      {
        id: eventIds[0]!,
        name: '春季助学贷款宣讲会 Spring student-loan session',
        date: heldDate,
        status: 'held' as const,
        budget: 500_000,
        cost: 460_000,
        tc: 'EVT-SPRING',
      },
      {
        id: eventIds[1]!,
        name: '新生入学咨询日 Freshers’ advice day',
        date: new Date(now.getTime() + 10 * day).toISOString().slice(0, 10),
        status: 'open' as const,
        budget: 300_000,
        cost: null,
        tc: 'EVT-FRESH',
      },
      {
        id: eventIds[2]!,
        name: '研究生融资讲座 Graduate financing talk',
        date: new Date(now.getTime() + 40 * day).toISOString().slice(0, 10),
        status: 'planned' as const,
        budget: 200_000,
        cost: null,
        tc: 'EVT-GRAD',
      },
    ];
    for (const e of eventPlans)
      await repo.insertEvent(tx, {
        id: e.id,
        name: e.name,
        schoolId: opts.schoolId,
        eventDate: e.date,
        venue: pick(['大礼堂 Main hall', '图书馆报告厅 Library lecture room', '学生活动中心 Student centre']),
        staff: officers.slice(0, 2).map((o) => o.id),
        budgetMinor: e.budget,
        actualCostMinor: e.cost,
        currency: 'CNY',
        status: e.status,
        trackingCode: e.tc,
        notes: null,
        createdBy: 'demo',
        createdAt: now,
        updatedAt: now,
      });
    const firstRef = await repo.reserveProspectReferences(tx, count);
    const rows: NewProspectRow[] = [];
    const activity: Parameters<typeof repo.insertActivitiesBulk>[1] = [];
    const attendance: { eventId: string; prospectId: string; at: Date }[] = [];
    for (let i = 0; i < count; i++) {
      const id = randomUUID();
      const created = new Date(now.getTime() - Math.floor(r() * 90) * day - Math.floor(r() * day));
      const source = i < 30 ? 'campus_event' : pick(PROSPECT_SOURCES);
      const stage = i < 2 ? 'new' : pick(STAGES);
      const level = pick(LEVELS);
      const school = pick(schoolList);
      const name = `${pick(SURNAMES)}${pick(GIVEN)}`;
      const phone = protectPhone(deps.cipher, `139${String(10_000_000 + i * 7919).slice(-8)}`, 'phone', []);
      const contacts = stage === 'new' ? 0 : 1 + Math.floor(r() * 3);
      const attended = source === 'campus_event' ? 1 : 0;
      const clicks = ['social', 'website', 'app_referral'].includes(source) ? 1 + Math.floor(r() * 3) : 0;
      const need = r() < 0.4;
      const requested = r() < 0.6 ? 800_000 + Math.floor(r() * 12) * 100_000 : null;
      const limit =
        level === 'master' || level === 'doctoral' ? 2_500_000 : level === 'vocational' ? null : 2_000_000;
      const s = leadScore({
        educationLevel: level,
        hasSchool: true,
        cohortDefaultRate: school.cohortDefaultRate ?? null,
        financialNeed: need,
        requestedAmount: requested,
        expectedLimitMinor: limit,
        maxLimitMinor: 2_500_000,
        contacts,
        eventsAttended: attended,
        linkClicks: clicks,
      });
      const officer = stage !== 'new' && officers.length ? officers[i % officers.length]! : null;
      const t = (k: number) => new Date(created.getTime() + k * day);
      rows.push({
        id,
        reference: `P-${String(firstRef + i).padStart(6, '0')}`,
        legalName: name,
        searchName: name,
        email: r() < 0.5 ? `prospect${i + 1}@demo.example.cn` : null,
        ...(phone ?? {}),
        schoolId: school.id,
        educationLevel: level,
        financialNeed: need,
        requestedAmount: requested,
        currency: 'CNY',
        preferredLanguage: r() < 0.8 ? 'zh-CN' : 'en',
        source,
        trackingCode:
          source === 'campus_event'
            ? 'EVT-SPRING'
            : clicks
              ? pick(['WX-SPRING26', 'WEB-TUITION', 'APP-INVITE'])
              : null,
        externalRef: source === 'partner_school' || source === 'csv' ? `DEMO-${i + 1}` : null,
        eventId: source === 'campus_event' ? eventIds[0]! : null,
        consentContact: true,
        stage,
        lostReason: stage === 'lost' ? pick(LOST) : null,
        stageChangedAt: t(Math.min(contacts + 2, 6)),
        contactedAt: stage === 'new' ? null : t(1),
        qualifiedAt: ['qualified', 'applied', 'funded'].includes(stage) ? t(3) : null,
        appliedAt: ['applied', 'funded'].includes(stage) ? t(5) : null,
        fundedAt: stage === 'funded' ? t(20) : null,
        lostAt: stage === 'lost' ? t(6) : null,
        assignedTo: officer?.id ?? null,
        assignedName: officer?.displayName ?? null,
        score: s.score,
        scoreFactors: s.factors,
        createdBy: 'demo',
        createdAt: created,
        updatedAt: created,
      });
      const act = (
        kind: string,
        at: Date,
        extra: { fromStage?: string; toStage?: string; data?: Record<string, unknown> } = {},
      ) =>
        activity.push({
          id: repo.orderedId(),
          prospectId: id,
          kind,
          at,
          actorName: officer?.username ?? 'demo',
          data: extra.data ?? {},
          fromStage: extra.fromStage ?? null,
          toStage: extra.toStage ?? null,
          note: null,
        });
      act('created', created, { toStage: 'new', data: { source } });
      if (attended) {
        act('event_attended', created, { data: { eventId: eventIds[0] } });
        attendance.push({ eventId: eventIds[0]!, prospectId: id, at: created });
      }
      for (let c = 0; c < contacts; c++)
        act('contacted', t(1 + c), { data: { channel: pick(['call', 'wechat', 'sms']) } });
      for (let c = 0; c < clicks; c++) act('link_clicked', created, { data: {} });
      if (stage !== 'new')
        act('stage_changed', t(Math.min(contacts + 2, 6)), { fromStage: 'new', toStage: stage });
    }
    await repo.insertProspectsBulk(tx, rows);
    await repo.insertActivitiesBulk(tx, activity);
    await repo.insertAttendancesBulk(tx, attendance);
    // The demo student's code and two friends they referred: one applying, one already funded.
    const code = await referralCodeOf(tx, deps, opts.studentCustomerId);
    for (const [k, stage] of [
      [0, 'applied'],
      [1, 'funded'],
    ] as const) {
      const friend =
        rows.find((p, i) => i > 40 + k * 10 && p.stage === stage && p.source === 'referral') ?? rows[50 + k]!;
      const refId = randomUUID();
      await repo.insertReferral(tx, {
        id: refId,
        referrerCustomerId: opts.studentCustomerId,
        code,
        prospectId: friend.id,
        status: stage === 'funded' ? 'funded' : 'applied',
        createdAt: friend.createdAt,
        updatedAt: now,
      });
      await repo.updateProspect(tx, friend.id, {
        referralId: refId,
        source: 'referral',
        stage,
        stageChangedAt: now,
      });
      await repo.insertReward(tx, {
        id: randomUUID(),
        referralId: refId,
        referrerCustomerId: opts.studentCustomerId,
        amountMinor: REFERRAL_RULES.rewardMinor.CNY!,
        currency: 'CNY',
        status: stage === 'funded' ? 'earned' : 'pending',
        capYear: stage === 'funded' ? now.getUTCFullYear() : null,
        earnedAt: stage === 'funded' ? now : null,
        createdAt: friend.createdAt,
        updatedAt: now,
      });
    }
    return { prospects: rows.length, events: eventPlans.length };
  });
}
