package dev.riskdesk.common;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;

/**
 * Finds the top-level {@code data/} folder with the reference files, rules, policy and notice
 * templates: the system property {@code riskdesk.dataDir} (tests set it), else the installation's
 * folder beside the jar ({@code app/data} when installed), else, in the source tree, the project's
 * own {@code data/} (for {@code target/riskdesk.jar} or {@code target/classes}: {@code target/../data},
 * recognised by the {@code pom.xml} beside it). Never the current directory: starting RiskDesk from
 * another folder must not change its policy or rules.
 */
public final class DataFolder {
    public static final String PROPERTY = "riskdesk.dataDir";

    private DataFolder() {
    }

    /** The file {@code name} inside the data folder. */
    public static Path file(String name) {
        return folderWith(name).resolve(name);
    }

    /** The data folder, recognised by the file {@code marker} it must contain. */
    public static Path folderWith(String marker) {
        String property = System.getProperty(PROPERTY);
        if (property != null && !property.isBlank()) {
            Path dir = Path.of(property);
            if (!Files.isRegularFile(dir.resolve(marker))) {
                throw UserFacingException.keyed("data.folderLacks", "The data folder " + dir.toAbsolutePath() + " (from -D" + PROPERTY
                        + ") does not contain " + marker + ".", dir.toAbsolutePath(), marker);
            }
            return dir;
        }
        Path code = besideCode();
        if (code != null) {
            if (Files.isRegularFile(code.resolve("data").resolve(marker))) {
                return code.resolve("data");
            }
            Path project = code.getParent();
            if (project != null && Files.isRegularFile(project.resolve("pom.xml")) && Files.isRegularFile(project.resolve("data").resolve(marker))) {
                return project.resolve("data");
            }
        }
        throw UserFacingException.keyed("data.notFound", "Cannot find data/" + marker + ": set -D" + PROPERTY
                + "=FOLDER or run RiskDesk from its installation folder.", marker);
    }

    /** The folder holding the jar (or the classes folder when run from the build). */
    private static Path besideCode() {
        try {
            CodeSource source = DataFolder.class.getProtectionDomain().getCodeSource();
            return source == null ? null : Path.of(source.getLocation().toURI()).getParent();
        } catch (URISyntaxException | RuntimeException e) {
            return null;
        }
    }
}
