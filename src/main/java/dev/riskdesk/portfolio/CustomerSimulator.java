package dev.riskdesk.portfolio;

import static dev.riskdesk.portfolio.Draws.clamp;
import static dev.riskdesk.portfolio.Draws.cumulative;
import static dev.riskdesk.portfolio.Draws.device;
import static dev.riskdesk.portfolio.Draws.digits;
import static dev.riskdesk.portfolio.Draws.lowerBound;
import static dev.riskdesk.portfolio.Draws.mix;
import static dev.riskdesk.portfolio.Draws.pick;
import static dev.riskdesk.portfolio.Draws.poisson;
import static dev.riskdesk.portfolio.Draws.roundHundred;
import static dev.riskdesk.portfolio.Draws.sigmoid;

import dev.riskdesk.portfolio.ReferenceData.Category;
import dev.riskdesk.portfolio.ReferenceData.City;
import dev.riskdesk.portfolio.ReferenceData.Institution;
import dev.riskdesk.portfolio.ReferenceData.Kind;
import dev.riskdesk.portfolio.ReferenceData.Merchant;
import dev.riskdesk.portfolio.ReferenceData.Occupation;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Simulates one customer and account over the generated months from a latent risk, and appends
 * the rows to a {@link Chunk}. Every random draw comes from a generator seeded by (seed, customer
 * index) and row ids come from counters advanced in customer order, so a run is reproducible.
 * Time is in seconds since the first month's start (see {@link Timeline}); money in cents.
 */
final class CustomerSimulator {
    // ---- calibration of the latent risk model (documented in data-model.md)
    static final double HAZARD_INTERCEPT = -6.55;
    static final double HAZARD_SLOPE = 1.25;
    static final double P_DORMANT = 0.052;
    static final double P_TAKEOVER = 0.003;
    static final double P_MULTI_LENDING = 0.02;
    static final double P_DELAY = 0.01;
    static final double P_SHOCK_IN_SEGMENT = 0.30;
    static final double SHOCK_RISK = 1.1;
    static final double MULTI_LENDING_RISK = 0.7;
    static final double MEAN_TXN_PER_MONTH = 2.5;
    static final double MEAN_LOGINS_PER_MONTH = 1.2;
    static final long BIG_TICKET_CENTS = 200_000;
    static final long[] BASE_LIMIT_CENTS = {300_000, 600_000, 1_200_000, 2_000_000, 3_500_000};
    static final double[] INCOME_RISK = {0.45, 0.2, 0.0, -0.2, -0.35};
    static final double[] TIER_INCOME = {0, 0.8, 0.4, 0.0, -0.3, -0.5};
    static final String[] BANDS = {"I1", "I2", "I3", "I4", "I5"};

    private final ReferenceData ref;
    private final Timeline tl;
    private final long seed;
    private final double[] cityCum;
    private final double[] surnameCum;
    private final double[] occupationCum;
    private final double[] prefixCum;
    private final double[] categoryCum;
    private final double[] festivalCategoryCum;
    private final double[] institutionCum;
    private final int[] burstInstitutions;
    private final Merchant[][] merchantsByCategory;
    private final String[] categoryChannel;
    private final int[] takeoverCategories;
    private final double meanTxnCents;
    private final int studentOccupation;
    private final String[] cityIpPrefix;

    // id counters, advanced in customer order
    long nextLimitChangeId = 1;
    long nextBillId = 1;
    long nextRepaymentId = 1;
    long nextTxnId = 1;
    long nextLoginId = 1;
    long nextInquiryId = 1;
    long nextTruthId = 1;

    // run statistics
    long accounts;
    long defaulted;
    final long[] scenarioCounts = new long[Scenario.values().length];
    long earliestInFlightPaidSec = Long.MAX_VALUE;

    enum Scenario { ACCOUNT_TAKEOVER, MULTI_LENDING, INCOME_SHOCK, DORMANT, REPAYMENT_DELAY, DEFAULT_90 }

    CustomerSimulator(ReferenceData ref, Timeline tl, long seed) {
        this.ref = ref;
        this.tl = tl;
        this.seed = seed;
        cityCum = cumulative(ref.cities().stream().mapToDouble(City::weight).toArray());
        surnameCum = cumulative(ref.surnames().stream().mapToDouble(ReferenceData.Weighted::weight).toArray());
        occupationCum = cumulative(ref.occupations().stream().mapToDouble(Occupation::weight).toArray());
        prefixCum = cumulative(ref.phonePrefixes().stream().mapToDouble(ReferenceData.Weighted::weight).toArray());
        categoryCum = cumulative(ref.categories().stream().mapToDouble(Category::weight).toArray());
        festivalCategoryCum = cumulative(ref.categories().stream().mapToDouble(c -> c.weight() * c.festivalBoost()).toArray());
        institutionCum = cumulative(ref.institutions().stream().mapToDouble(Institution::weight).toArray());
        burstInstitutions = java.util.stream.IntStream.range(0, ref.institutions().size())
                .filter(i -> ref.institutions().get(i).inquiryType().equals("CASH_LOAN")
                        || ref.institutions().get(i).inquiryType().equals("CONSUMER_LOAN"))
                .toArray();
        merchantsByCategory = new Merchant[ref.categories().size()][];
        categoryChannel = new String[ref.categories().size()];
        double mean = 0;
        double weights = 0;
        List<Integer> luxury = new ArrayList<>();
        for (Category c : ref.categories()) {
            merchantsByCategory[c.index()] = ref.merchants().stream().filter(m -> m.category().equals(c.code()))
                    .toArray(Merchant[]::new);
            categoryChannel[c.index()] = c.channel();
            double logMean = (c.maxCents() - c.minCents()) / Math.log((double) c.maxCents() / c.minCents());
            mean += c.weight() * logMean;
            weights += c.weight();
            if (c.kind() == Kind.LUXURY && c.maxCents() >= 500_000) {
                luxury.add(c.index());
            }
        }
        if (luxury.isEmpty()) {
            luxury.add(ref.categories().size() - 1);
        }
        takeoverCategories = luxury.stream().mapToInt(Integer::intValue).toArray();
        meanTxnCents = mean / weights;
        int student = -1;
        for (int i = 0; i < ref.occupations().size(); i++) {
            if (ref.occupations().get(i).name().equals("学生")) {
                student = i;
            }
        }
        studentOccupation = student;
        cityIpPrefix = new String[ref.cities().size()];
        for (City c : ref.cities()) {
            int h = c.regionCode().hashCode() & 0x7fffffff;
            cityIpPrefix[c.index()] = (36 + (c.index() % 180)) + "." + (h % 250 + 1) + ".";
        }
    }

    // ------------------------------------------------------------------ per-customer working state

    private static final class Txn {
        long sec;
        long cents;
        int category;
        String merchant;
        String channel;
        String city;
        String device;
    }

    private static final class Bill {
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

    private static final class Login {
        long sec;
        String device;
        int city;
        boolean newDevice;
        boolean newCity;
        boolean success;
    }

    private static final class Inquiry {
        long sec;
        int institution;
    }

    private final List<Txn> txnPool = new ArrayList<>();
    private int txnUsed;
    private final List<Txn> monthTxns = new ArrayList<>();
    private final List<Bill> bills = new ArrayList<>();
    private final List<Login> logins = new ArrayList<>();
    private final List<Inquiry> inquiries = new ArrayList<>();
    private final List<String> knownDevices = new ArrayList<>();
    private final List<Integer> knownCities = new ArrayList<>();

    // ------------------------------------------------------------------ the current customer

    private SplittableRandom r;
    private long id;
    // who the customer is
    private boolean male;
    private int age;
    private LocalDate birth;
    private City city;
    private Occupation occ;
    private int band;
    private boolean verified;
    private long regSec;
    private long openSec;
    private long verifiedSec;
    private String fullName;
    private String phone;
    private String idNumber;
    // the account and its behaviour
    private double z0;
    private boolean dormant;
    private boolean cashLoan;
    private long limit;
    private int billingDay;
    private double txnRate;
    private double loginRate;
    private double volatility;
    private double nightBias;
    private double spendScale;
    // scenarios and the latent risk by month
    private int openMonth;
    private boolean takeover;
    private int multiMonth;
    private boolean delay;
    private boolean inFlight;
    private boolean historicalDelay;
    private boolean shock;
    private long takeoverSec;
    private double[] z;
    private int distress;
    private String primaryDevice;
    private String takeoverDevice;
    private int takeoverCity;
    // the account's path through the months
    private MonthFigures figures;
    private String status;
    private long lastLimitChangeSec;
    private long balance;
    private long lastStatementAmount;
    private long paidTowardLast;
    private Bill pendingPayment;
    private long defaultSec;
    private long firstMissedDue;
    private int cleanBills;
    private boolean lastBillBad;
    private boolean historicalDelayDone;
    private boolean forceCure;
    // scenario evidence of the current customer
    private int takeoverPurchases;
    private long takeoverTotal;
    private long multiLendingSec = -1;
    private int multiLendingCount;
    private Bill inFlightBill;
    private long delaySec = -1;
    private int delayDays;

    /** Sums of one customer's months, one slot per generated month. */
    private static final class MonthFigures {
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

    /**
     * Generates customer number {@code index} (0-based) into the chunk. The steps draw from one
     * random stream in a fixed order; moving a draw from one step to another changes the book.
     */
    void simulate(int index, Chunk out) {
        r = new SplittableRandom(mix(seed, index));
        id = index + 1L;
        txnUsed = 0;
        bills.clear();
        logins.clear();
        inquiries.clear();
        knownDevices.clear();
        knownCities.clear();

        drawPerson();
        drawAccount();
        drawScenarios();
        drawDistress();
        simulateLogins();
        simulateInquiries();
        simulateMoney(out);
        writeBills(out);
        writeRepayments(out);
        writeLogins(out);
        writeInquiries(out);
        writeMonths(out);
        writeCustomerAndAccount(out);
        writeTruth(out);
        out.customerCount++;
    }

    // ------------------------------------------------------------------ who the customer is

    private void drawPerson() {
        male = r.nextBoolean();
        age = (int) Math.round(30 + 8.5 * r.nextGaussian());
        age = Math.max(18, Math.min(65, age));
        birth = tl.asOf.minusYears(age).minusDays(1 + r.nextInt(364));
        city = ref.cities().get(pick(cityCum, r));
        int occIndex = pick(occupationCum, r);
        if (age <= 22 && studentOccupation >= 0 && r.nextDouble() < 0.45) {
            occIndex = studentOccupation;
        }
        occ = ref.occupations().get(occIndex);
        double ageIncome = age < 23 ? -0.7 : age < 30 ? -0.1 : age < 50 ? 0.3 : 0.0;
        double incomeScore = TIER_INCOME[city.tier()] + occ.incomeShift() + ageIncome + 0.8 * r.nextGaussian();
        band = incomeScore < -0.9 ? 0 : incomeScore < -0.1 ? 1 : incomeScore < 0.6 ? 2 : incomeScore < 1.3 ? 3 : 4;
        verified = r.nextDouble() < 0.93;

        if (r.nextDouble() < 0.75) {
            regSec = -(long) (r.nextDouble() * 36 * 30.44 * Timeline.DAY) - r.nextInt(86_400);
        } else {
            long latest = tl.asOfSec - 45 * Timeline.DAY;
            regSec = latest <= 0 ? -r.nextInt(90 * 86_400) : (long) (r.nextDouble() * latest);
        }
        regSec -= Math.floorMod(regSec, 60);
        openSec = regSec + 600 + r.nextInt(5 * 86_400);
        verifiedSec = verified ? regSec + 60 + r.nextInt(2 * 86_400) : -1;

        fullName = name(r, male);
        phone = ref.phonePrefixes().get(pick(prefixCum, r)).value() + digits(r, 8);
        idNumber = IdNumbers.of(city.regionCode(), birth, r.nextInt(1000), male);
    }

    /** The latent risk, the opening limit and billing day, and how the customer spends and logs in. */
    private void drawAccount() {
        z0 = 0.8 * r.nextGaussian() + 0.6 * occ.risk() + INCOME_RISK[band] + (age < 25 ? 0.25 : 0)
                + (verified ? 0 : 0.4) + (city.tier() >= 4 ? 0.1 : 0);
        dormant = openSec < tl.asOfSec - 120 * Timeline.DAY && r.nextDouble() < P_DORMANT;
        cashLoan = r.nextDouble() < 0.05;
        limit = roundHundred(BASE_LIMIT_CENTS[band] * Math.exp(-0.35 * z0 + 0.25 * r.nextGaussian()) * (verified ? 1 : 0.6));
        limit = Math.max(50_000, Math.min(8_000_000, limit));
        billingDay = 1 + r.nextInt(28);

        txnRate = clamp(MEAN_TXN_PER_MONTH * Math.exp(0.5 * r.nextGaussian() - 0.125), 0.4, 15);
        loginRate = clamp(MEAN_LOGINS_PER_MONTH * Math.exp(0.5 * r.nextGaussian() - 0.125), 0.2, 10);
        volatility = 0.2 + 0.35 * sigmoid(1.5 * z0);
        double utilisation = sigmoid(-1.0 + 0.8 * z0 + 0.5 * r.nextGaussian());
        nightBias = 1 + 0.8 * Math.max(0, z0);
        spendScale = clamp(utilisation * limit * 0.6 / (txnRate * meanTxnCents), 0.4, 2.5);
    }

    /** Which injected scenarios the customer gets; all draws are made whatever the outcome so the random stream stays aligned. */
    private void drawScenarios() {
        double uTakeover = r.nextDouble();
        double uMulti = r.nextDouble();
        double uDelay = r.nextDouble();
        double uInFlight = r.nextDouble();
        double uShock = r.nextDouble();
        openMonth = Math.max(0, tl.monthOf(openSec));
        takeover = !dormant && uTakeover < P_TAKEOVER && openSec < tl.asOfSec - 40 * Timeline.DAY;
        multiMonth = -1;
        if (!dormant && uMulti < P_MULTI_LENDING && tl.months - 2 > openMonth + 1) {
            multiMonth = openMonth + 1 + r.nextInt(tl.months - 2 - openMonth - 1);
        } else {
            r.nextInt(2);
        }
        delay = !dormant && uDelay < P_DELAY;
        inFlight = delay && uInFlight < 0.5 && openSec < tl.asOfSec - 60 * Timeline.DAY;
        historicalDelay = delay && !inFlight;
        shock = !dormant && tl.shockMonth >= 1 && openMonth < tl.shockMonth
                && (city.tier() == 3 || city.tier() == 4) && occ.cyclical() && uShock < P_SHOCK_IN_SEGMENT;
        if (inFlight) {
            // choose the billing day so that the latest due date lies 2..9 days before as-of
            for (int attempt = 0; attempt < 20; attempt++) {
                LocalDate statement = tl.asOf.minusDays(11 + r.nextInt(8));
                if (statement.getDayOfMonth() <= 28) {
                    billingDay = statement.getDayOfMonth();
                    break;
                }
            }
        }
        takeoverSec = -1;
        if (takeover) {
            takeoverSec = tl.asOfSec - 3 * 3600 - (long) (r.nextDouble() * 9.5 * Timeline.DAY);
            takeoverSec = Math.max(takeoverSec, tl.monthStartSec[tl.detailStart] + 3600);
        }
    }

    /** The latent risk of each month and the month financial distress starts (all later bills missed), from a hazard on it. */
    private void drawDistress() {
        z = new double[tl.months];
        for (int t = 0; t < tl.months; t++) {
            z[t] = z0 + (shock && t >= tl.shockMonth ? SHOCK_RISK : 0) + (multiMonth >= 0 && t > multiMonth ? MULTI_LENDING_RISK : 0);
        }
        distress = Integer.MAX_VALUE;
        for (int t = openMonth; t < tl.months; t++) {
            if (r.nextDouble() < sigmoid(HAZARD_INTERCEPT + HAZARD_SLOPE * z[t]) && !dormant && !delay) {
                distress = Math.min(distress, t);
            }
        }
    }

    // ------------------------------------------------------------------ logins and inquiries (do not move money)

    private void simulateLogins() {
        primaryDevice = device(r);
        knownDevices.add(primaryDevice);
        knownCities.add(city.index());
        takeoverDevice = null;
        takeoverCity = -1;
        for (int t = openMonth; t < tl.months; t++) {
            long from = Math.max(tl.monthStartSec[t], openSec);
            long to = tl.monthEndSec[t] - 3600;
            if (to <= from) {
                continue;
            }
            double share = (to - from) / (30.44 * Timeline.DAY);
            int n = poisson(r, loginRate * share * (dormant ? 0.06 : 1));
            int first = logins.size();
            for (int i = 0; i < n; i++) {
                Login l = new Login();
                l.sec = from + (long) (r.nextDouble() * (to - from));
                logins.add(l);
            }
            if (takeover && takeoverSec >= from && takeoverSec < to) {
                Login l = new Login();
                l.sec = takeoverSec;
                l.newDevice = true; // marks the takeover login until flags are computed below
                l.city = -2;
                logins.add(l);
            }
            logins.subList(first, logins.size()).sort((a, b) -> Long.compare(a.sec, b.sec));
            for (int i = first; i < logins.size(); i++) {
                Login l = logins.get(i);
                if (l.city == -2) {
                    takeoverLogin(l);
                } else {
                    ordinaryLogin(l);
                }
            }
        }
    }

    private void takeoverLogin(Login l) {
        takeoverDevice = device(r);
        do {
            takeoverCity = pick(cityCum, r);
        } while (knownCities.contains(takeoverCity));
        l.device = takeoverDevice;
        l.city = takeoverCity;
        l.newDevice = true;
        l.newCity = true;
        l.success = true;
        knownDevices.add(takeoverDevice);
        knownCities.add(takeoverCity);
    }

    private void ordinaryLogin(Login l) {
        double u = r.nextDouble();
        if (u < 0.025) {
            l.device = device(r);
        } else if (u < 0.07 && knownDevices.size() > 1) {
            l.device = knownDevices.get(r.nextInt(knownDevices.size()));
        } else {
            l.device = primaryDevice;
        }
        l.newDevice = !knownDevices.contains(l.device);
        if (l.newDevice) {
            knownDevices.add(l.device);
        }
        l.city = r.nextDouble() < 0.04 ? pick(cityCum, r) : city.index();
        l.newCity = !knownCities.contains(l.city);
        if (l.newCity) {
            knownCities.add(l.city);
        }
        l.success = r.nextDouble() < 0.97;
    }

    private void simulateInquiries() {
        long inquiryEnd = tl.asOfSec - Timeline.DAY;
        for (int t = openMonth; t < tl.months; t++) {
            long from = Math.max(tl.monthStartSec[t], openSec);
            long to = Math.min(tl.monthEndSec[t], inquiryEnd);
            if (to <= from) {
                continue;
            }
            double share = (to - from) / (30.44 * Timeline.DAY);
            boolean warning = t >= distress - 3 && t <= distress;
            int n = poisson(r, 0.12 * Math.exp(0.6 * z[t]) * share * (warning ? 3 : 1));
            for (int i = 0; i < n; i++) {
                Inquiry q = new Inquiry();
                q.sec = from + (long) (r.nextDouble() * (to - from));
                q.institution = pick(institutionCum, r);
                inquiries.add(q);
            }
            if (t == multiMonth) {
                inquiryBurst(from, to, inquiryEnd);
            }
        }
        inquiries.sort((a, b) -> Long.compare(a.sec, b.sec));
    }

    /** The multi-lending scenario: 5 to 8 loan inquiries within a month. */
    private void inquiryBurst(long from, long to, long inquiryEnd) {
        int burst = 5 + r.nextInt(4);
        long start = from + (long) (r.nextDouble() * Math.max(1, Math.min(to - from, 20 * Timeline.DAY)));
        long span = Math.min(28 * Timeline.DAY, inquiryEnd - start - 1);
        long firstSec = Long.MAX_VALUE;
        for (int i = 0; i < burst; i++) {
            Inquiry q = new Inquiry();
            q.sec = i == 0 ? start : start + (long) (r.nextDouble() * span);
            q.institution = burstInstitutions.length == 0 ? pick(institutionCum, r)
                    : burstInstitutions[r.nextInt(burstInstitutions.length)];
            inquiries.add(q);
            firstSec = Math.min(firstSec, q.sec);
        }
        multiLendingSec = firstSec;
        multiLendingCount = burst;
    }

    // ------------------------------------------------------------------ money: spending, bills, repayments

    private void simulateMoney(Chunk out) {
        figures = new MonthFigures(tl.months);
        status = "ACTIVE";
        lastLimitChangeSec = openSec;
        out.limitChanges.add(nextLimitChangeId++, id, tl.time(openSec), null, money(limit), null, "ACTIVE", "ORIGINATION",
                verified ? "ORIGINATION" : "ORIGINATION,NOT_VERIFIED");
        if (dormant) {
            long becameDormant = openSec + 90 * Timeline.DAY;
            out.limitChanges.add(nextLimitChangeId++, id, tl.time(becameDormant), money(limit), money(limit), "ACTIVE", "DORMANT",
                    "HISTORY", "NO_USE_90D");
            lastLimitChangeSec = becameDormant;
            status = "DORMANT";
        }
        balance = 0;
        lastStatementAmount = 0;
        paidTowardLast = 0;
        pendingPayment = null;
        defaultSec = Long.MAX_VALUE;
        firstMissedDue = -1;
        cleanBills = 0;
        lastBillBad = false;
        historicalDelayDone = false;
        forceCure = false;
        for (int t = openMonth; t < tl.months; t++) {
            simulateMonth(t, out);
        }
    }

    private void simulateMonth(int t, Chunk out) {
        long from = Math.max(tl.monthStartSec[t], openSec);
        long to = tl.monthEndSec[t];
        // statement of this month, if it is issued after opening and before as-of
        long statementSec = tl.monthStartSec[t] + (billingDay - 1) * Timeline.DAY;
        boolean hasStatement = statementSec > openSec && statementSec < tl.asOfSec;

        drawSpending(t, from, to);
        walkMonth(t, to, statementSec, hasStatement, out.limitChanges);
        if (defaultSec < tl.asOfSec && defaultSec < to && !"FROZEN".equals(status)) {
            out.limitChanges.add(nextLimitChangeId++, id, tl.time(defaultSec), money(limit), money(limit), status, "FROZEN",
                    "HISTORY", "DPD90");
            status = "FROZEN";
            lastLimitChangeSec = defaultSec;
        }
        figures.limit[t] = limit;
        figures.balance[t] = balance;
        // the raw transactions of the month
        if (t >= tl.detailStart) {
            for (Txn x : monthTxns) {
                out.txns.add(nextTxnId++, id, tl.time(x.sec), money(x.cents), ref.categories().get(x.category).code(),
                        x.merchant, x.channel, x.city, x.device, tl.time(x.sec + 1 + (x.sec % 7)));
            }
        }
    }

    /** The month's purchases into {@link #monthTxns}, capped by the available amount at its start. */
    private void drawSpending(int t, long from, long to) {
        monthTxns.clear();
        long cap = Math.max(0, limit - balance);
        long frozenFrom = Math.min(defaultSec, tl.asOfSec);
        if (!dormant && to - 3600 > from && from < frozenFrom) {
            long spent = drawPurchases(t, from, to, cap, frozenFrom);
            if (takeover && takeoverDevice != null && takeoverSec >= from && takeoverSec < to && takeoverSec < frozenFrom) {
                takeoverBurst(to, cap - spent);
            }
            monthTxns.sort((a, b) -> Long.compare(a.sec, b.sec));
        }
    }

    /** The customer's own purchases of the month; returns the amount spent. */
    private long drawPurchases(int t, long from, long to, long cap, long frozenFrom) {
        boolean warning = t >= distress - 3 && t < distress;
        double activity = Math.exp(volatility * r.nextGaussian() - volatility * volatility / 2)
                * (warning ? 1.7 : 1) * (shock && t >= tl.shockMonth ? 0.85 : 1);
        double share = (to - from) / (double) (tl.monthEndSec[t] - tl.monthStartSec[t]);
        int n = poisson(r, txnRate * tl.monthIntensity[t] * share * activity);
        long spent = 0;
        double[] dayCum = tl.dayCumulative[t];
        double total = dayCum[dayCum.length - 1];
        int firstDay = (int) ((from - tl.monthStartSec[t]) / Timeline.DAY);
        double low = firstDay == 0 ? 0 : dayCum[firstDay - 1];
        for (int i = 0; i < n; i++) {
            int day = lowerBound(dayCum, low + r.nextDouble() * (total - low));
            boolean festival = tl.festivalDay[t][day];
            int cat = pick(festival ? festivalCategoryCum : categoryCum, r);
            Category c = ref.categories().get(cat);
            long cents = (long) (c.minCents() * Math.exp(r.nextDouble() * Math.log((double) c.maxCents() / c.minCents())) * spendScale);
            cents = Math.max(c.minCents(), Math.min(c.maxCents(), cents));
            if (spent + cents > cap) {
                cents = cap - spent;
                if (cents < 1_000) {
                    continue;
                }
            }
            boolean night = r.nextDouble() < c.nightShare() * nightBias;
            long secOfDay = night ? r.nextInt(6 * 3600) : 7 * 3600 + r.nextInt(17 * 3600 - 1);
            long sec = tl.monthStartSec[t] + day * Timeline.DAY + secOfDay;
            if (sec < from || sec >= to - 3600 || sec >= frozenFrom) {
                continue;
            }
            Txn x = txn();
            x.sec = sec;
            x.cents = cents;
            x.category = cat;
            Merchant[] ms = merchantsByCategory[cat];
            x.merchant = ms[r.nextInt(ms.length)].name();
            x.channel = categoryChannel[cat];
            x.city = city.name();
            x.device = "POS".equals(x.channel) ? null : primaryDevice;
            monthTxns.add(x);
            spent += cents;
        }
        return spent;
    }

    /** The account-takeover scenario: a run of large online purchases from the new device. */
    private void takeoverBurst(long to, long available) {
        long burstTotal = (long) (available * (0.7 + 0.25 * r.nextDouble()));
        if (burstTotal < 200_000) {
            return;
        }
        int k = (int) Math.max(2, Math.min(6, burstTotal / 150_000));
        long each = burstTotal / k;
        long at = takeoverSec;
        for (int i = 0; i < k; i++) {
            at += 300 + r.nextInt(40 * 60);
            int cat = takeoverCategories[r.nextInt(takeoverCategories.length)];
            Txn x = txn();
            x.sec = Math.min(at, to - 120);
            x.cents = each;
            x.category = cat;
            Merchant[] ms = merchantsByCategory[cat];
            x.merchant = ms[r.nextInt(ms.length)].name();
            x.channel = "ONLINE";
            x.city = ref.cities().get(takeoverCity).name();
            x.device = takeoverDevice;
            monthTxns.add(x);
        }
        takeoverPurchases = k;
        takeoverTotal = each * k;
    }

    /** Walks the month in time order: payments, spending, the statement. */
    private void walkMonth(int t, long to, long statementSec, boolean hasStatement, RowBuffer limitRows) {
        int ti = 0;
        boolean stated = !hasStatement;
        while (true) {
            long nextTxn = ti < monthTxns.size() ? monthTxns.get(ti).sec : Long.MAX_VALUE;
            long nextPay = pendingPayment != null && !pendingPayment.inFlight && pendingPayment.paidSec >= 0 ? pendingPayment.paidSec : Long.MAX_VALUE;
            long nextStatement = stated ? Long.MAX_VALUE : statementSec;
            long next = Math.min(nextTxn, Math.min(nextPay, nextStatement));
            if (next >= to) {
                break;
            }
            if (next == nextPay) {
                balance -= pendingPayment.paid;
                paidTowardLast += pendingPayment.paid;
                pendingPayment = null;
            } else if (next == nextStatement) {
                stated = true;
                issueStatement(t, statementSec, limitRows);
            } else {
                bookPurchase(t, monthTxns.get(ti++));
            }
        }
    }

    private void bookPurchase(int t, Txn x) {
        balance += x.cents;
        figures.spend[t] += x.cents;
        figures.txnCount[t]++;
        Category c = ref.categories().get(x.category);
        if (c.kind() == Kind.ESSENTIAL) {
            figures.essential[t] += x.cents;
        } else if (c.kind() == Kind.LUXURY) {
            figures.luxury[t] += x.cents;
        }
        int day = (int) ((x.sec - tl.monthStartSec[t]) / Timeline.DAY);
        if (tl.festivalDay[t][day]) {
            figures.festival[t] += x.cents;
        }
        long secOfDay = x.sec % Timeline.DAY;
        if (secOfDay < 6 * 3600) {
            figures.night[t]++;
        }
        if (x.cents >= BIG_TICKET_CENTS) {
            figures.big[t]++;
        }
    }

    /** The statement: interest on what was carried, the bill, whether and how it is paid, and a possible limit change. */
    private void issueStatement(int t, long statementSec, RowBuffer limitRows) {
        long carried = Math.max(0, lastStatementAmount - paidTowardLast);
        if (defaultSec == Long.MAX_VALUE) {
            balance += Math.round(carried * 0.015);
        }
        if (pendingPayment != null) {
            pendingPayment = null; // paid after as-of or in flight: not in the books yet
        }
        lastStatementAmount = balance;
        paidTowardLast = 0;
        if (balance <= 0) {
            return;
        }
        Bill b = new Bill();
        b.month = t;
        b.statementSec = statementSec;
        b.dueDay = statementSec / Timeline.DAY + 9;
        b.amount = balance;
        b.minimum = Math.min(balance, Math.max(5_000, Math.round(balance * 0.1)));
        figures.bill[t] = b;
        figures.minimum[t] = b.minimum;
        bills.add(b);
        boolean last = statementSec + 40 * Timeline.DAY > tl.asOfSec;
        boolean missed;
        if (defaultSec != Long.MAX_VALUE || t >= distress) {
            missed = true;
        } else if (forceCure || (delay && last)) {
            missed = false;
        } else {
            missed = r.nextDouble() < sigmoid(-5.2 + 1.2 * z[t]);
        }
        if (missed) {
            missBill(t, b);
        } else {
            payBill(t, b, statementSec, last);
        }
        historicalLimitChange(statementSec, limitRows);
    }

    private void missBill(int t, Bill b) {
        if (firstMissedDue < 0) {
            firstMissedDue = b.dueDay;
        }
        forceCure = t < distress && defaultSec == Long.MAX_VALUE;
        lastBillBad = true;
        cleanBills = 0;
        if (t >= distress && defaultSec == Long.MAX_VALUE) {
            defaultSec = (firstMissedDue + 90) * Timeline.DAY;
        }
    }

    private void payBill(int t, Bill b, long statementSec, boolean last) {
        boolean cure = firstMissedDue >= 0;
        boolean full = cure || r.nextDouble() < sigmoid(1.0 - 1.0 * z[t]);
        long amount = full ? b.amount : b.minimum + (long) (r.nextDouble() * 0.5 * (b.amount - b.minimum));
        boolean late = !(delay && last) && r.nextDouble() < sigmoid(-3.6 + 1.0 * z[t]);
        long paySec;
        if (late) {
            paySec = (b.dueDay + 1 + r.nextInt(18)) * Timeline.DAY + 8 * 3600 + r.nextInt(14 * 3600);
            b.channel = "APP";
        } else if (r.nextDouble() < 0.45) {
            paySec = b.dueDay * Timeline.DAY + 6 * 3600 + r.nextInt(3600);
            b.channel = "AUTO_DEBIT";
        } else {
            paySec = statementSec + (1 + r.nextInt(9)) * Timeline.DAY + 8 * 3600 + r.nextInt(14 * 3600);
            b.channel = "APP";
        }
        b.paid = amount;
        b.paidSec = paySec;
        b.receivedLagSec = 20 + r.nextInt(900);
        if (delay && last && inFlight) {
            delayInFlight(b, statementSec);
        } else if (historicalDelay && !historicalDelayDone && !late && t >= openMonth + 1 && t <= tl.months - 3
                && b.paidSec + 10 * Timeline.DAY < tl.asOfSec && (t == tl.months - 3 || r.nextDouble() < 0.25)) {
            b.receivedLagSec = (2 + r.nextInt(5)) * Timeline.DAY + r.nextInt(6 * 3600);
            b.paid = b.amount;
            historicalDelayDone = true;
            delaySec = b.paidSec;
            delayDays = (int) (b.receivedLagSec / Timeline.DAY);
        }
        bookPayment(b, cure);
        b.satisfiedSec = b.inFlight || b.paidSec >= tl.asOfSec ? Long.MAX_VALUE : b.paidSec;
        forceCure = false;
        lastBillBad = late;
        cleanBills = late ? 0 : cleanBills + 1;
    }

    /** The repayment-delay scenario in flight: paid on or before the due date, but the record reaches us after as-of. */
    private void delayInFlight(Bill b, long statementSec) {
        long due = b.dueDay * Timeline.DAY;
        b.paidSec = Math.max(statementSec + Timeline.DAY, due - r.nextInt(3) * Timeline.DAY) + 9 * 3600 + r.nextInt(10 * 3600);
        b.paid = b.amount;
        b.channel = "APP";
        b.inFlight = b.paidSec < tl.asOfSec && b.dueDay < tl.asOfDay;
        b.receivedLagSec = tl.asOfSec - b.paidSec + 3600 + r.nextInt(3 * 86_400);
    }

    /** A payment made before as-of is booked when its time comes; a cure satisfies the missed bills before it. */
    private void bookPayment(Bill b, boolean cure) {
        if (b.paidSec < tl.asOfSec && !b.inFlight) {
            pendingPayment = b;
            int pm = tl.monthOf(b.paidSec);
            if (pm < tl.months) {
                figures.payment[pm] += b.paid;
            }
            if (cure) {
                for (Bill old : bills) {
                    if (old != b && old.paidSec < 0 && old.satisfiedSec == Long.MAX_VALUE) {
                        old.satisfiedSec = b.paidSec;
                    }
                }
                firstMissedDue = -1;
            }
        } else if (b.inFlight) {
            inFlightBill = b;
        }
    }

    /** Occasional historical limit changes, decided at the statement. */
    private void historicalLimitChange(long statementSec, RowBuffer limitRows) {
        long changeSec = statementSec + Timeline.DAY + 3 * 3600;
        if (defaultSec != Long.MAX_VALUE || changeSec >= tl.asOfSec) {
            return;
        }
        double u = r.nextDouble();
        if (cleanBills >= 6 && u < 0.03) {
            long newLimit = Math.min(10_000_000, roundHundred(limit * (1.2 + 0.3 * r.nextDouble())));
            limitRows.add(nextLimitChangeId++, id, tl.time(changeSec), money(limit), money(newLimit), status, status,
                    "HISTORY", "GOOD_REPAYMENT");
            limit = newLimit;
            lastLimitChangeSec = changeSec;
            cleanBills = 0;
        } else if (lastBillBad && u < 0.12) {
            long newLimit = Math.max(50_000, roundHundred(limit * 0.7));
            limitRows.add(nextLimitChangeId++, id, tl.time(changeSec), money(limit), money(newLimit), status, status,
                    "HISTORY", "OVERDUE");
            limit = newLimit;
            lastLimitChangeSec = changeSec;
        }
    }

    // ------------------------------------------------------------------ the rows as the database sees them at as-of

    private void writeBills(Chunk out) {
        for (Bill b : bills) {
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
                billStatus = "MISSED";
                long until = b.satisfiedSec < tl.asOfSec ? b.satisfiedSec / Timeline.DAY : tl.asOfDay;
                dpd = (int) Math.max(1, until - b.dueDay);
            }
            if (b.month >= tl.detailStart) {
                b.id = nextBillId++;
                out.bills.add(b.id, id, tl.monthStart[b.month], tl.date(b.statementSec), tl.dateOfDay(b.dueDay),
                        money(b.amount), money(b.minimum), paid ? money(b.paid) : ZERO, paid ? tl.date(b.paidSec) : null,
                        dpd, billStatus, tl.time(b.statementSec + 2 * 3600 + (b.amount % 3600)));
            }
        }
    }

    private void writeRepayments(Chunk out) {
        for (Bill b : bills) {
            boolean written = b.paidSec >= 0 && (b.paidSec < tl.asOfSec || b.inFlight) && b.paidSec < tl.asOfSec;
            if (written && tl.monthOf(b.paidSec) >= tl.detailStart) {
                long received = b.paidSec + b.receivedLagSec;
                if (!b.inFlight && received >= tl.asOfSec) {
                    received = tl.asOfSec - 1;
                }
                out.repayments.add(nextRepaymentId++, id, b.id == 0 ? null : b.id, money(b.paid), tl.time(b.paidSec),
                        tl.time(received), b.channel);
            }
        }
    }

    /** Login rows of the detail months, and each month's logins, new devices and distinct cities. */
    private void writeLogins(Chunk out) {
        int li = 0;
        for (int t = 0; t < tl.months; t++) {
            long cityMask0 = 0;
            long cityMask1 = 0;
            int distinct = 0;
            while (li < logins.size() && logins.get(li).sec < tl.monthEndSec[t]) {
                Login l = logins.get(li++);
                figures.logins[t]++;
                if (l.newDevice) {
                    figures.newDevices[t]++;
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
                    out.logins.add(nextLoginId++, id, tl.time(l.sec), l.device, cityIpPrefix[c] + r.nextInt(256) + "." + (1 + r.nextInt(254)),
                            lc.name(), l.newDevice, l.newCity, l.success, tl.time(l.sec + 1 + (l.sec % 5)));
                }
            }
            figures.cityCount[t] = distinct;
        }
    }

    private void writeInquiries(Chunk out) {
        for (Inquiry q : inquiries) {
            int t = tl.monthOf(q.sec);
            figures.inquiries[t]++;
            if (t >= tl.detailStart) {
                Institution inst = ref.institutions().get(q.institution);
                out.inquiries.add(nextInquiryId++, id, tl.time(q.sec), inst.name(), inst.inquiryType(),
                        tl.time(q.sec + 7200 + (q.sec % 36_000)));
            }
        }
    }

    private void writeMonths(Chunk out) {
        MonthFigures f = figures;
        for (int t = openMonth; t < tl.months; t++) {
            Bill b = f.bill[t];
            boolean late = false;
            if (b != null) {
                boolean paid = b.paidSec >= 0 && b.paidSec < tl.asOfSec && !b.inFlight;
                late = paid ? b.paidSec / Timeline.DAY > b.dueDay : b.dueDay < tl.asOfDay;
            }
            out.months.add(id, tl.monthStart[t], money(f.limit[t]), money(Math.max(0, f.balance[t])), money(f.spend[t]),
                    f.txnCount[t], money(f.essential[t]), money(f.luxury[t]), money(f.festival[t]), f.night[t],
                    f.big[t], money(f.minimum[t]), money(f.payment[t]), dpdAt(tl.monthEndSec[t]), late,
                    f.logins[t], f.newDevices[t], f.cityCount[t], f.inquiries[t]);
        }
    }

    private void writeCustomerAndAccount(Chunk out) {
        out.customers.add(id, customerNo(id), fullName, male ? "M" : "F", birth, phone, phone.substring(7), idNumber,
                city.name(), city.tier(), BANDS[band], occ.name(), tl.time(regSec), verified,
                verified ? tl.time(verifiedSec) : null);
        int dpd = dpdAt(tl.asOfSec);
        long outstanding = Math.max(0, balance);
        boolean thin = dormant || openSec > tl.asOfSec - 180 * Timeline.DAY;
        out.accounts.add(id, (cashLoan ? "CL" : "CP") + pad(id, 12), id, cashLoan ? "CASH_LOAN" : "CREDIT_PAY",
                tl.time(openSec), status, money(limit), money(Math.max(0, limit - outstanding)), money(outstanding),
                tl.time(lastLimitChangeSec), dpd, bucket(dpd), thin);
        accounts++;
    }

    /** The scenarios the customer went through, then the evidence is cleared for the next customer. */
    private void writeTruth(Chunk out) {
        if (takeoverPurchases > 0) {
            truth(out, id, Scenario.ACCOUNT_TAKEOVER, takeoverSec, "new device " + takeoverDevice + " in "
                    + ref.cities().get(takeoverCity).name() + ", then " + takeoverPurchases + " purchases totalling "
                    + money(takeoverTotal) + " CNY");
        }
        if (multiLendingSec >= 0) {
            truth(out, id, Scenario.MULTI_LENDING, multiLendingSec, multiLendingCount + " external credit inquiries within 30 days");
        }
        if (shock) {
            truth(out, id, Scenario.INCOME_SHOCK, tl.monthStartSec[tl.shockMonth], "macro downturn: tier " + city.tier()
                    + " city, occupation " + occ.name());
        }
        if (dormant) {
            truth(out, id, Scenario.DORMANT, openSec + 90 * Timeline.DAY, "opened and never used");
        }
        if (inFlightBill != null) {
            truth(out, id, Scenario.REPAYMENT_DELAY, inFlightBill.paidSec, "in flight: paid on time, received "
                    + tl.time(inFlightBill.paidSec + inFlightBill.receivedLagSec) + ", after as-of");
            earliestInFlightPaidSec = Math.min(earliestInFlightPaidSec, inFlightBill.paidSec);
        } else if (delaySec >= 0) {
            truth(out, id, Scenario.REPAYMENT_DELAY, delaySec, "paid on time, received " + delayDays + " days late");
        }
        if (defaultSec < tl.asOfSec) {
            truth(out, id, Scenario.DEFAULT_90, defaultSec, "90 days past due");
            defaulted++;
        }
        takeoverPurchases = 0;
        takeoverTotal = 0;
        multiLendingSec = -1;
        multiLendingCount = 0;
        inFlightBill = null;
        delaySec = -1;
        delayDays = 0;
    }

    private void truth(Chunk out, long accountId, Scenario scenario, long sec, String details) {
        out.truth.add(nextTruthId++, accountId, scenario.name(), tl.time(sec), details);
        scenarioCounts[scenario.ordinal()]++;
    }

    /** Days past due at a time: the oldest due date not yet satisfied, as the database sees it. */
    private int dpdAt(long sec) {
        long day = sec / Timeline.DAY;
        long oldest = Long.MAX_VALUE;
        for (Bill b : bills) {
            if (b.dueDay < day && b.satisfiedSec >= sec && b.statementSec < sec) {
                oldest = Math.min(oldest, b.dueDay);
            }
        }
        return oldest == Long.MAX_VALUE ? 0 : (int) (day - oldest);
    }

    static String bucket(int dpd) {
        if (dpd <= 0) {
            return "CURRENT";
        }
        if (dpd <= 30) {
            return "DPD1_30";
        }
        if (dpd <= 60) {
            return "DPD31_60";
        }
        if (dpd < 90) {
            return "DPD61_90";
        }
        return "DPD90P";
    }

    private Txn txn() {
        if (txnUsed == txnPool.size()) {
            txnPool.add(new Txn());
        }
        return txnPool.get(txnUsed++);
    }

    private String name(SplittableRandom r, boolean male) {
        String surname = ref.surnames().get(pick(surnameCum, r)).value();
        List<String> own = male ? ref.maleChars() : ref.femaleChars();
        StringBuilder sb = new StringBuilder(4).append(surname);
        int chars = r.nextDouble() < 0.7 ? 2 : 1;
        for (int i = 0; i < chars; i++) {
            boolean unisex = !ref.unisexChars().isEmpty() && r.nextDouble() < 0.2;
            List<String> pool = unisex ? ref.unisexChars() : own;
            sb.append(pool.get(r.nextInt(pool.size())));
        }
        return sb.toString();
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

    static final BigDecimal ZERO = BigDecimal.valueOf(0, 2);

    static BigDecimal money(long cents) {
        return BigDecimal.valueOf(cents, 2);
    }

}
