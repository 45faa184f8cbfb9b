package dev.riskdesk.exchange.load;

import dev.riskdesk.common.DataFolder;
import dev.riskdesk.common.UserFacingException;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalInt;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;

/**
 * The tier of each city in {@code data/cities.csv}: a customer row with an empty
 * {@code city_tier} must name one of these cities (checked by {@link LoadValidator}) and gets its
 * tier from here (the loader).
 */
public final class CityTiers {
    private final Map<String, Integer> tiers;

    private CityTiers(Map<String, Integer> tiers) {
        this.tiers = Map.copyOf(tiers);
    }

    /** The cities of {@code cities.csv} in the data folder ({@link DataFolder}). */
    public static CityTiers fromDataFolder() {
        return read(DataFolder.file("cities.csv"));
    }

    /** The cities of one {@code cities.csv} (columns {@code city} and {@code tier}). */
    public static CityTiers read(Path citiesCsv) {
        Map<String, Integer> tiers = new HashMap<>();
        try (Reader in = Files.newBufferedReader(citiesCsv, StandardCharsets.UTF_8)) {
            for (CSVRecord r : CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(in)) {
                tiers.put(r.get("city").strip(), Integer.parseInt(r.get("tier").strip()));
            }
        } catch (IOException | RuntimeException e) {
            throw new UserFacingException("Cannot read the city list " + citiesCsv + ": " + e.getMessage() + ".", e);
        }
        return new CityTiers(tiers);
    }

    public static CityTiers of(Map<String, Integer> tiers) {
        return new CityTiers(tiers);
    }

    /** The tiers of the data folder's cities by city name. */
    static Map<String, Integer> load() {
        return fromDataFolder().asMap();
    }

    /** The tier (1..5) of {@code city}, empty when RiskDesk does not know the city. */
    public OptionalInt tier(String city) {
        Integer t = tiers.get(city);
        return t == null ? OptionalInt.empty() : OptionalInt.of(t);
    }

    public boolean known(String city) {
        return tiers.containsKey(city);
    }

    public Map<String, Integer> asMap() {
        return tiers;
    }
}
