package dev.riskdesk.portfolio;

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
    static final double P_SHOCK_IN_SEGMENT = 0.22;
    static final double SHOCK_RISK = 1.1;
    static final double MULTI_LENDING_RISK = 0.7;
    static final double MEAN_TXN_PER_MONTH = 3.0;
    static final double MEAN_LOGINS_PER_MONTH = 2.2;
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

    /** Generates customer number {@code index} (0-based) into the chunk. */
    void simulate(int index, Chunk out) {
        SplittableRandom r = new SplittableRandom(mix(seed, index));
        long id = index + 1L;
        txnUsed = 0;
        bills.clear();
        logins.clear();
        inquiries.clear();
        knownDevices.clear();
        knownCities.clear();

        // ---------------------------------------------------------- who the customer is
        boolean male = r.nextBoolean();
        int age = (int) Math.round(30 + 8.5 * r.nextGaussian());
        age = Math.max(18, Math.min(65, age));
        LocalDate birth = tl.asOf.minusYears(age).minusDays(1 + r.nextInt(364));
        City city = ref.cities().get(pick(cityCum, r));
        int occIndex = pick(occupationCum, r);
        if (age <= 22 && studentOccupation >= 0 && r.nextDouble() < 0.45) {
            occIndex = studentOccupation;
        }
        Occupation occ = ref.occupations().get(occIndex);
        double ageIncome = age < 23 ? -0.7 : age < 30 ? -0.1 : age < 50 ? 0.3 : 0.0;
        double incomeScore = TIER_INCOME[city.tier()] + occ.incomeShift() + ageIncome + 0.8 * r.nextGaussian();
        int band = incomeScore < -0.9 ? 0 : incomeScore < -0.1 ? 1 : incomeScore < 0.6 ? 2 : incomeScore < 1.3 ? 3 : 4;
        boolean verified = r.nextDouble() < 0.93;

        long regSec;
        if (r.nextDouble() < 0.75) {
            regSec = -(long) (r.nextDouble() * 36 * 30.44 * Timeline.DAY) - r.nextInt(86_400);
        } else {
            long latest = tl.asOfSec - 45 * Timeline.DAY;
            regSec = latest <= 0 ? -r.nextInt(90 * 86_400) : (long) (r.nextDouble() * latest);
        }
        regSec -= Math.floorMod(regSec, 60);
        long openSec = regSec + 600 + r.nextInt(5 * 86_400);
        long verifiedSec = verified ? regSec + 60 + r.nextInt(2 * 86_400) : -1;

        String fullName = name(r, male);
        String phone = ref.phonePrefixes().get(pick(prefixCum, r)).value() + digits(r, 8);
        String idNumber = IdNumbers.of(city.regionCode(), birth, r.nextInt(1000), male);

        double z0 = 0.8 * r.nextGaussian() + 0.6 * occ.risk() + INCOME_RISK[band] + (age < 25 ? 0.25 : 0)
                + (verified ? 0 : 0.4) + (city.tier() >= 4 ? 0.1 : 0);
        boolean dormant = openSec < tl.asOfSec - 120 * Timeline.DAY && r.nextDouble() < P_DORMANT;
        boolean cashLoan = r.nextDouble() < 0.05;
        long limit = roundHundred(BASE_LIMIT_CENTS[band] * Math.exp(-0.35 * z0 + 0.25 * r.nextGaussian()) * (verified ? 1 : 0.6));
        limit = Math.max(50_000, Math.min(8_000_000, limit));
        int billingDay = 1 + r.nextInt(28);

        // behaviour parameters
        double txnRate = clamp(MEAN_TXN_PER_MONTH * Math.exp(0.5 * r.nextGaussian() - 0.125), 0.4, 15);
        double loginRate = clamp(MEAN_LOGINS_PER_MONTH * Math.exp(0.5 * r.nextGaussian() - 0.125), 0.2, 10);
        double volatility = 0.2 + 0.35 * sigmoid(1.5 * z0);
        double utilisation = sigmoid(-1.0 + 0.8 * z0 + 0.5 * r.nextGaussian());
        double nightBias = 1 + 0.8 * Math.max(0, z0);
        double spendScale = clamp(utilisation * limit * 0.6 / (txnRate * meanTxnCents), 0.4, 2.5);

        // scenarios: all draws are made whatever the outcome so the random stream stays aligned
        double uTakeover = r.nextDouble();
        double uMulti = r.nextDouble();
        double uDelay = r.nextDouble();
        double uInFlight = r.nextDouble();
        double uShock = r.nextDouble();
        int openMonth = Math.max(0, tl.monthOf(openSec));
        boolean takeover = !dormant && uTakeover < P_TAKEOVER && openSec < tl.asOfSec - 40 * Timeline.DAY;
        int multiMonth = -1;
        if (!dormant && uMulti < P_MULTI_LENDING && tl.months - 2 > openMonth + 1) {
            multiMonth = openMonth + 1 + r.nextInt(tl.months - 2 - openMonth - 1);
        } else {
            r.nextInt(2);
        }
        boolean delay = !dormant && uDelay < P_DELAY;
        boolean inFlight = delay && uInFlight < 0.5 && openSec < tl.asOfSec - 60 * Timeline.DAY;
        boolean historicalDelay = delay && !inFlight;
        boolean shock = !dormant && tl.shockMonth >= 1 && openMonth < tl.shockMonth
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
        long takeoverSec = -1;
        if (takeover) {
            takeoverSec = tl.asOfSec - 3 * 3600 - (long) (r.nextDouble() * 9.5 * Timeline.DAY);
            takeoverSec = Math.max(takeoverSec, tl.monthStartSec[tl.detailStart] + 3600);
        }

        double[] z = new double[tl.months];
        for (int t = 0; t < tl.months; t++) {
            z[t] = z0 + (shock && t >= tl.shockMonth ? SHOCK_RISK : 0) + (multiMonth >= 0 && t > multiMonth ? MULTI_LENDING_RISK : 0);
        }
        // the month financial distress starts (all later bills missed), from a hazard on the latent risk
        int distress = Integer.MAX_VALUE;
        for (int t = openMonth; t < tl.months; t++) {
            if (r.nextDouble() < sigmoid(HAZARD_INTERCEPT + HAZARD_SLOPE * z[t]) && !dormant && !delay) {
                distress = Math.min(distress, t);
            }
        }

        // ---------------------------------------------------------- logins and inquiries (do not move money)
        String primaryDevice = device(r);
        knownDevices.add(primaryDevice);
        knownCities.add(city.index());
        String takeoverDevice = null;
        int takeoverCity = -1;
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
                    continue;
                }
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
        }
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
        }
        inquiries.sort((a, b) -> Long.compare(a.sec, b.sec));

        // ---------------------------------------------------------- money: spending, bills, repayments
        int m = tl.months;
        long[] monthLimit = new long[m];
        long[] monthBalance = new long[m];
        long[] monthSpend = new long[m];
        int[] monthTxnCount = new int[m];
        long[] monthEssential = new long[m];
        long[] monthLuxury = new long[m];
        long[] monthFestival = new long[m];
        int[] monthNight = new int[m];
        int[] monthBig = new int[m];
        long[] monthMinimum = new long[m];
        long[] monthPayment = new long[m];
        Bill[] billOfMonth = new Bill[m];

        RowBuffer limitRows = out.limitChanges;
        String status = "ACTIVE";
        long lastLimitChangeSec = openSec;
        limitRows.add(nextLimitChangeId++, id, tl.time(openSec), null, money(limit), null, "ACTIVE", "ORIGINATION",
                verified ? "ORIGINATION" : "ORIGINATION,NOT_VERIFIED");
        if (dormant) {
            long becameDormant = openSec + 90 * Timeline.DAY;
            limitRows.add(nextLimitChangeId++, id, tl.time(becameDormant), money(limit), money(limit), "ACTIVE", "DORMANT",
                    "HISTORY", "NO_USE_90D");
            lastLimitChangeSec = becameDormant;
            status = "DORMANT";
        }

        long balance = 0;
        long lastStatementAmount = 0;
        long paidTowardLast = 0;
        Bill pendingPayment = null;
        long defaultSec = Long.MAX_VALUE;
        long firstMissedDue = -1;
        int cleanBills = 0;
        boolean lastBillBad = false;
        boolean historicalDelayDone = false;
        boolean forceCure = false;
        int latestStatementMonth = -1;
        for (int t = openMonth; t < m; t++) {
            long from = Math.max(tl.monthStartSec[t], openSec);
            long to = tl.monthEndSec[t];
            // statement of this month, if it is issued after opening and before as-of
            long statementSec = tl.monthStartSec[t] + (billingDay - 1) * Timeline.DAY;
            boolean hasStatement = statementSec > openSec && statementSec < tl.asOfSec;
            if (hasStatement) {
                latestStatementMonth = t;
            }

            // spending of the month, capped by the available amount at its start
            monthTxns.clear();
            long cap = Math.max(0, limit - balance);
            long frozenFrom = Math.min(defaultSec, tl.asOfSec);
            if (!dormant && to - 3600 > from && from < frozenFrom) {
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
                if (takeover && takeoverDevice != null && takeoverSec >= from && takeoverSec < to && takeoverSec < frozenFrom) {
                    long available = cap - spent;
                    long burstTotal = (long) (available * (0.7 + 0.25 * r.nextDouble()));
                    if (burstTotal >= 200_000) {
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
                }
                monthTxns.sort((a, b) -> Long.compare(a.sec, b.sec));
            }

            // walk the month in time order: payments, spending, the statement
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
                    // interest on what was carried from the last statement
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
                        continue;
                    }
                    Bill b = new Bill();
                    b.month = t;
                    b.statementSec = statementSec;
                    b.dueDay = statementSec / Timeline.DAY + 9;
                    b.amount = balance;
                    b.minimum = Math.min(balance, Math.max(5_000, Math.round(balance * 0.1)));
                    billOfMonth[t] = b;
                    monthMinimum[t] = b.minimum;
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
                        if (firstMissedDue < 0) {
                            firstMissedDue = b.dueDay;
                        }
                        forceCure = t < distress && defaultSec == Long.MAX_VALUE;
                        lastBillBad = true;
                        cleanBills = 0;
                        if (t >= distress && defaultSec == Long.MAX_VALUE) {
                            defaultSec = (firstMissedDue + 90) * Timeline.DAY;
                        }
                    } else {
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
                            // paid on or before the due date, but the record reaches us after as-of
                            long due = b.dueDay * Timeline.DAY;
                            b.paidSec = Math.max(statementSec + Timeline.DAY, due - r.nextInt(3) * Timeline.DAY) + 9 * 3600 + r.nextInt(10 * 3600);
                            b.paid = b.amount;
                            b.channel = "APP";
                            b.inFlight = b.paidSec < tl.asOfSec && b.dueDay < tl.asOfDay;
                            b.receivedLagSec = tl.asOfSec - b.paidSec + 3600 + r.nextInt(3 * 86_400);
                        } else if (historicalDelay && !historicalDelayDone && !late && t >= openMonth + 1 && t <= m - 3
                                && b.paidSec + 10 * Timeline.DAY < tl.asOfSec && (t == m - 3 || r.nextDouble() < 0.25)) {
                            b.receivedLagSec = (2 + r.nextInt(5)) * Timeline.DAY + r.nextInt(6 * 3600);
                            historicalDelayDone = true;
                            delaySec = b.paidSec;
                            delayDays = (int) (b.receivedLagSec / Timeline.DAY);
                        }
                        if (b.paidSec < tl.asOfSec && !b.inFlight) {
                            pendingPayment = b;
                            int pm = tl.monthOf(b.paidSec);
                            if (pm < m) {
                                monthPayment[pm] += b.paid;
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
                        b.satisfiedSec = b.inFlight || b.paidSec >= tl.asOfSec ? Long.MAX_VALUE : b.paidSec;
                        forceCure = false;
                        lastBillBad = late;
                        cleanBills = late ? 0 : cleanBills + 1;
                    }
                    // occasional historical limit changes, decided at the statement
                    long changeSec = statementSec + Timeline.DAY + 3 * 3600;
                    if (defaultSec == Long.MAX_VALUE && changeSec < tl.asOfSec) {
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
                } else {
                    Txn x = monthTxns.get(ti++);
                    balance += x.cents;
                    monthSpend[t] += x.cents;
                    monthTxnCount[t]++;
                    Category c = ref.categories().get(x.category);
                    if (c.kind() == Kind.ESSENTIAL) {
                        monthEssential[t] += x.cents;
                    } else if (c.kind() == Kind.LUXURY) {
                        monthLuxury[t] += x.cents;
                    }
                    int day = (int) ((x.sec - tl.monthStartSec[t]) / Timeline.DAY);
                    if (tl.festivalDay[t][day]) {
                        monthFestival[t] += x.cents;
                    }
                    long secOfDay = x.sec % Timeline.DAY;
                    if (secOfDay < 6 * 3600) {
                        monthNight[t]++;
                    }
                    if (x.cents >= BIG_TICKET_CENTS) {
                        monthBig[t]++;
                    }
                }
            }
            if (defaultSec < tl.asOfSec && defaultSec < to && !"FROZEN".equals(status)) {
                limitRows.add(nextLimitChangeId++, id, tl.time(defaultSec), money(limit), money(limit), status, "FROZEN",
                        "HISTORY", "DPD90");
                status = "FROZEN";
                lastLimitChangeSec = defaultSec;
            }
            monthLimit[t] = limit;
            monthBalance[t] = balance;
            // the raw transactions of the month
            if (t >= tl.detailStart) {
                for (Txn x : monthTxns) {
                    out.txns.add(nextTxnId++, id, tl.time(x.sec), money(x.cents), ref.categories().get(x.category).code(),
                            x.merchant, x.channel, x.city, x.device, tl.time(x.sec + 1 + (x.sec % 7)));
                }
            }
        }

        // ---------------------------------------------------------- bills and repayments as the database sees them at as-of
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

        // ---------------------------------------------------------- logins, inquiries, monthly aggregates
        int[] monthLogins = new int[m];
        int[] monthNewDevices = new int[m];
        int[] monthCityCount = new int[m];
        int[] monthInquiries = new int[m];
        int li = 0;
        for (int t = 0; t < m; t++) {
            long cityMask0 = 0;
            long cityMask1 = 0;
            int distinct = 0;
            while (li < logins.size() && logins.get(li).sec < tl.monthEndSec[t]) {
                Login l = logins.get(li++);
                monthLogins[t]++;
                if (l.newDevice) {
                    monthNewDevices[t]++;
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
            monthCityCount[t] = distinct;
        }
        for (Inquiry q : inquiries) {
            int t = tl.monthOf(q.sec);
            monthInquiries[t]++;
            if (t >= tl.detailStart) {
                Institution inst = ref.institutions().get(q.institution);
                out.inquiries.add(nextInquiryId++, id, tl.time(q.sec), inst.name(), inst.inquiryType(),
                        tl.time(q.sec + 7200 + (q.sec % 36_000)));
            }
        }
        for (int t = openMonth; t < m; t++) {
            Bill b = billOfMonth[t];
            boolean late = false;
            if (b != null) {
                boolean paid = b.paidSec >= 0 && b.paidSec < tl.asOfSec && !b.inFlight;
                late = paid ? b.paidSec / Timeline.DAY > b.dueDay : b.dueDay < tl.asOfDay;
            }
            out.months.add(id, tl.monthStart[t], money(monthLimit[t]), money(Math.max(0, monthBalance[t])), money(monthSpend[t]),
                    monthTxnCount[t], money(monthEssential[t]), money(monthLuxury[t]), money(monthFestival[t]), monthNight[t],
                    monthBig[t], money(monthMinimum[t]), money(monthPayment[t]), dpdAt(tl.monthEndSec[t]), late,
                    monthLogins[t], monthNewDevices[t], monthCityCount[t], monthInquiries[t]);
        }

        // ---------------------------------------------------------- customer, account, truth
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
        out.customerCount++;
    }

    // scenario evidence of the current customer
    private int takeoverPurchases;
    private long takeoverTotal;
    private long multiLendingSec = -1;
    private int multiLendingCount;
    private Bill inFlightBill;
    private long delaySec = -1;
    private int delayDays;

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

    private static String device(SplittableRandom r) {
        String hex = Long.toHexString(r.nextLong() | 0x1000_0000_0000_0000L).toUpperCase();
        return "DV" + hex.substring(hex.length() - 14);
    }

    private static String digits(SplittableRandom r, int n) {
        char[] c = new char[n];
        for (int i = 0; i < n; i++) {
            c[i] = (char) ('0' + r.nextInt(10));
        }
        return new String(c);
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

    static long roundHundred(double cents) {
        return Math.round(cents / 10_000.0) * 10_000L;
    }

    static double sigmoid(double x) {
        return 1.0 / (1.0 + Math.exp(-x));
    }

    static double clamp(double x, double lo, double hi) {
        return Math.max(lo, Math.min(hi, x));
    }

    static double[] cumulative(double[] weights) {
        double[] cum = new double[weights.length];
        double sum = 0;
        for (int i = 0; i < weights.length; i++) {
            sum += weights[i];
            cum[i] = sum;
        }
        return cum;
    }

    static int pick(double[] cumulative, SplittableRandom r) {
        return lowerBound(cumulative, r.nextDouble() * cumulative[cumulative.length - 1]);
    }

    /** First index whose cumulative weight exceeds x. */
    static int lowerBound(double[] cumulative, double x) {
        int lo = 0;
        int hi = cumulative.length - 1;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (cumulative[mid] > x) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return lo;
    }

    static int poisson(SplittableRandom r, double lambda) {
        if (lambda <= 0) {
            return 0;
        }
        if (lambda > 30) {
            return (int) Math.max(0, Math.round(lambda + Math.sqrt(lambda) * r.nextGaussian()));
        }
        double l = Math.exp(-lambda);
        int k = 0;
        double p = r.nextDouble();
        while (p > l) {
            k++;
            p *= r.nextDouble();
        }
        return k;
    }

    /** SplitMix64 of (seed, index): independent streams per customer. */
    static long mix(long seed, long index) {
        long z = seed * 0x9E3779B97F4A7C15L + (index + 1) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
