import { describe, expect, it } from 'vitest';
import {
  alertQuality,
  alertRuleSchema,
  DEFAULT_ALERT_RULES,
  DEFAULT_BEHAVIOUR_SCORECARD,
  importPmmlScorecard,
  migrationMatrix,
  monthEnd,
  PmmlImportError,
  previousMonth,
  scoreWith,
  signalFires,
  type SignalFacts,
} from './index.ts';

const calm: SignalFacts = {
  daysPastDue: 0,
  missedPayments: 0,
  resultsTrend: null,
  studyStatus: 'enrolled',
  graduatedUnemployedMonths: null,
  bouncesInRow: 0,
  region: 'Hubei',
  field: 'Engineering',
  macro: {},
};
const rule = (code: string) => DEFAULT_ALERT_RULES.find((r) => r.code === code)!;

describe('behavioural scorecard', () => {
  it('scores a model borrower 620 (grade A) and a 90+ day, withdrawn borrower in grade E', () => {
    const good = scoreWith(DEFAULT_BEHAVIOUR_SCORECARD, {
      days_past_due: 0,
      max_dpd_6m: 0,
      paid_share_12m: 1,
      contact_success_rate: 0.8,
      study_status: 'graduated',
      graduated_unemployed_months: 0,
      results_trend: 0.02,
    });
    expect(good.score).toBe(620);
    expect(good.grade).toBe('A');
    const bad = scoreWith(DEFAULT_BEHAVIOUR_SCORECARD, {
      days_past_due: 95,
      max_dpd_6m: 95,
      paid_share_12m: 0.2,
      contact_success_rate: 0.1,
      study_status: 'withdrawn',
      graduated_unemployed_months: 0,
      results_trend: null,
    });
    // 500 − 50 − 10 − 10 − 5 − 25 + 10 + 5
    expect(bad.score).toBe(415);
    expect(bad.grade).toBe('E');
    expect(bad.reasons[0]!.feature).toBe('days_past_due');
  });

  it('names month ends and previous months', () => {
    expect(monthEnd('2024-02')).toBe('2024-02-29');
    expect(monthEnd('2025-12')).toBe('2025-12-31');
    expect(previousMonth('2025-01')).toBe('2024-12');
  });
});

describe('grade migration matrix', () => {
  it('counts moves between two months, new loans and exits', () => {
    const m = migrationMatrix(
      ['A', 'B', 'C'],
      [
        { from: 'A', to: 'A' },
        { from: 'A', to: 'B' },
        { from: 'C', to: 'A' },
        { from: 'B', to: 'C' },
        { from: 'B', to: 'C' },
        { from: null, to: 'B' },
        { from: 'C', to: null },
      ],
    );
    expect(m.counts).toEqual([
      [1, 1, 0],
      [0, 0, 2],
      [1, 0, 0],
    ]);
    expect(m.entered).toEqual([0, 1, 0]);
    expect(m.exited).toEqual([0, 0, 1]);
    expect([m.upgraded, m.downgraded, m.stable]).toEqual([1, 3, 1]);
    expect(() => migrationMatrix(['A'], [{ from: 'Z', to: 'A' }])).toThrow(/grade Z/);
  });
});

describe('early-warning signals', () => {
  it('fires each default rule on the behaviour it watches, and not on a calm loan', () => {
    for (const r of DEFAULT_ALERT_RULES) expect(signalFires(r, calm).fires).toBe(false);
    expect(
      signalFires(rule('first-missed-payment'), { ...calm, daysPastDue: 3, missedPayments: 1 }).fires,
    ).toBe(true);
    // A second miss is no longer the first one.
    expect(
      signalFires(rule('first-missed-payment'), { ...calm, daysPastDue: 40, missedPayments: 2 }).fires,
    ).toBe(false);
    expect(signalFires(rule('dpd-30'), { ...calm, daysPastDue: 29 }).fires).toBe(false);
    expect(signalFires(rule('dpd-30'), { ...calm, daysPastDue: 30 }).detail).toBe(
      '30 days past due (threshold 30)',
    );
    expect(signalFires(rule('results-drop'), { ...calm, resultsTrend: -0.2 }).fires).toBe(true);
    expect(signalFires(rule('results-drop'), { ...calm, resultsTrend: -0.1 }).fires).toBe(false);
    expect(signalFires(rule('study-withdrawal'), { ...calm, studyStatus: 'withdrawn' }).fires).toBe(true);
    expect(signalFires(rule('graduated-unemployed'), { ...calm, graduatedUnemployedMonths: 7 }).fires).toBe(
      true,
    );
    expect(signalFires(rule('contact-lost'), { ...calm, bouncesInRow: 3 }).fires).toBe(true);
  });

  it('compares a macro series for the loan’s region or field with its threshold', () => {
    const r = alertRuleSchema.parse({
      code: 'region-unemployment',
      name: 'Regional unemployment above 6%',
      kind: 'macro_indicator',
      params: { series: 'unemployment', scope: 'region', above: 6 },
      severity: 'low',
      dueBusinessDays: 10,
    });
    expect(signalFires(r, { ...calm, macro: { 'unemployment:region': 6.5 } }).detail).toBe(
      'unemployment for Hubei is 6.5 (above 6)',
    );
    expect(signalFires(r, { ...calm, macro: { 'unemployment:region': 5.9 } }).fires).toBe(false);
    expect(signalFires(r, { ...calm, macro: { 'unemployment:field': 9 } }).fires).toBe(false);
  });

  it('refuses a rule without the parameters its signal needs, naming them', () => {
    const r = alertRuleSchema.safeParse({
      code: 'x',
      name: 'x',
      kind: 'dpd_over',
      severity: 'high',
      dueBusinessDays: 1,
    });
    expect(r.success).toBe(false);
    expect(r.error!.issues[0]!.path).toEqual(['params', 'days']);
  });

  it('measures alert quality: alerts that preceded a default and defaults with no alert', () => {
    const q = alertQuality(
      [
        { loanId: 'a', raisedOn: '2025-01-10' },
        { loanId: 'b', raisedOn: '2025-02-01' },
        { loanId: 'c', raisedOn: '2025-03-01' }, // after c defaulted: a late alert
        { loanId: 'd', raisedOn: '2025-01-01' }, // never defaulted
      ],
      [
        { loanId: 'a', defaultedOn: '2025-04-01' },
        { loanId: 'b', defaultedOn: '2025-05-01' },
        { loanId: 'c', defaultedOn: '2025-02-15' },
        { loanId: 'e', defaultedOn: '2025-03-01' },
      ],
    );
    expect(q).toEqual({
      alerts: 4,
      alertsBeforeDefault: 2,
      precision: 0.5,
      defaults: 4,
      defaultsWithoutAlert: 2,
      missRate: 0.5,
    });
  });
});

const PMML = `<?xml version="1.0" encoding="UTF-8"?>
<PMML xmlns="http://www.dmg.org/PMML-4_4" version="4.4">
  <Header copyright="example"/>
  <DataDictionary numberOfFields="4">
    <DataField name="department" optype="categorical" dataType="string">
      <Value value="engineering"/><Value value="marketing"/><Value value="business"/>
    </DataField>
    <DataField name="tenure" optype="continuous" dataType="integer"/>
    <DataField name="income" optype="continuous" dataType="double"/>
    <DataField name="overallScore" optype="continuous" dataType="double"/>
  </DataDictionary>
  <Scorecard modelName="SampleScorecard" functionName="regression" useReasonCodes="true"
             reasonCodeAlgorithm="pointsBelow" initialScore="0" baselineMethod="other">
    <MiningSchema>
      <MiningField name="department" usageType="active" invalidValueTreatment="asMissing"/>
      <MiningField name="tenure" usageType="active"/>
      <MiningField name="income" usageType="active"/>
      <MiningField name="overallScore" usageType="predicted"/>
    </MiningSchema>
    <Characteristics>
      <!-- department: a missing value, a set, and the rest -->
      <Characteristic name="departmentScore" reasonCode="RC1" baselineScore="19">
        <Attribute partialScore="-9"><SimplePredicate field="department" operator="isMissing"/></Attribute>
        <Attribute partialScore="19"><SimplePredicate field="department" operator="equal" value="marketing"/></Attribute>
        <Attribute partialScore="3"><SimpleSetPredicate field="department" booleanOperator="isIn"><Array n="2" type="string">engineering "r &amp; d"</Array></SimpleSetPredicate></Attribute>
        <Attribute partialScore="6"><True/></Attribute>
      </Characteristic>
      <Characteristic name="tenureScore" reasonCode="RC2" baselineScore="18">
        <Attribute partialScore="-1"><SimplePredicate field="tenure" operator="isMissing"/></Attribute>
        <Attribute partialScore="-3"><SimplePredicate field="tenure" operator="lessOrEqual" value="18"/></Attribute>
        <Attribute partialScore="0">
          <CompoundPredicate booleanOperator="and">
            <SimplePredicate field="tenure" operator="greaterThan" value="18"/>
            <SimplePredicate field="tenure" operator="lessOrEqual" value="29"/>
          </CompoundPredicate>
        </Attribute>
        <Attribute partialScore="12">
          <CompoundPredicate booleanOperator="and">
            <SimplePredicate field="tenure" operator="greaterThan" value="29"/>
            <SimplePredicate field="tenure" operator="lessOrEqual" value="39"/>
          </CompoundPredicate>
        </Attribute>
        <Attribute partialScore="18"><SimplePredicate field="tenure" operator="greaterThan" value="39"/></Attribute>
      </Characteristic>
      <Characteristic name="incomeScore" reasonCode="RC3" baselineScore="10">
        <Attribute partialScore="3"><SimplePredicate field="income" operator="isMissing"/></Attribute>
        <Attribute partialScore="26"><SimplePredicate field="income" operator="lessOrEqual" value="1000"/></Attribute>
        <Attribute partialScore="5">
          <CompoundPredicate booleanOperator="and">
            <SimplePredicate field="income" operator="greaterThan" value="1000"/>
            <SimplePredicate field="income" operator="lessOrEqual" value="2500"/>
          </CompoundPredicate>
        </Attribute>
        <Attribute partialScore="-3"><SimplePredicate field="income" operator="greaterThan" value="2500"/></Attribute>
      </Characteristic>
    </Characteristics>
  </Scorecard>
</PMML>`;

describe('PMML scorecard import', () => {
  const { definition, modelName, reasonCodes } = importPmmlScorecard(PMML);

  it('reads characteristics, attributes and reason codes', () => {
    expect(modelName).toBe('SampleScorecard');
    expect(definition.features.map((f) => [f.name, f.kind, f.bins.length])).toEqual([
      ['department', 'categorical', 4],
      ['tenure', 'numeric', 5],
      ['income', 'numeric', 4],
    ]);
    expect(reasonCodes).toEqual({ department: 'RC1', tenure: 'RC2', income: 'RC3' });
    expect(definition.features[0]!.bins[2]!.levels).toEqual(['engineering', 'r & d']);
  });

  it('gives the points PMML gives, at the inclusive boundaries too', () => {
    const points = (a: Record<string, unknown>) => scoreWith(definition, a).score;
    // The DMG sample: engineering (3) + tenure 25 (0) + income 500 (26) = 29.
    expect(points({ department: 'engineering', tenure: 25, income: 500 })).toBe(29);
    // tenure 18 is "≤ 18" (−3), tenure 29 is in (18, 29] (0), income 1000 is "≤ 1000" (26), 2500 in (1000, 2500] (5).
    expect(points({ department: 'marketing', tenure: 18, income: 1000 })).toBe(19 - 3 + 26);
    expect(points({ department: 'business', tenure: 29, income: 2500 })).toBe(6 + 0 + 5);
    expect(points({ department: 'r & d', tenure: 39.5, income: 2500.01 })).toBe(3 + 18 - 3);
    expect(points({ department: null, tenure: null, income: null })).toBe(-9 - 1 + 3);
    const r = scoreWith(definition, { department: 'engineering', tenure: 17, income: 3000 });
    // Reason codes: the characteristics that lost the most points against their best attribute.
    expect(r.reasons.map((x) => [x.bin, x.pointsLost])).toEqual([
      ['RC3: > 2500', 29],
      ['RC2: ≤ 18', 21],
      ['RC1: engineering, r & d', 16],
    ]);
    expect(definition.features[1]!.bins[2]!.label).toBe('RC2: > 18 and ≤ 29');
  });

  it('refuses what it cannot represent, naming the place', () => {
    const bad = PMML.replace('booleanOperator="isIn"', 'booleanOperator="isNotIn"');
    expect(() => importPmmlScorecard(bad)).toThrow(PmmlImportError);
    expect(() => importPmmlScorecard(bad)).toThrow(/Characteristic\[1\]\/Attribute\[3\].*isNotIn/);
    expect(() => importPmmlScorecard('<PMML version="3.2"></PMML>')).toThrow(/not 4.x/);
    expect(() => importPmmlScorecard('<PMML version="4.4"><Scorecard>')).toThrow(/not closed/);
  });
});
