package dev.riskdesk.portfolio;

import static dev.riskdesk.portfolio.Calibration.BIG_TICKET_CENTS;
import static dev.riskdesk.portfolio.CustomerRows.money;
import static dev.riskdesk.portfolio.Draws.roundHundred;
import static dev.riskdesk.portfolio.Draws.sigmoid;

import dev.riskdesk.portfolio.CustomerState.Bill;
import dev.riskdesk.portfolio.CustomerState.MonthFigures;
import dev.riskdesk.portfolio.CustomerState.Txn;
import dev.riskdesk.portfolio.ReferenceData.Category;
import dev.riskdesk.portfolio.ReferenceData.Kind;

/**
 * The account's money month by month: purchases, statements with interest, payments, misses and
 * default, and the limit changes along the way.
 */
final class MoneyWalk extends SimulationStep {
    /** Default is 90 days past due; a charge-off 90 days later, at 180 days past due. */
    static final int CHARGE_OFF_AFTER_DEFAULT_DAYS = 90;
    private final RunCounters run;
    private final Spending spending;

    MoneyWalk(SimulationTables tables, CustomerState s, RunCounters run) {
        super(tables, s);
        this.run = run;
        this.spending = new Spending(tables, s);
    }

    void simulateMoney(Chunk out) {
        s.figures = new MonthFigures(tl.months);
        s.status = "ACTIVE";
        s.lastLimitChangeSec = s.openSec;
        out.limitChanges.add(run.nextLimitChangeId++, s.id, tl.time(s.openSec), null, money(s.limit), null, "ACTIVE", "ORIGINATION",
                s.verified ? "ORIGINATION" : "ORIGINATION,NOT_VERIFIED");
        if (s.dormant) {
            long becameDormant = s.openSec + 90 * Timeline.DAY;
            out.limitChanges.add(run.nextLimitChangeId++, s.id, tl.time(becameDormant), money(s.limit), money(s.limit), "ACTIVE", "DORMANT",
                    "HISTORY", "NO_USE_90D");
            s.lastLimitChangeSec = becameDormant;
            s.status = "DORMANT";
        }
        s.balance = 0;
        s.lastStatementAmount = 0;
        s.paidTowardLast = 0;
        s.pendingPayment = null;
        s.defaultSec = Long.MAX_VALUE;
        s.firstMissedDue = -1;
        s.cleanBills = 0;
        s.lastBillBad = false;
        s.historicalDelayDone = false;
        s.forceCure = false;
        for (int t = s.openMonth; t < tl.months; t++) {
            simulateMonth(t, out);
        }
    }

    private void simulateMonth(int t, Chunk out) {
        long from = Math.max(tl.monthStartSec[t], s.openSec);
        long to = tl.monthEndSec[t];
        // statement of this month, if it is issued after opening and before as-of
        long statementSec = tl.monthStartSec[t] + (s.billingDay - 1) * Timeline.DAY;
        boolean hasStatement = statementSec > s.openSec && statementSec < tl.asOfSec;

        spending.drawSpending(t, from, to);
        walkMonth(t, to, statementSec, hasStatement, out.limitChanges);
        if (s.defaultSec < tl.asOfSec && s.defaultSec < to && !"FROZEN".equals(s.status) && !"CHARGED_OFF".equals(s.status)) {
            out.limitChanges.add(run.nextLimitChangeId++, s.id, tl.time(s.defaultSec), money(s.limit), money(s.limit), s.status, "FROZEN",
                    "HISTORY", "DPD90");
            s.status = "FROZEN";
            s.lastLimitChangeSec = s.defaultSec;
        }
        long chargeOffSec = s.defaultSec == Long.MAX_VALUE ? Long.MAX_VALUE : s.defaultSec + CHARGE_OFF_AFTER_DEFAULT_DAYS * Timeline.DAY;
        if (chargeOffSec < tl.asOfSec && chargeOffSec < to && "FROZEN".equals(s.status)) {
            // 180 days past due: written off, out of the active book; collections may still recover the balance
            out.limitChanges.add(run.nextLimitChangeId++, s.id, tl.time(chargeOffSec), money(s.limit), money(s.limit), s.status, "CHARGED_OFF",
                    "HISTORY", "DPD180");
            s.status = "CHARGED_OFF";
            s.lastLimitChangeSec = chargeOffSec;
        }
        s.figures.limit[t] = s.limit;
        s.figures.balance[t] = s.balance;
        // the raw transactions of the month
        if (t >= tl.detailStart) {
            for (Txn x : s.monthTxns) {
                out.txns.add(run.nextTxnId++, s.id, tl.time(x.sec), money(x.cents), ref.categories().get(x.category).code(),
                        x.merchant, x.channel, x.city, x.device, tl.time(x.sec + 1 + (x.sec % 7)));
            }
        }
    }

    /** Walks the month in time order: payments, spending, the statement. */
    private void walkMonth(int t, long to, long statementSec, boolean hasStatement, RowBuffer limitRows) {
        int ti = 0;
        boolean stated = !hasStatement;
        while (true) {
            long nextTxn = ti < s.monthTxns.size() ? s.monthTxns.get(ti).sec : Long.MAX_VALUE;
            long nextPay = s.pendingPayment != null && !s.pendingPayment.inFlight && s.pendingPayment.paidSec >= 0 ? s.pendingPayment.paidSec : Long.MAX_VALUE;
            long nextStatement = stated ? Long.MAX_VALUE : statementSec;
            long next = Math.min(nextTxn, Math.min(nextPay, nextStatement));
            if (next >= to) {
                break;
            }
            if (next == nextPay) {
                s.balance -= s.pendingPayment.paid;
                s.paidTowardLast += s.pendingPayment.paid;
                s.pendingPayment = null;
            } else if (next == nextStatement) {
                stated = true;
                issueStatement(t, statementSec, limitRows);
            } else {
                bookPurchase(t, s.monthTxns.get(ti++));
            }
        }
    }

    private void bookPurchase(int t, Txn x) {
        s.balance += x.cents;
        s.figures.spend[t] += x.cents;
        s.figures.txnCount[t]++;
        Category c = ref.categories().get(x.category);
        if (c.kind() == Kind.ESSENTIAL) {
            s.figures.essential[t] += x.cents;
        } else if (c.kind() == Kind.LUXURY) {
            s.figures.luxury[t] += x.cents;
        }
        int day = (int) ((x.sec - tl.monthStartSec[t]) / Timeline.DAY);
        if (tl.festivalDay[t][day]) {
            s.figures.festival[t] += x.cents;
        }
        long secOfDay = x.sec % Timeline.DAY;
        if (secOfDay < 6 * 3600) {
            s.figures.night[t]++;
        }
        if (x.cents >= BIG_TICKET_CENTS) {
            s.figures.big[t]++;
        }
    }

    /** The statement: interest on what was carried, the bill, whether and how it is paid, and a possible limit change. */
    private void issueStatement(int t, long statementSec, RowBuffer limitRows) {
        if (s.defaultSec != Long.MAX_VALUE && statementSec >= s.defaultSec + CHARGE_OFF_AFTER_DEFAULT_DAYS * Timeline.DAY) {
            return; // a written-off account gets no more statements
        }
        long carried = Math.max(0, s.lastStatementAmount - s.paidTowardLast);
        if (s.defaultSec == Long.MAX_VALUE) {
            s.balance += Math.round(carried * 0.015);
        }
        if (s.pendingPayment != null) {
            s.pendingPayment = null; // paid after as-of or in flight: not in the books yet
        }
        s.lastStatementAmount = s.balance;
        s.paidTowardLast = 0;
        if (s.balance <= 0) {
            return;
        }
        Bill b = new Bill();
        b.month = t;
        b.statementSec = statementSec;
        b.dueDay = statementSec / Timeline.DAY + 9;
        b.amount = s.balance;
        b.minimum = Math.min(s.balance, Math.max(5_000, Math.round(s.balance * 0.1)));
        s.figures.bill[t] = b;
        s.figures.minimum[t] = b.minimum;
        s.bills.add(b);
        boolean last = statementSec + 40 * Timeline.DAY > tl.asOfSec;
        boolean missed;
        if (s.defaultSec != Long.MAX_VALUE || t >= s.distress) {
            missed = true;
        } else if (s.forceCure || (s.delay && last)) {
            missed = false;
        } else {
            missed = s.r.nextDouble() < sigmoid(-5.2 + 1.2 * s.z[t]);
        }
        if (missed) {
            missBill(t, b);
        } else {
            payBill(t, b, statementSec, last);
        }
        historicalLimitChange(statementSec, limitRows);
    }

    private void missBill(int t, Bill b) {
        if (s.firstMissedDue < 0) {
            s.firstMissedDue = b.dueDay;
        }
        s.forceCure = t < s.distress && s.defaultSec == Long.MAX_VALUE;
        s.lastBillBad = true;
        s.cleanBills = 0;
        if (t >= s.distress && s.defaultSec == Long.MAX_VALUE) {
            s.defaultSec = (s.firstMissedDue + 90) * Timeline.DAY;
        }
    }

    private void payBill(int t, Bill b, long statementSec, boolean last) {
        boolean cure = s.firstMissedDue >= 0;
        boolean full = cure || s.r.nextDouble() < sigmoid(1.0 - 1.0 * s.z[t]);
        long amount = full ? b.amount : b.minimum + (long) (s.r.nextDouble() * 0.5 * (b.amount - b.minimum));
        boolean late = !(s.delay && last) && s.r.nextDouble() < sigmoid(-3.6 + 1.0 * s.z[t]);
        long paySec;
        if (late) {
            paySec = (b.dueDay + 1 + s.r.nextInt(18)) * Timeline.DAY + 8 * 3600 + s.r.nextInt(14 * 3600);
            b.channel = "APP";
        } else if (s.r.nextDouble() < 0.45) {
            paySec = b.dueDay * Timeline.DAY + 6 * 3600 + s.r.nextInt(3600);
            b.channel = "AUTO_DEBIT";
        } else {
            paySec = statementSec + (1 + s.r.nextInt(9)) * Timeline.DAY + 8 * 3600 + s.r.nextInt(14 * 3600);
            b.channel = "APP";
        }
        b.paid = amount;
        b.paidSec = paySec;
        b.receivedLagSec = 20 + s.r.nextInt(900);
        if (s.delay && last && s.inFlight) {
            delayInFlight(b, statementSec);
        } else if (s.historicalDelay && !s.historicalDelayDone && !late && t >= s.openMonth + 1 && t <= tl.months - 3
                && b.paidSec + 10 * Timeline.DAY < tl.asOfSec && (t == tl.months - 3 || s.r.nextDouble() < 0.25)) {
            b.receivedLagSec = (2 + s.r.nextInt(5)) * Timeline.DAY + s.r.nextInt(6 * 3600);
            b.paid = b.amount;
            s.historicalDelayDone = true;
            s.delaySec = b.paidSec;
            s.delayDays = (int) (b.receivedLagSec / Timeline.DAY);
        }
        bookPayment(b, cure);
        b.satisfiedSec = b.inFlight || b.paidSec >= tl.asOfSec ? Long.MAX_VALUE : b.paidSec;
        s.forceCure = false;
        s.lastBillBad = late;
        s.cleanBills = late ? 0 : s.cleanBills + 1;
    }

    /**
     * The repayment-delay scenario in flight: paid by bank transfer on or before the due date, but the transfer is still being
     * matched, so the record reaches the REPAYMENTS feed after as-of; meanwhile the bill shows the repayment as pending.
     */
    private void delayInFlight(Bill b, long statementSec) {
        long due = b.dueDay * Timeline.DAY;
        b.paidSec = Math.max(statementSec + Timeline.DAY, due - s.r.nextInt(3) * Timeline.DAY) + 9 * 3600 + s.r.nextInt(10 * 3600);
        b.paid = b.amount;
        b.channel = "BANK_TRANSFER";
        b.inFlight = b.paidSec < tl.asOfSec && b.dueDay < tl.asOfDay;
        b.receivedLagSec = tl.asOfSec - b.paidSec + 3600 + s.r.nextInt(3 * 86_400);
    }

    /** A payment made before as-of is booked when its time comes; a cure satisfies the missed bills before it. */
    private void bookPayment(Bill b, boolean cure) {
        if (b.paidSec < tl.asOfSec && !b.inFlight) {
            s.pendingPayment = b;
            int pm = tl.monthOf(b.paidSec);
            if (pm < tl.months && b.paidSec < tl.repaymentsAsOfSec) { // later ones are not in the repayment feed yet
                s.figures.payment[pm] += b.paid;
            }
            if (cure) {
                for (Bill old : s.bills) {
                    if (old != b && old.paidSec < 0 && old.satisfiedSec == Long.MAX_VALUE) {
                        old.satisfiedSec = b.paidSec;
                    }
                }
                s.firstMissedDue = -1;
            }
        } else if (b.inFlight) {
            s.inFlightBill = b;
        }
    }

    /** Occasional historical limit changes, decided at the statement. */
    private void historicalLimitChange(long statementSec, RowBuffer limitRows) {
        long changeSec = statementSec + Timeline.DAY + 3 * 3600;
        if (s.defaultSec != Long.MAX_VALUE || changeSec >= tl.asOfSec) {
            return;
        }
        double u = s.r.nextDouble();
        if (s.cleanBills >= 6 && u < 0.03) {
            long newLimit = Math.min(10_000_000, roundHundred(s.limit * (1.2 + 0.3 * s.r.nextDouble())));
            limitRows.add(run.nextLimitChangeId++, s.id, tl.time(changeSec), money(s.limit), money(newLimit), s.status, s.status,
                    "HISTORY", "GOOD_REPAYMENT");
            s.limit = newLimit;
            s.lastLimitChangeSec = changeSec;
            s.cleanBills = 0;
        } else if (s.lastBillBad && u < 0.12) {
            long newLimit = Math.max(50_000, roundHundred(s.limit * 0.7));
            limitRows.add(run.nextLimitChangeId++, s.id, tl.time(changeSec), money(s.limit), money(newLimit), s.status, s.status,
                    "HISTORY", "OVERDUE");
            s.limit = newLimit;
            s.lastLimitChangeSec = changeSec;
        }
    }

}
