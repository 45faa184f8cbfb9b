package dev.riskdesk.portfolio;

import static dev.riskdesk.portfolio.Draws.lowerBound;
import static dev.riskdesk.portfolio.Draws.pick;
import static dev.riskdesk.portfolio.Draws.poisson;

import dev.riskdesk.portfolio.CustomerState.Txn;
import dev.riskdesk.portfolio.ReferenceData.Category;
import dev.riskdesk.portfolio.ReferenceData.Merchant;

/** The purchases of one month: the customer's own and, in the takeover scenario, the fraudster's. */
final class Spending extends SimulationStep {
    Spending(SimulationTables tables, CustomerState s) {
        super(tables, s);
    }

    /** The month's purchases into {@link CustomerState#monthTxns}, capped by the available amount at its start. */
    void drawSpending(int t, long from, long to) {
        s.monthTxns.clear();
        long cap = Math.max(0, s.limit - s.balance);
        long frozenFrom = Math.min(s.defaultSec, tl.asOfSec);
        if (!s.dormant && to - 3600 > from && from < frozenFrom) {
            long spent = drawPurchases(t, from, to, cap, frozenFrom);
            if (s.takeover && s.takeoverDevice != null && s.takeoverSec >= from && s.takeoverSec < to && s.takeoverSec < frozenFrom) {
                takeoverBurst(to, cap - spent);
            }
            s.monthTxns.sort((a, b) -> Long.compare(a.sec, b.sec));
        }
    }

    /** The customer's own purchases of the month; returns the amount spent. */
    private long drawPurchases(int t, long from, long to, long cap, long frozenFrom) {
        boolean warning = t >= s.distress - 3 && t < s.distress;
        double activity = Math.exp(s.volatility * s.r.nextGaussian() - s.volatility * s.volatility / 2)
                * (warning ? 1.7 : 1) * (s.shock && t >= tl.shockMonth ? 0.85 : 1);
        double share = (to - from) / (double) (tl.monthEndSec[t] - tl.monthStartSec[t]);
        int n = poisson(s.r, s.txnRate * tl.monthIntensity[t] * share * activity);
        long spent = 0;
        double[] dayCum = tl.dayCumulative[t];
        double total = dayCum[dayCum.length - 1];
        int firstDay = (int) ((from - tl.monthStartSec[t]) / Timeline.DAY);
        double low = firstDay == 0 ? 0 : dayCum[firstDay - 1];
        for (int i = 0; i < n; i++) {
            int day = lowerBound(dayCum, low + s.r.nextDouble() * (total - low));
            boolean festival = tl.festivalDay[t][day];
            int cat = pick(festival ? tables.festivalCategoryCum : tables.categoryCum, s.r);
            Category c = ref.categories().get(cat);
            long cents = (long) (c.minCents() * Math.exp(s.r.nextDouble() * Math.log((double) c.maxCents() / c.minCents())) * s.spendScale);
            cents = Math.max(c.minCents(), Math.min(c.maxCents(), cents));
            if (spent + cents > cap) {
                cents = cap - spent;
                if (cents < 1_000) {
                    continue;
                }
            }
            boolean night = s.r.nextDouble() < c.nightShare() * s.nightBias;
            long secOfDay = night ? s.r.nextInt(6 * 3600) : 7 * 3600 + s.r.nextInt(17 * 3600 - 1);
            long sec = tl.monthStartSec[t] + day * Timeline.DAY + secOfDay;
            if (sec < from || sec >= to - 3600 || sec >= frozenFrom) {
                continue;
            }
            Txn x = s.txn();
            x.sec = sec;
            x.cents = cents;
            x.category = cat;
            Merchant[] ms = tables.merchantsByCategory[cat];
            x.merchant = ms[s.r.nextInt(ms.length)].name();
            x.channel = tables.categoryChannel[cat];
            x.city = s.city.name();
            x.device = "POS".equals(x.channel) ? null : s.primaryDevice;
            s.monthTxns.add(x);
            spent += cents;
        }
        return spent;
    }

    /** The account-takeover scenario: a run of large online purchases from the new device. */
    private void takeoverBurst(long to, long available) {
        long burstTotal = (long) (available * (0.7 + 0.25 * s.r.nextDouble()));
        if (burstTotal < 200_000) {
            return;
        }
        int k = (int) Math.max(2, Math.min(6, burstTotal / 150_000));
        long each = burstTotal / k;
        long at = s.takeoverSec;
        for (int i = 0; i < k; i++) {
            at += 300 + s.r.nextInt(40 * 60);
            int cat = tables.takeoverCategories[s.r.nextInt(tables.takeoverCategories.length)];
            Txn x = s.txn();
            x.sec = Math.min(at, to - 120);
            x.cents = each;
            x.category = cat;
            Merchant[] ms = tables.merchantsByCategory[cat];
            x.merchant = ms[s.r.nextInt(ms.length)].name();
            x.channel = "ONLINE";
            x.city = ref.cities().get(s.takeoverCity).name();
            x.device = s.takeoverDevice;
            s.monthTxns.add(x);
        }
        s.takeoverPurchases = k;
        s.takeoverTotal = each * k;
    }

}
