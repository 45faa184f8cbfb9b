package dev.riskdesk.portfolio;

import static dev.riskdesk.portfolio.Draws.mix;

import dev.riskdesk.portfolio.ReferenceData.City;
import dev.riskdesk.portfolio.ReferenceData.Occupation;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The working state of the customer being simulated, shared by the steps of
 * {@link CustomerSimulator}. One instance serves a whole run: {@link #start} resets it for the next
 * customer. Time is in seconds since the first month's start (see {@link Timeline}); money in cents.
 */
final class CustomerState {
    static final class Txn {
        long sec;
        long cents;
        int category;
        String merchant;
        String channel;
        String city;
        String device;
    }

    static final class Bill {
        int month;
        long statementSec;
        long dueDay;
        long amount;
        long minimum;
        long paid;
        long paidSec = -1;
        boolean inFlight;
        long receivedLagSec;
        long satisfiedSec = Long.MAX_VALUE;
        String channel;
        long id;
    }

    static final class Login {
        long sec;
        String device;
        int city;
        boolean newDevice;
        boolean newCity;
        boolean success;
    }

    static final class Inquiry {
        long sec;
        int institution;
    }

    final List<Txn> txnPool = new ArrayList<>();
    int txnUsed;
    final List<Txn> monthTxns = new ArrayList<>();
    final List<Bill> bills = new ArrayList<>();
    final List<Login> logins = new ArrayList<>();
    final List<Inquiry> inquiries = new ArrayList<>();
    final List<String> knownDevices = new ArrayList<>();
    final List<Integer> knownCities = new ArrayList<>();

    // the current customer

    SplittableRandom r;
    long id;
    // who the customer is
    boolean male;
    int age;
    LocalDate birth;
    City city;
    Occupation occ;
    int band;
    boolean verified;
    long regSec;
    long openSec;
    long verifiedSec;
    String fullName;
    String phone;
    String idNumber;
    // the account and its behaviour
    double z0;
    boolean dormant;
    boolean cashLoan;
    long limit;
    int billingDay;
    double txnRate;
    double loginRate;
    double volatility;
    double nightBias;
    double spendScale;
    // scenarios and the latent risk by month
    int openMonth;
    boolean takeover;
    int multiMonth;
    boolean delay;
    boolean inFlight;
    boolean historicalDelay;
    boolean shock;
    long takeoverSec;
    double[] z;
    int distress;
    String primaryDevice;
    String takeoverDevice;
    int takeoverCity;
    // the account's path through the months
    MonthFigures figures;
    String status;
    long lastLimitChangeSec;
    long balance;
    long lastStatementAmount;
    long paidTowardLast;
    Bill pendingPayment;
    long defaultSec;
    long firstMissedDue;
    int cleanBills;
    boolean lastBillBad;
    boolean historicalDelayDone;
    boolean forceCure;
    // scenario evidence of the current customer
    int takeoverPurchases;
    long takeoverTotal;
    long multiLendingSec = -1;
    int multiLendingCount;
    Bill inFlightBill;
    long delaySec = -1;
    int delayDays;

    /** Sums of one customer's months, one slot per generated month. */
    static final class MonthFigures {
        final long[] limit;
        final long[] balance;
        final long[] spend;
        final int[] txnCount;
        final long[] essential;
        final long[] luxury;
        final long[] festival;
        final int[] night;
        final int[] big;
        final long[] minimum;
        final long[] payment;
        final Bill[] bill;
        final int[] logins;
        final int[] newDevices;
        final int[] cityCount;
        final int[] inquiries;

        MonthFigures(int m) {
            limit = new long[m];
            balance = new long[m];
            spend = new long[m];
            txnCount = new int[m];
            essential = new long[m];
            luxury = new long[m];
            festival = new long[m];
            night = new int[m];
            big = new int[m];
            minimum = new long[m];
            payment = new long[m];
            bill = new Bill[m];
            logins = new int[m];
            newDevices = new int[m];
            cityCount = new int[m];
            inquiries = new int[m];
        }
    }

    /** Starts customer number {@code index} (0-based) on its own random stream, seeded by (seed, index). */
    void start(long seed, int index) {
        r = new SplittableRandom(mix(seed, index));
        id = index + 1L;
        txnUsed = 0;
        bills.clear();
        logins.clear();
        inquiries.clear();
        knownDevices.clear();
        knownCities.clear();
    }

    Txn txn() {
        if (txnUsed == txnPool.size()) {
            txnPool.add(new Txn());
        }
        return txnPool.get(txnUsed++);
    }

    /** Days past due at a time: the oldest due date not yet satisfied, as the database sees it. */
    int dpdAt(long sec) {
        long day = sec / Timeline.DAY;
        long oldest = Long.MAX_VALUE;
        for (Bill b : bills) {
            if (b.dueDay < day && b.satisfiedSec >= sec && b.statementSec < sec) {
                oldest = Math.min(oldest, b.dueDay);
            }
        }
        return oldest == Long.MAX_VALUE ? 0 : (int) (day - oldest);
    }
}
