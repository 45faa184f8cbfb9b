-- A bill whose repayment the customer has made but whose repayment record has not reached the
-- REPAYMENTS feed yet (a bank transfer still being matched: 还款处理中) is PENDING, not MISSED.
-- The monitoring rules treat an overdue claim on such a bill as awaiting data.
ALTER TABLE BILL DROP CONSTRAINT CK_BILL_STATUS;
ALTER TABLE BILL ADD CONSTRAINT CK_BILL_STATUS CHECK (STATUS IN ('OPEN', 'PAID', 'PARTIAL', 'LATE', 'MISSED', 'PENDING'));
