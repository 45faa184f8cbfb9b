package dev.riskdesk.portfolio;

import static dev.riskdesk.portfolio.Draws.device;
import static dev.riskdesk.portfolio.Draws.pick;
import static dev.riskdesk.portfolio.Draws.poisson;

import dev.riskdesk.portfolio.CustomerState.Inquiry;
import dev.riskdesk.portfolio.CustomerState.Login;

/** The customer's logins and external credit inquiries; they do not move money. */
final class BehaviourFeeds extends SimulationStep {
    BehaviourFeeds(SimulationTables tables, CustomerState s) {
        super(tables, s);
    }

    void simulateLogins() {
        s.primaryDevice = device(s.r);
        s.knownDevices.add(s.primaryDevice);
        s.knownCities.add(s.city.index());
        s.takeoverDevice = null;
        s.takeoverCity = -1;
        for (int t = s.openMonth; t < tl.months; t++) {
            long from = Math.max(tl.monthStartSec[t], s.openSec);
            long to = tl.monthEndSec[t] - 3600;
            if (to <= from) {
                continue;
            }
            double share = (to - from) / (30.44 * Timeline.DAY);
            int n = poisson(s.r, s.loginRate * share * (s.dormant ? 0.06 : 1));
            int first = s.logins.size();
            for (int i = 0; i < n; i++) {
                Login l = new Login();
                l.sec = from + (long) (s.r.nextDouble() * (to - from));
                s.logins.add(l);
            }
            if (s.takeover && s.takeoverSec >= from && s.takeoverSec < to) {
                Login l = new Login();
                l.sec = s.takeoverSec;
                l.newDevice = true; // marks the takeover login until flags are computed below
                l.city = -2;
                s.logins.add(l);
            }
            s.logins.subList(first, s.logins.size()).sort((a, b) -> Long.compare(a.sec, b.sec));
            for (int i = first; i < s.logins.size(); i++) {
                Login l = s.logins.get(i);
                if (l.city == -2) {
                    takeoverLogin(l);
                } else {
                    ordinaryLogin(l);
                }
            }
        }
    }

    private void takeoverLogin(Login l) {
        s.takeoverDevice = device(s.r);
        do {
            s.takeoverCity = pick(tables.cityCum, s.r);
        } while (s.knownCities.contains(s.takeoverCity));
        l.device = s.takeoverDevice;
        l.city = s.takeoverCity;
        l.newDevice = true;
        l.newCity = true;
        l.success = true;
        s.knownDevices.add(s.takeoverDevice);
        s.knownCities.add(s.takeoverCity);
    }

    private void ordinaryLogin(Login l) {
        double u = s.r.nextDouble();
        if (u < 0.025) {
            l.device = device(s.r);
        } else if (u < 0.07 && s.knownDevices.size() > 1) {
            l.device = s.knownDevices.get(s.r.nextInt(s.knownDevices.size()));
        } else {
            l.device = s.primaryDevice;
        }
        l.newDevice = !s.knownDevices.contains(l.device);
        if (l.newDevice) {
            s.knownDevices.add(l.device);
        }
        l.city = s.r.nextDouble() < 0.04 ? pick(tables.cityCum, s.r) : s.city.index();
        l.newCity = !s.knownCities.contains(l.city);
        if (l.newCity) {
            s.knownCities.add(l.city);
        }
        l.success = s.r.nextDouble() < 0.97;
    }

    void simulateInquiries() {
        long inquiryEnd = tl.asOfSec - Timeline.DAY;
        for (int t = s.openMonth; t < tl.months; t++) {
            long from = Math.max(tl.monthStartSec[t], s.openSec);
            long to = Math.min(tl.monthEndSec[t], inquiryEnd);
            if (to <= from) {
                continue;
            }
            double share = (to - from) / (30.44 * Timeline.DAY);
            boolean warning = t >= s.distress - 3 && t <= s.distress;
            int n = poisson(s.r, 0.12 * Math.exp(0.6 * s.z[t]) * share * (warning ? 3 : 1));
            for (int i = 0; i < n; i++) {
                Inquiry q = new Inquiry();
                q.sec = from + (long) (s.r.nextDouble() * (to - from));
                q.institution = pick(tables.institutionCum, s.r);
                s.inquiries.add(q);
            }
            if (t == s.multiMonth) {
                inquiryBurst(from, to, inquiryEnd);
            }
        }
        s.inquiries.sort((a, b) -> Long.compare(a.sec, b.sec));
    }

    /** The multi-lending scenario: 5 to 8 loan inquiries within a month. */
    private void inquiryBurst(long from, long to, long inquiryEnd) {
        int burst = 5 + s.r.nextInt(4);
        long start = from + (long) (s.r.nextDouble() * Math.max(1, Math.min(to - from, 20 * Timeline.DAY)));
        long span = Math.min(28 * Timeline.DAY, inquiryEnd - start - 1);
        long firstSec = Long.MAX_VALUE;
        for (int i = 0; i < burst; i++) {
            Inquiry q = new Inquiry();
            q.sec = i == 0 ? start : start + (long) (s.r.nextDouble() * span);
            q.institution = tables.burstInstitutions.length == 0 ? pick(tables.institutionCum, s.r)
                    : tables.burstInstitutions[s.r.nextInt(tables.burstInstitutions.length)];
            s.inquiries.add(q);
            firstSec = Math.min(firstSec, q.sec);
        }
        s.multiLendingSec = firstSec;
        s.multiLendingCount = burst;
    }

}
