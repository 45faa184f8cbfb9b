package dev.riskdesk.portfolio;

import static dev.riskdesk.portfolio.Calibration.BASE_LIMIT_CENTS;
import static dev.riskdesk.portfolio.Calibration.INCOME_RISK;
import static dev.riskdesk.portfolio.Calibration.MEAN_LOGINS_PER_MONTH;
import static dev.riskdesk.portfolio.Calibration.MEAN_TXN_PER_MONTH;
import static dev.riskdesk.portfolio.Calibration.P_DORMANT;
import static dev.riskdesk.portfolio.Calibration.TIER_INCOME;
import static dev.riskdesk.portfolio.Draws.clamp;
import static dev.riskdesk.portfolio.Draws.digits;
import static dev.riskdesk.portfolio.Draws.pick;
import static dev.riskdesk.portfolio.Draws.roundHundred;
import static dev.riskdesk.portfolio.Draws.sigmoid;

import java.util.List;
import java.util.SplittableRandom;

/** Who the customer is (person, income band, registration) and the account opened: limit, billing day, habits. */
final class PersonDraws extends SimulationStep {
    PersonDraws(SimulationTables tables, CustomerState s) {
        super(tables, s);
    }

    void drawPerson() {
        s.male = s.r.nextBoolean();
        s.age = (int) Math.round(30 + 8.5 * s.r.nextGaussian());
        s.age = Math.max(18, Math.min(65, s.age));
        s.birth = tl.asOf.minusYears(s.age).minusDays(1 + s.r.nextInt(364));
        s.city = ref.cities().get(pick(tables.cityCum, s.r));
        int occIndex = pick(tables.occupationCum, s.r);
        if (s.age <= 22 && tables.studentOccupation >= 0 && s.r.nextDouble() < 0.45) {
            occIndex = tables.studentOccupation;
        }
        s.occ = ref.occupations().get(occIndex);
        double ageIncome = s.age < 23 ? -0.7 : s.age < 30 ? -0.1 : s.age < 50 ? 0.3 : 0.0;
        double incomeScore = TIER_INCOME[s.city.tier()] + s.occ.incomeShift() + ageIncome + 0.8 * s.r.nextGaussian();
        s.band = incomeScore < -0.9 ? 0 : incomeScore < -0.1 ? 1 : incomeScore < 0.6 ? 2 : incomeScore < 1.3 ? 3 : 4;
        s.verified = s.r.nextDouble() < 0.93;

        if (s.r.nextDouble() < 0.75) {
            s.regSec = -(long) (s.r.nextDouble() * 36 * 30.44 * Timeline.DAY) - s.r.nextInt(86_400);
        } else {
            long latest = tl.asOfSec - 45 * Timeline.DAY;
            s.regSec = latest <= 0 ? -s.r.nextInt(90 * 86_400) : (long) (s.r.nextDouble() * latest);
        }
        s.regSec -= Math.floorMod(s.regSec, 60);
        s.openSec = s.regSec + 600 + s.r.nextInt(5 * 86_400);
        s.verifiedSec = s.verified ? s.regSec + 60 + s.r.nextInt(2 * 86_400) : -1;

        s.fullName = name(s.r, s.male);
        s.phone = ref.phonePrefixes().get(pick(tables.prefixCum, s.r)).value() + digits(s.r, 8);
        s.idNumber = IdNumbers.of(s.city.regionCode(), s.birth, s.r.nextInt(1000), s.male);
    }

    /** The latent risk, the opening limit and billing day, and how the customer spends and logs in. */
    void drawAccount() {
        s.z0 = 0.8 * s.r.nextGaussian() + 0.6 * s.occ.risk() + INCOME_RISK[s.band] + (s.age < 25 ? 0.25 : 0)
                + (s.verified ? 0 : 0.4) + (s.city.tier() >= 4 ? 0.1 : 0);
        s.dormant = s.openSec < tl.asOfSec - 120 * Timeline.DAY && s.r.nextDouble() < P_DORMANT;
        s.cashLoan = s.r.nextDouble() < 0.05;
        s.limit = roundHundred(BASE_LIMIT_CENTS[s.band] * Math.exp(-0.35 * s.z0 + 0.25 * s.r.nextGaussian()) * (s.verified ? 1 : 0.6));
        s.limit = Math.max(50_000, Math.min(8_000_000, s.limit));
        s.billingDay = 1 + s.r.nextInt(28);

        s.txnRate = clamp(MEAN_TXN_PER_MONTH * Math.exp(0.5 * s.r.nextGaussian() - 0.125), 0.4, 15);
        s.loginRate = clamp(MEAN_LOGINS_PER_MONTH * Math.exp(0.5 * s.r.nextGaussian() - 0.125), 0.2, 10);
        s.volatility = 0.2 + 0.35 * sigmoid(1.5 * s.z0);
        double utilisation = sigmoid(-1.0 + 0.8 * s.z0 + 0.5 * s.r.nextGaussian());
        s.nightBias = 1 + 0.8 * Math.max(0, s.z0);
        s.spendScale = clamp(utilisation * s.limit * 0.6 / (s.txnRate * tables.meanTxnCents), 0.4, 2.5);
    }

    private String name(SplittableRandom r, boolean male) {
        String surname = ref.surnames().get(pick(tables.surnameCum, r)).value();
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

}
