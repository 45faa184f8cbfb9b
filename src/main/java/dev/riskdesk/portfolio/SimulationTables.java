package dev.riskdesk.portfolio;

import static dev.riskdesk.portfolio.Draws.cumulative;

import dev.riskdesk.portfolio.ReferenceData.Category;
import dev.riskdesk.portfolio.ReferenceData.City;
import dev.riskdesk.portfolio.ReferenceData.Institution;
import dev.riskdesk.portfolio.ReferenceData.Kind;
import dev.riskdesk.portfolio.ReferenceData.Merchant;
import dev.riskdesk.portfolio.ReferenceData.Occupation;
import java.util.ArrayList;
import java.util.List;

/** The reference data and timeline of a run, with the weight tables and lookups the draws use, built once. */
final class SimulationTables {
    final ReferenceData ref;
    final Timeline tl;
    final double[] cityCum;
    final double[] surnameCum;
    final double[] occupationCum;
    final double[] prefixCum;
    final double[] categoryCum;
    final double[] festivalCategoryCum;
    final double[] institutionCum;
    final int[] burstInstitutions;
    final Merchant[][] merchantsByCategory;
    final String[] categoryChannel;
    final int[] takeoverCategories;
    final double meanTxnCents;
    final int studentOccupation;
    final String[] cityIpPrefix;

    SimulationTables(ReferenceData ref, Timeline tl) {
        this.ref = ref;
        this.tl = tl;
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
}
