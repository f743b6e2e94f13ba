// Demo applications at every stage, for `npm start`: drafts, submitted ones waiting for the school,
// a referral, one waiting for a second approver, an approved offer waiting for the demo student's
// signature, signed and disbursed ones, a decline and a withdrawal. Driven through the services,
// so the records (rules fired, offers, contracts, seals, ledger) are real.
import { randomUUID } from 'node:crypto';
import { permissionsOf, type ApplicationSections, type Role } from '@bursar/core';
import { SYSTEM_ACTOR, type ActorContext, type Deps } from '../../deps.ts';
import { createCustomer } from '../customers/index.ts';
import type { Actor } from '../identity/index.ts';
import * as apps from './applications.service.ts';
import { signForDemo } from './contracts.service.ts';
import { decideApplication, secondApproval } from './decisions.service.ts';
import { disburse } from './disbursements.service.ts';
import type { ApplicationRow } from './origination.repository.ts';

/** A tiny valid PDF: the demo's uploaded documents. */
const DEMO_PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
).toString('base64');

function actor(name: string, roles: Role[], extra: Partial<Actor> = {}): { actor: Actor; ctx: ActorContext } {
  const a: Actor = {
    userId: randomUUID(),
    username: name,
    displayName: name,
    roles,
    permissions: permissionsOf(roles),
    mustEnrolTotp: false,
    sessionTokenHash: '',
    csrfToken: '',
    schoolId: null,
    customerId: null,
    ...extra,
  };
  return {
    actor: a,
    ctx: { ...SYSTEM_ACTOR, actorId: null, actorName: `${name} (demo)`, actorRole: roles[0]! },
  };
}

const STAGES = [
  'draft',
  'submitted',
  'referred',
  'pending_approval',
  'approved',
  'contracted',
  'disbursed',
  'declined',
  'withdrawn',
] as const;

const NAMES = [
  '林晓雨',
  '王浩然',
  '陈思琪',
  '刘子轩',
  '赵雅婷',
  '黄俊杰',
  '周梦瑶',
  '吴宇航',
  '郑欣怡',
  '孙博文',
];

export async function seedDemoOrigination(
  deps: Deps,
  opts: { schoolId: string; studentCustomerId: string },
): Promise<{ applications: number }> {
  const officer = actor('officer', ['loan_officer']);
  const manager = actor('manager', ['manager']);
  const school = actor('school', ['school_officer'], { schoolId: opts.schoolId });
  const now = deps.now();
  const year = now.getUTCMonth() >= 8 ? now.getUTCFullYear() : now.getUTCFullYear() - 1;
  let count = 0;
  for (const [i, stage] of STAGES.entries()) {
    const demoStudent = stage === 'approved';
    const name = demoStudent ? '张小明' : NAMES[i]!;
    const dob = `${year - 19}-0${(i % 9) + 1}-1${i % 9}`;
    const customerId = demoStudent
      ? opts.studentCustomerId
      : (
          await createCustomer(
            deps,
            SYSTEM_ACTOR,
            {
              legalName: name,
              email: `applicant${i + 1}@demo.bursar.example`,
              dateOfBirth: dob,
              status: 'prospect',
              allowDuplicate: true,
            },
            'demo-seed',
          )
        ).id;
    const big = stage === 'pending_approval';
    const answers: ApplicationSections = {
      identity: {
        legalName: name,
        dateOfBirth: dob,
        nationalId:
          `11010${String(year - 19)}0${(i % 9) + 1}1${i % 9}${String(100 + i).padStart(4, '0')}`.slice(0, 18),
        phone: `1380013${String(8000 + i)}`,
        email: `applicant${i + 1}@demo.bursar.example`,
      },
      school: {
        schoolId: opts.schoolId,
        level: 'undergraduate',
        programme: ['Economics 经济学', 'Computer Science 计算机科学', 'Nursing 护理学'][i % 3]!,
        studentNumber: `2026${String(i + 1).padStart(4, '0')}`,
        yearOfStudy: 1,
        startDate: `${year}-09-01`,
        expectedGraduationDate: `${year + 4}-06-30`,
        academicResult: i % 3 === 0 ? 'excellent' : 'good',
      },
      household: { size: 4, annualIncomeMinor: 3_600_000 + i * 100_000, needs: ['low_income'] },
      related: { guardianName: `${name.slice(0, 1)}家长` },
      purpose: {
        productCode: big ? 'CN-BANK-TUITION' : 'CN-NSL-HOME',
        purpose: 'tuition',
        years: big
          ? [0, 1].map((k) => ({
              academicYear: `${year + k}-${year + k + 1}`,
              amountMinor: 3_000_000,
              payee: 'school' as const,
            }))
          : [
              {
                academicYear: `${year}-${year + 1}`,
                amountMinor: 1_200_000 + i * 50_000,
                payee: 'school' as const,
              },
            ],
      },
    };
    const channel = i % 3 === 0 ? 'campus_event' : i % 3 === 1 ? 'branch' : undefined;
    let row: ApplicationRow = await apps.createApplication(deps, officer.ctx, officer.actor, {
      customerId,
      channel: channel ?? 'branch',
      answers: stage === 'draft' ? { identity: answers.identity, school: answers.school } : answers,
    });
    count++;
    if (stage === 'draft') continue;
    for (const kind of ['identity_document', 'admission_letter', 'household_need_evidence'] as const)
      await apps.uploadDocument(deps, officer.ctx, officer.actor, row.id, {
        kind,
        fileName: `${kind}.pdf`,
        content: DEMO_PDF,
      });
    row = await apps.submitApplication(deps, officer.ctx, officer.actor, row.id);
    if (stage === 'withdrawn') {
      await apps.withdrawApplication(deps, officer.ctx, officer.actor, row.id);
      continue;
    }
    if (stage === 'submitted') continue;
    if (stage !== 'referred')
      await apps.confirmEnrolment(deps, school.ctx, school.actor, row.id, { decision: 'confirmed' });
    if (stage === 'referred') {
      await decideApplication(deps, officer.ctx, officer.actor, row.id, {
        outcome: 'refer',
        note: 'Waiting for the school',
      });
      continue;
    }
    if (stage === 'declined') {
      await decideApplication(deps, officer.ctx, officer.actor, row.id, {
        outcome: 'decline',
        reasons: ['officer_judgement'],
        note: 'Household evidence inconsistent with the declared income',
      });
      continue;
    }
    await decideApplication(deps, officer.ctx, officer.actor, row.id, { outcome: 'approve' });
    if (stage === 'pending_approval' || stage === 'approved') continue;
    if (big) await secondApproval(deps, manager.ctx, manager.actor, row.id, { approve: true });
    await signForDemo(deps, officer.ctx, row.id);
    if (stage === 'disbursed')
      await disburse(deps, officer.ctx, row.id, { tranche: 1, idempotencyKey: `demo-seed:${row.id}:1` });
  }
  return { applications: count };
}
