package dev.riskdesk.limits;

import dev.riskdesk.common.UserFacingException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;

/**
 * Finds the top-level {@code data/} folder: the system property {@code riskdesk.dataDir}, else
 * {@code ./data}, else beside the jar. Minimal twin of the generator's ReferenceDataLocator
 * (branch gen) so limits does not depend on portfolio; fold them together once both are merged.
 */
public final class DataFolder {
    public static final String PROPERTY = "riskdesk.dataDir";

    private DataFolder() {
    }

    /** The file {@code name} inside the data folder. */
    public static Path file(String name) {
        String property = System.getProperty(PROPERTY);
        if (property != null && !property.isBlank()) {
            Path candidate = Path.of(property).resolve(name);
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
            throw new UserFacingException("The data folder " + Path.of(property).toAbsolutePath() + " (from -D" + PROPERTY
                    + ") does not contain " + name + ".");
        }
        Path cwd = Path.of("data", name);
        if (Files.isRegularFile(cwd)) {
            return cwd;
        }
        Path code = besideCode();
        if (code != null) {
            for (Path dir : new Path[] {code.resolve("data"), code.resolveSibling("data")}) {
                if (dir != null && Files.isRegularFile(dir.resolve(name))) {
                    return dir.resolve(name);
                }
            }
        }
        throw new UserFacingException("Cannot find data/" + name + ": set -D" + PROPERTY
                + "=FOLDER or run RiskDesk from its installation folder.");
    }

    private static Path besideCode() {
        try {
            CodeSource source = DataFolder.class.getProtectionDomain().getCodeSource();
            return source == null ? null : Path.of(source.getLocation().toURI()).getParent();
        } catch (URISyntaxException | RuntimeException e) {
            return null;
        }
    }
}
