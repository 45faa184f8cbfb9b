package dev.riskdesk.db;

import dev.riskdesk.common.PrivateFiles;
import java.io.IOException;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The database file and everything H2 and RiskDesk keep beside it are readable by their owner only:
 * 0600 files in a 0700 folder on POSIX file systems. H2 creates its files with the process's umask,
 * so they are narrowed once the database is open; a folder RiskDesk creates is 0700 from the start,
 * so nothing in it is ever open to others.
 */
final class H2FilePermissions {
    private static final Logger LOG = LoggerFactory.getLogger(H2FilePermissions.class);
    private static final String[] H2_SUFFIXES = {DatabaseLocation.H2_SUFFIX, ".lock.db", ".trace.db"};

    private H2FilePermissions() {
    }

    /**
     * Creates the database folder (0700). An existing folder that others can enter is narrowed when it is
     * RiskDesk's own default folder; a folder the operator chose is left as it is, with a warning in the log.
     */
    static void createFolder(Path folder) throws IOException {
        PrivateFiles.createFolder(folder);
        if (!PrivateFiles.openToOthers(folder)) {
            return;
        }
        if (folder.equals(DatabaseLocation.defaultFolder(System.getenv()).toAbsolutePath().normalize())) {
            PrivateFiles.restrictFolder(folder);
        } else {
            LOG.warn("The database folder {} can be entered by other users; the database files in it are readable by their owner only", folder);
        }
    }

    /** The data file, H2's lock and trace files and the key file, narrowed to 0600. */
    static void restrictOpenFiles(DatabaseLocation location) {
        try {
            for (String suffix : H2_SUFFIXES) {
                PrivateFiles.restrict(location.file().resolveSibling(location.file().getFileName() + suffix));
            }
            PrivateFiles.restrict(H2KeyFile.of(location));
        } catch (IOException e) {
            // another process may be replacing its lock file right now; the next open narrows it
            LOG.warn("Cannot narrow the permissions of {}: {}", location.describe(), e.getMessage());
        }
    }
}
