package dev.riskdesk.exchange.load;

import dev.riskdesk.portfolio.ReferenceData;
import java.util.HashMap;
import java.util.Map;

/** The tier of each city in data/cities.csv: what a customer row with an empty city_tier gets. */
final class CityTiers {
    private CityTiers() {
    }

    static Map<String, Integer> load() {
        Map<String, Integer> tiers = new HashMap<>();
        for (ReferenceData.City c : ReferenceData.load().cities()) {
            tiers.put(c.name(), c.tier());
        }
        return tiers;
    }
}
