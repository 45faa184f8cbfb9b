package dev.riskdesk.portfolio;

import static dev.riskdesk.portfolio.Calibration.HAZARD_INTERCEPT;
import static dev.riskdesk.portfolio.Calibration.HAZARD_SLOPE;
import static dev.riskdesk.portfolio.Calibration.MULTI_LENDING_RISK;
import static dev.riskdesk.portfolio.Calibration.P_DELAY;
import static dev.riskdesk.portfolio.Calibration.P_MULTI_LENDING;
import static dev.riskdesk.portfolio.Calibration.P_SHOCK_IN_SEGMENT;
import static dev.riskdesk.portfolio.Calibration.P_TAKEOVER;
import static dev.riskdesk.portfolio.Calibration.SHOCK_RISK;
import static dev.riskdesk.portfolio.Draws.sigmoid;

import java.time.LocalDate;

/**
 * The injected scenarios (takeover, multi-lending, repayment delay, income shock) and the latent
 * risk of each month with the month financial distress starts.
 */
final class ScenarioDraws extends SimulationStep {
    ScenarioDraws(SimulationTables tables, CustomerState s) {
        super(tables, s);
    }

    /** Which injected scenarios the customer gets; all draws are made whatever the outcome so the random stream stays aligned. */
    void drawScenarios() {
        double uTakeover = s.r.nextDouble();
        double uMulti = s.r.nextDouble();
        double uDelay = s.r.nextDouble();
        double uInFlight = s.r.nextDouble();
        double uShock = s.r.nextDouble();
        s.openMonth = Math.max(0, tl.monthOf(s.openSec));
        s.takeover = !s.dormant && uTakeover < P_TAKEOVER && s.openSec < tl.asOfSec - 40 * Timeline.DAY;
        s.multiMonth = -1;
        if (!s.dormant && uMulti < P_MULTI_LENDING && tl.months - 2 > s.openMonth + 1) {
            s.multiMonth = s.openMonth + 1 + s.r.nextInt(tl.months - 2 - s.openMonth - 1);
        } else {
            s.r.nextInt(2);
        }
        s.delay = !s.dormant && uDelay < P_DELAY;
        s.inFlight = s.delay && uInFlight < 0.5 && s.openSec < tl.asOfSec - 60 * Timeline.DAY;
        s.historicalDelay = s.delay && !s.inFlight;
        s.shock = !s.dormant && tl.shockMonth >= 1 && s.openMonth < tl.shockMonth
                && (s.city.tier() == 3 || s.city.tier() == 4) && s.occ.cyclical() && uShock < P_SHOCK_IN_SEGMENT;
        if (s.inFlight) {
            // choose the billing day so that the latest due date lies 5..9 days before as-of: far enough past due for the
            // overdue rules to hit, had the repayment not been made
            for (int attempt = 0; attempt < 20; attempt++) {
                LocalDate statement = tl.asOf.minusDays(14 + s.r.nextInt(5));
                if (statement.getDayOfMonth() <= 28) {
                    s.billingDay = statement.getDayOfMonth();
                    break;
                }
            }
        }
        s.takeoverSec = -1;
        if (s.takeover) {
            s.takeoverSec = tl.asOfSec - 3 * 3600 - (long) (s.r.nextDouble() * 9.5 * Timeline.DAY);
            s.takeoverSec = Math.max(s.takeoverSec, tl.monthStartSec[tl.detailStart] + 3600);
        }
    }

    /** The latent risk of each month and the month financial distress starts (all later bills missed), from a hazard on it. */
    void drawDistress() {
        s.z = new double[tl.months];
        for (int t = 0; t < tl.months; t++) {
            s.z[t] = s.z0 + (s.shock && t >= tl.shockMonth ? SHOCK_RISK : 0) + (s.multiMonth >= 0 && t > s.multiMonth ? MULTI_LENDING_RISK : 0);
        }
        s.distress = Integer.MAX_VALUE;
        for (int t = s.openMonth; t < tl.months; t++) {
            if (s.r.nextDouble() < sigmoid(HAZARD_INTERCEPT + HAZARD_SLOPE * s.z[t]) && !s.dormant && !s.delay) {
                s.distress = Math.min(s.distress, t);
            }
        }
    }

}
