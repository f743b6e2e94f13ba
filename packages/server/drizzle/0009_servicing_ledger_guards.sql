-- Custom SQL migration file, put your code below! --
-- Servicing ledger guards (copied into a custom drizzle migration): the chart of accounts,
-- journals that always balance per currency and can never be changed or deleted, and the
-- exact rounding used by close of business.
INSERT INTO gl_accounts (code, type, name_en, name_zh) VALUES
  ('1100', 'asset', 'Loans receivable: principal', '贷款本金'),
  ('1110', 'asset', 'Interest receivable: accrued, not billed', '应计利息'),
  ('1120', 'asset', 'Interest receivable: billed', '应收利息'),
  ('1130', 'asset', 'Penalty interest receivable', '应收罚息'),
  ('1140', 'asset', 'Fees receivable', '应收费用'),
  ('1150', 'asset', 'Interest subsidy receivable (state)', '应收财政贴息'),
  ('1210', 'asset', 'Payment clearing: bank transfer', '待清算款项：银行转账'),
  ('1211', 'asset', 'Payment clearing: direct debit', '待清算款项：代扣'),
  ('1212', 'asset', 'Payment clearing: card', '待清算款项：银行卡'),
  ('1213', 'asset', 'Payment clearing: branch cash', '待清算款项：网点现金'),
  ('1214', 'asset', 'Payment clearing: employer / payroll', '待清算款项：工资代扣'),
  ('1215', 'asset', 'Payment clearing: state subsidy', '待清算款项：财政贴息'),
  ('1216', 'asset', 'Payment clearing: simulated (student portal)', '待清算款项：模拟支付'),
  ('1300', 'asset', 'Disbursement clearing', '放款清算'),
  ('2100', 'liability', 'Borrower credit balances', '借款人溢缴款'),
  ('2200', 'liability', 'Suspense', '暂挂款项'),
  ('4100', 'income', 'Interest income', '利息收入'),
  ('4110', 'income', 'Interest income: state subsidy', '贴息利息收入'),
  ('4200', 'income', 'Penalty interest income', '罚息收入'),
  ('4300', 'income', 'Fee income', '手续费收入'),
  ('4400', 'income', 'Recoveries of written-off loans', '已核销贷款收回'),
  ('3900', 'equity', 'Loan boarding clearing (legacy migration)', '存量贷款迁移清算'),
  ('5100', 'expense', 'Write-off expense', '核销损失'),
  ('5200', 'expense', 'Discharge and forgiveness expense', '免除与豁免损失')
ON CONFLICT (code) DO NOTHING;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION journal_lines_balanced() RETURNS trigger AS $$
DECLARE bad record;
BEGIN
  SELECT l.journal_id, l.currency, sum(l.amount) AS total INTO bad
    FROM journal_lines l
   WHERE l.journal_id IN (SELECT DISTINCT n.journal_id FROM new_lines n)
   GROUP BY l.journal_id, l.currency
  HAVING sum(l.amount) <> 0
   LIMIT 1;
  IF FOUND THEN
    RAISE EXCEPTION 'journal % does not balance in %: off by %', bad.journal_id, bad.currency, bad.total USING ERRCODE = 'check_violation';
  END IF;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER journal_lines_balanced AFTER INSERT ON journal_lines
  REFERENCING NEW TABLE AS new_lines FOR EACH STATEMENT EXECUTE FUNCTION journal_lines_balanced();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION ledger_immutable() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION '% is immutable: % refused (post a reversal instead)', TG_TABLE_NAME, lower(TG_OP) USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER journals_immutable BEFORE UPDATE OR DELETE ON journals FOR EACH ROW EXECUTE FUNCTION ledger_immutable();
--> statement-breakpoint
CREATE TRIGGER journals_no_truncate BEFORE TRUNCATE ON journals FOR EACH STATEMENT EXECUTE FUNCTION ledger_immutable();
--> statement-breakpoint
CREATE TRIGGER journal_lines_immutable BEFORE UPDATE OR DELETE ON journal_lines FOR EACH ROW EXECUTE FUNCTION ledger_immutable();
--> statement-breakpoint
CREATE TRIGGER journal_lines_no_truncate BEFORE TRUNCATE ON journal_lines FOR EACH STATEMENT EXECUTE FUNCTION ledger_immutable();
--> statement-breakpoint
-- round(n / d) for n >= 0, d > 0 with the product's mode; a plain SQL expression so the planner inlines it.
CREATE OR REPLACE FUNCTION servicing_round(n numeric, d numeric, mode text) RETURNS bigint AS $$
  SELECT (div(n, d) + CASE WHEN mod(n, d) * 2 > d OR (mod(n, d) * 2 = d AND (mode <> 'half-even' OR mod(div(n, d), 2) = 1)) THEN 1 ELSE 0 END)::bigint
$$ LANGUAGE sql IMMUTABLE PARALLEL SAFE;
