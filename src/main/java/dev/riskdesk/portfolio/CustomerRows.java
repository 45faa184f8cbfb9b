package dev.riskdesk.portfolio;

import static dev.riskdesk.portfolio.Calibration.BANDS;

import dev.riskdesk.portfolio.CustomerState.Bill;
import dev.riskdesk.portfolio.CustomerState.Inquiry;
import dev.riskdesk.portfolio.CustomerState.Login;
import dev.riskdesk.portfolio.CustomerState.MonthFigures;
import dev.riskdesk.portfolio.ReferenceData.City;
import dev.riskdesk.portfolio.ReferenceData.Institution;
import java.math.BigDecimal;
import java.util.Arrays;

/** The rows of one customer as the database sees them at as-of, and the run's totals they add to. */
final class CustomerRows extends SimulationStep {
    static final BigDecimal ZERO = BigDecimal.valueOf(0, 2);

    private final RunCounters run;

    CustomerRows(SimulationTables tables, CustomerState s, RunCounters run) {
        super(tables, s);
        this.run = run;
    }

    void writeBills(Chunk out) {
        for (Bill b : s.bills) {
            boolean paid = b.paidSec >= 0 && b.paidSec < tl.asOfSec && !b.inFlight;
            long payDay = paid ? b.paidSec / Timeline.DAY : -1;
            String billStatus;
            int dpd;
            if (paid) {
                if (payDay <= b.dueDay) {
                    billStatus = b.paid >= b.amount ? "PAID" : "PARTIAL";
                    dpd = 0;
                } else {
                    billStatus = "LATE";
                    dpd = (int) (payDay - b.dueDay);
                }
            } else if (b.dueDay >= tl.asOfDay) {
                billStatus = "OPEN";
                dpd = 0;
            } else {
                billStatus = b.inFlight ? "PENDING" : "MISSED";
                long until = b.satisfiedSec < tl.asOfSec ? b.satisfiedSec / Timeline.DAY : tl.asOfDay;
                dpd = (int) Math.max(1, until - b.dueDay);
            }
            if (b.month >= tl.detailStart) {
                b.id = run.nextBillId++;
                out.bills.add(b.id, s.id, tl.monthStart[b.month], tl.date(b.statementSec), tl.dateOfDay(b.dueDay),
                        money(b.amount), money(b.minimum), paid ? money(b.paid) : ZERO, paid ? tl.date(b.paidSec) : null,
                        dpd, billStatus, tl.time(b.statementSec + 2 * 3600 + (b.amount % 3600)));
            }
        }
    }

    void writeRepayments(Chunk out) {
        for (Bill b : s.bills) {
            boolean written = b.paidSec >= 0 && (b.paidSec < tl.asOfSec || b.inFlight) && b.paidSec < tl.asOfSec;
            if (written && tl.monthOf(b.paidSec) >= tl.detailStart) {
                long received = b.inFlight ? b.paidSec + b.receivedLagSec : receivedByFeed(b.paidSec, b.receivedLagSec);
                out.repayments.add(run.nextRepaymentId++, s.id, b.id == 0 ? null : b.id, money(b.paid), tl.time(b.paidSec),
                        tl.time(received), b.channel);
            }
        }
    }

    /**
     * When a repayment made at {@code paidSec} reached the REPAYMENTS feed: after its own lag, but not after the last
     * settlement file when it was made before it; one made after that file comes with the next one, after as-of.
     */
    private long receivedByFeed(long paidSec, long lagSec) {
        if (paidSec >= tl.repaymentsAsOfSec) {
            return tl.asOfSec + 2 * 3600 + paidSec % 1800;
        }
        return Math.min(paidSec + lagSec, tl.repaymentsAsOfSec);
    }

    /** Login rows of the detail months, and each month's logins, new devices and distinct cities. */
    void writeLogins(Chunk out) {
        int li = 0;
        for (int t = 0; t < tl.months; t++) {
            long cityMask0 = 0;
            long cityMask1 = 0;
            int distinct = 0;
            while (li < s.logins.size() && s.logins.get(li).sec < tl.monthEndSec[t]) {
                Login l = s.logins.get(li++);
                s.figures.logins[t]++;
                if (l.newDevice) {
                    s.figures.newDevices[t]++;
                }
                int c = l.city;
                boolean seen = c < 64 ? (cityMask0 & (1L << c)) != 0 : c < 128 ? (cityMask1 & (1L << (c - 64))) != 0 : false;
                if (c < 64) {
                    cityMask0 |= 1L << c;
                } else if (c < 128) {
                    cityMask1 |= 1L << (c - 64);
                }
                if (!seen) {
                    distinct++;
                }
                if (t >= tl.detailStart) {
                    City lc = ref.cities().get(c);
                    out.logins.add(run.nextLoginId++, s.id, tl.time(l.sec), l.device, tables.cityIpPrefix[c] + s.r.nextInt(256) + "." + (1 + s.r.nextInt(254)),
                            lc.name(), l.newDevice, l.newCity, l.success, tl.time(l.sec + 1 + (l.sec % 5)));
                }
            }
            s.figures.cityCount[t] = distinct;
        }
    }

    void writeInquiries(Chunk out) {
        for (Inquiry q : s.inquiries) {
            int t = tl.monthOf(q.sec);
            s.figures.inquiries[t]++;
            if (t >= tl.detailStart) {
                Institution inst = ref.institutions().get(q.institution);
                out.inquiries.add(run.nextInquiryId++, s.id, tl.time(q.sec), inst.name(), inst.inquiryType(),
                        tl.time(q.sec + 7200 + (q.sec % 36_000)));
            }
        }
    }

    void writeMonths(Chunk out) {
        MonthFigures f = s.figures;
        for (int t = s.openMonth; t < tl.months; t++) {
            Bill b = f.bill[t];
            boolean late = false;
            if (b != null) {
                boolean paid = b.paidSec >= 0 && b.paidSec < tl.asOfSec && !b.inFlight;
                late = paid ? b.paidSec / Timeline.DAY > b.dueDay : b.dueDay < tl.asOfDay;
            }
            out.months.add(s.id, tl.monthStart[t], money(f.limit[t]), money(Math.max(0, f.balance[t])), money(f.spend[t]),
                    f.txnCount[t], money(f.essential[t]), money(f.luxury[t]), money(f.festival[t]), f.night[t],
                    f.big[t], money(f.minimum[t]), money(f.payment[t]), s.dpdAt(tl.monthEndSec[t]), late,
                    f.logins[t], f.newDevices[t], f.cityCount[t], f.inquiries[t]);
        }
    }

    void writeCustomerAndAccount(Chunk out) {
        out.customers.add(s.id, customerNo(s.id), s.fullName, s.male ? "M" : "F", s.birth, s.phone, s.phone.substring(7), s.idNumber,
                s.city.name(), s.city.tier(), BANDS[s.band], s.occ.name(), tl.time(s.regSec), s.verified,
                s.verified ? tl.time(s.verifiedSec) : null);
        int dpd = s.dpdAt(tl.asOfSec);
        long outstanding = Math.max(0, s.balance);
        boolean thin = s.dormant || s.openSec > tl.asOfSec - 180 * Timeline.DAY;
        out.accounts.add(s.id, (s.cashLoan ? "CL" : "CP") + pad(s.id, 12), s.id, s.cashLoan ? "CASH_LOAN" : "CREDIT_PAY",
                tl.time(s.openSec), s.status, money(s.limit), money(Math.max(0, s.limit - outstanding)), money(outstanding),
                tl.time(s.lastLimitChangeSec), dpd, bucket(dpd), thin);
        run.accounts++;
    }

    /** The scenarios the customer went through, then the evidence is cleared for the next customer. */
    void writeTruth(Chunk out) {
        if (s.takeoverPurchases > 0) {
            truth(out, s.id, Scenario.ACCOUNT_TAKEOVER, s.takeoverSec, "new device " + s.takeoverDevice + " in "
                    + ref.cities().get(s.takeoverCity).name() + ", then " + s.takeoverPurchases + " purchases totalling "
                    + money(s.takeoverTotal) + " CNY");
        }
        if (s.multiLendingSec >= 0) {
            truth(out, s.id, Scenario.MULTI_LENDING, s.multiLendingSec, s.multiLendingCount + " external credit inquiries within 30 days");
        }
        if (s.shock) {
            truth(out, s.id, Scenario.INCOME_SHOCK, tl.monthStartSec[tl.shockMonth], "macro downturn: tier " + s.city.tier()
                    + " city, occupation " + s.occ.name());
        }
        if (s.dormant) {
            truth(out, s.id, Scenario.DORMANT, s.openSec + 90 * Timeline.DAY, "opened and never used");
        }
        if (s.inFlightBill != null) {
            truth(out, s.id, Scenario.REPAYMENT_DELAY, s.inFlightBill.paidSec, "in flight: paid on time, received "
                    + tl.time(s.inFlightBill.paidSec + s.inFlightBill.receivedLagSec) + ", after as-of");
        } else if (s.delaySec >= 0) {
            truth(out, s.id, Scenario.REPAYMENT_DELAY, s.delaySec, "paid on time, received " + s.delayDays + " days late");
        }
        if (s.defaultSec < tl.asOfSec) {
            truth(out, s.id, Scenario.DEFAULT_90, s.defaultSec, "90 days past due");
            run.defaulted++;
        }
        s.takeoverPurchases = 0;
        s.takeoverTotal = 0;
        s.multiLendingSec = -1;
        s.multiLendingCount = 0;
        s.inFlightBill = null;
        s.delaySec = -1;
        s.delayDays = 0;
    }

    private void truth(Chunk out, long accountId, Scenario scenario, long sec, String details) {
        out.truth.add(run.nextTruthId++, accountId, scenario.name(), tl.time(sec), details);
        run.scenarioCounts[scenario.ordinal()]++;
    }

    static String bucket(int dpd) {
        return dev.riskdesk.accounts.DelinquencyBucket.of(dpd);
    }

    static String customerNo(long id) {
        return "C" + pad(id, 10);
    }

    static String pad(long value, int width) {
        String s = Long.toString(value);
        if (s.length() >= width) {
            return s;
        }
        char[] c = new char[width];
        Arrays.fill(c, 0, width - s.length(), '0');
        s.getChars(0, s.length(), c, width - s.length());
        return new String(c);
    }

    static BigDecimal money(long cents) {
        return BigDecimal.valueOf(cents, 2);
    }

}
