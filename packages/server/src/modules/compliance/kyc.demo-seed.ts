// Demo KYC / AML data (fast): the sample OFAC SDN and Chinese lists imported, a prospect whose
// name matches a listed person screened at onboarding (one pending hit), the demo student's
// identity verified and disbursement account on file, and one open suspicious-activity case.
// The re-screening runs the imports queue are left to the background job.
import { readFileSync } from 'node:fs';
import { SYSTEM_ACTOR, type ActorContext, type Deps } from '../../deps.ts';
import { createCustomer } from '../customers/index.ts';
import { verifyCustomerIdentity } from './kyc.service.ts';
import { requestPayeeAccount } from './payee-controls.service.ts';
import { importSanctionsList, screenCustomer } from './sanctions.service.ts';
import { openSarCase, addSarEvidence } from './sar.service.ts';

const DATA = new URL('./data/', import.meta.url);
const read = (name: string) => readFileSync(new URL(name, DATA), 'utf8');

export async function seedDemoKycAml(deps: Deps, opts: { studentCustomerId: string }) {
  const ctx: ActorContext = { ...SYSTEM_ACTOR, actorName: 'demo-seed' };
  await importSanctionsList(deps, ctx, {
    format: 'ofac_sdn',
    listCode: 'ofac_sdn',
    sourceName: 'OFAC SDN sample (sdn.csv + alt.csv, fixture)',
    sdnCsv: read('ofac-sample/sdn.csv'),
    altCsv: read('ofac-sample/alt.csv'),
  });
  await importSanctionsList(deps, ctx, {
    format: 'generic_csv',
    listCode: 'cn_sample',
    sourceName: 'Chinese list sample (generic CSV, fixture)',
    csv: read('cn-sample-list.csv'),
  });
  // A new prospect written in Hanzi whose name is on the SDN sample in pinyin: screened at onboarding.
  const prospect = await createCustomer(
    deps,
    ctx,
    { legalName: '王小明', dateOfBirth: '2002-03-15', status: 'prospect', preferredLanguage: 'zh-CN' },
    'demo',
  );
  await screenCustomer(deps, ctx, prospect.id, 'onboarding');
  await verifyCustomerIdentity(
    deps,
    ctx,
    prospect.id,
    { kind: 'cn_national_id', name: '王小明', idNumber: '110108200203151238', selfieSha256: 'a'.repeat(64) },
    'onboarding',
  );
  await requestPayeeAccount(deps, ctx, opts.studentCustomerId, {
    payee: 'student',
    holderName: 'Demo Student',
    bankName: 'Industrial and Commercial Bank of China',
    accountNumber: '6222020200112233445',
  });
  const c = await openSarCase(deps, ctx, {
    customerId: opts.studentCustomerId,
    typology: 'rapid_overpayment_refund',
    summary:
      'Three overpayments from different third-party accounts within ten days, followed by a refund request to a new account. 十天内三笔来自不同第三方账户的超额还款，随后申请退款至新账户。',
    detectedAt: new Date(deps.now().getTime() - 12 * 86_400_000).toISOString(),
  });
  await addSarEvidence(deps, ctx, c.id, {
    kind: 'note',
    note: 'Call-back to the number on file: the student did not recognise the payers. 回访：学生不认识付款人。',
  });
}
