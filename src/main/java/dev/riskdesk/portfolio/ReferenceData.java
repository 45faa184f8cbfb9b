package dev.riskdesk.portfolio;

import dev.riskdesk.common.UserFacingException;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;

/** The generator's reference lists, read from the CSV files in {@code data/} at run time. */
public record ReferenceData(
        List<City> cities,
        List<Weighted<String>> surnames,
        List<String> maleChars,
        List<String> femaleChars,
        List<String> unisexChars,
        List<Occupation> occupations,
        List<Category> categories,
        List<Merchant> merchants,
        List<Festival> festivals,
        List<Institution> institutions,
        List<Weighted<String>> phonePrefixes) {

    public record City(int index, String name, String province, String regionCode, int tier, double weight) {
    }

    public record Weighted<T>(T value, double weight) {
    }

    public record Occupation(String name, double weight, double risk, double incomeShift, boolean cyclical) {
    }

    public enum Kind { ESSENTIAL, DISCRETIONARY, LUXURY }

    public record Category(int index, String code, long minCents, long maxCents, Kind kind, double weight,
            double festivalBoost, double nightShare, String channel) {
    }

    public record Merchant(String name, String category) {
    }

    public record Festival(String name, int month, int day, int windowDays, double multiplier) {
    }

    public record Institution(String name, String inquiryType, double weight) {
    }

    public static ReferenceData load() {
        return load(ReferenceDataLocator.locate());
    }

    public static ReferenceData load(Path dir) {
        List<City> cities = new ArrayList<>();
        for (CSVRecord r : read(dir, "cities.csv")) {
            String code = r.get("region_code");
            if (!code.matches("\\d{6}")) {
                throw new UserFacingException("cities.csv line " + r.getRecordNumber() + ": region code " + code + " is not 6 digits.");
            }
            cities.add(new City(cities.size(), r.get("city"), r.get("province"), code,
                    Integer.parseInt(r.get("tier")), Double.parseDouble(r.get("weight"))));
        }
        List<Weighted<String>> surnames = map(dir, "surnames.csv",
                r -> new Weighted<>(r.get("surname"), Double.parseDouble(r.get("weight"))));
        List<String> male = new ArrayList<>();
        List<String> female = new ArrayList<>();
        List<String> unisex = new ArrayList<>();
        for (CSVRecord r : read(dir, "given_names.csv")) {
            switch (r.get("gender")) {
                case "M" -> male.add(r.get("char"));
                case "F" -> female.add(r.get("char"));
                default -> unisex.add(r.get("char"));
            }
        }
        List<Occupation> occupations = map(dir, "occupations.csv", r -> new Occupation(r.get("occupation"),
                Double.parseDouble(r.get("weight")), Double.parseDouble(r.get("risk")),
                Double.parseDouble(r.get("income_shift")), Boolean.parseBoolean(r.get("cyclical"))));
        List<Category> categories = new ArrayList<>();
        for (CSVRecord r : read(dir, "categories.csv")) {
            categories.add(new Category(categories.size(), r.get("category"),
                    Math.round(Double.parseDouble(r.get("min_amount")) * 100),
                    Math.round(Double.parseDouble(r.get("max_amount")) * 100),
                    Kind.valueOf(r.get("kind")), Double.parseDouble(r.get("weight")),
                    Double.parseDouble(r.get("festival_boost")), Double.parseDouble(r.get("night_share")),
                    r.get("channel")));
        }
        List<Merchant> merchants = map(dir, "merchants.csv", r -> new Merchant(r.get("merchant"), r.get("category")));
        List<Festival> festivals = map(dir, "festivals.csv", r -> new Festival(r.get("name"),
                Integer.parseInt(r.get("month")), Integer.parseInt(r.get("day")),
                Integer.parseInt(r.get("window_days")), Double.parseDouble(r.get("multiplier"))));
        List<Institution> institutions = map(dir, "inquiry_institutions.csv", r -> new Institution(
                r.get("institution"), r.get("inquiry_type"), Double.parseDouble(r.get("weight"))));
        List<Weighted<String>> prefixes = map(dir, "phone_prefixes.csv",
                r -> new Weighted<>(r.get("prefix"), Double.parseDouble(r.get("weight"))));
        for (Category c : categories) {
            if (merchants.stream().noneMatch(m -> m.category().equals(c.code()))) {
                throw new UserFacingException("merchants.csv has no merchant for category " + c.code() + ".");
            }
        }
        if (cities.isEmpty() || surnames.isEmpty() || male.isEmpty() || female.isEmpty() || occupations.isEmpty()
                || institutions.isEmpty() || prefixes.isEmpty()) {
            throw new UserFacingException("A reference data file in " + dir.toAbsolutePath() + " is empty.");
        }
        return new ReferenceData(List.copyOf(cities), surnames, List.copyOf(male), List.copyOf(female),
                List.copyOf(unisex), occupations, List.copyOf(categories), merchants, festivals, institutions, prefixes);
    }

    private static <T> List<T> map(Path dir, String file, Function<CSVRecord, T> mapper) {
        List<T> out = new ArrayList<>();
        for (CSVRecord r : read(dir, file)) {
            try {
                out.add(mapper.apply(r));
            } catch (RuntimeException e) {
                throw new UserFacingException(file + " line " + r.getRecordNumber() + " cannot be read: " + e.getMessage(), e);
            }
        }
        return List.copyOf(out);
    }

    private static List<CSVRecord> read(Path dir, String file) {
        Path path = dir.resolve(file);
        CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).setTrim(true).get();
        try (Reader reader = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
            return format.parse(reader).getRecords();
        } catch (IOException e) {
            throw new UserFacingException("Cannot read the reference file " + path.toAbsolutePath() + ": " + e.getMessage(), e);
        }
    }
}
