package dev.riskdesk.portfolio;

import dev.riskdesk.common.UserFacingException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;

/**
 * Finds the {@code data/} folder with the reference files: the system property
 * {@code riskdesk.dataDir}, else {@code ./data} in the working directory, else the folder beside
 * the jar (for {@code target/riskdesk.jar} that is {@code target/../data}).
 */
public final class ReferenceDataLocator {
    public static final String PROPERTY = "riskdesk.dataDir";
    static final String MARKER = "cities.csv";

    private ReferenceDataLocator() {
    }

    public static Path locate() {
        String property = System.getProperty(PROPERTY);
        if (property != null && !property.isBlank()) {
            Path dir = Path.of(property);
            if (!Files.isRegularFile(dir.resolve(MARKER))) {
                throw new UserFacingException("The reference data folder " + dir.toAbsolutePath()
                        + " (from -D" + PROPERTY + ") does not contain " + MARKER + ".");
            }
            return dir;
        }
        Path cwd = Path.of("data");
        if (Files.isRegularFile(cwd.resolve(MARKER))) {
            return cwd;
        }
        Path besideJar = besideCode();
        if (besideJar != null) {
            for (Path candidate : new Path[] {besideJar.resolve("data"), besideJar.resolveSibling("data")}) {
                if (candidate != null && Files.isRegularFile(candidate.resolve(MARKER))) {
                    return candidate;
                }
            }
        }
        throw new UserFacingException("Cannot find the reference data folder (data/ with " + MARKER
                + "): set -D" + PROPERTY + "=FOLDER or run RiskDesk from its installation folder.");
    }

    /** The folder holding the jar (or the classes folder when run from the build). */
    private static Path besideCode() {
        try {
            CodeSource source = ReferenceDataLocator.class.getProtectionDomain().getCodeSource();
            if (source == null) {
                return null;
            }
            Path code = Path.of(source.getLocation().toURI());
            return code.getParent();
        } catch (URISyntaxException | RuntimeException e) {
            return null;
        }
    }
}
