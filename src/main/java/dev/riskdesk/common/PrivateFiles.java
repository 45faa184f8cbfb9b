package dev.riskdesk.common;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Files and folders that only their owner can read: 0600 files in 0700 folders on POSIX file
 * systems (the database, its key file and markers, logs, backups, exports). On other file systems
 * (Windows) the calls do nothing and the user profile's access rules apply.
 */
public final class PrivateFiles {
    private static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> FOLDER = PosixFilePermissions.fromString("rwx------");

    private PrivateFiles() {
    }

    /** Whether {@code path}'s file system has POSIX permissions. */
    public static boolean posix(Path path) {
        return path.getFileSystem().supportedFileAttributeViews().contains("posix");
    }

    /** Creates the folder and any missing parents, each new one readable by its owner only; an existing folder is left as it is. */
    public static Path createFolder(Path folder) throws IOException {
        if (Files.isDirectory(folder)) {
            return folder;
        }
        Path created = posix(folder) ? Files.createDirectories(folder, PosixFilePermissions.asFileAttribute(FOLDER)) : Files.createDirectories(folder);
        restrictFolder(created);
        return created;
    }

    /** Creates an empty file (it must not exist) readable by its owner only, with no moment when others could open it. */
    public static Path createFile(Path file) throws IOException {
        Path created = posix(file) ? Files.createFile(file, PosixFilePermissions.asFileAttribute(FILE)) : Files.createFile(file);
        restrict(created);
        return created;
    }

    /** Creates a new, empty temporary file in {@code folder}, readable by its owner only. */
    public static Path createTempFile(Path folder, String prefix, String suffix) throws IOException {
        FileAttribute<?>[] attributes = posix(folder) ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(FILE)} : new FileAttribute<?>[0];
        return Files.createTempFile(folder, prefix, suffix, attributes);
    }

    /**
     * Opens {@code file} for writing from its start, readable by its owner only: a new file is created 0600, an
     * existing one is narrowed to 0600 before anything is written into it. For exports, rejects and backups.
     */
    public static OutputStream newOutputStream(Path file) throws IOException {
        if (!Files.exists(file)) {
            try {
                createFile(file);
            } catch (FileAlreadyExistsException raced) {
                // made meanwhile; narrowed below
            }
        }
        restrict(file);
        return Files.newOutputStream(file, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE);
    }

    /** A UTF-8 writer on {@link #newOutputStream}; characters that cannot be encoded fail, as with {@code Files.newBufferedWriter}. */
    public static Writer newWriter(Path file) throws IOException {
        return new BufferedWriter(new OutputStreamWriter(newOutputStream(file), StandardCharsets.UTF_8.newEncoder()));
    }

    /** Makes an existing file readable and writable by its owner only (0600); a missing file is ignored. */
    public static void restrict(Path file) throws IOException {
        if (posix(file) && Files.isRegularFile(file)) {
            Files.setPosixFilePermissions(file, FILE);
        }
    }

    /** Makes an existing folder usable by its owner only (0700). */
    public static void restrictFolder(Path folder) throws IOException {
        if (posix(folder) && Files.isDirectory(folder)) {
            Files.setPosixFilePermissions(folder, FOLDER);
        }
    }

    /** Whether others than the owner may read or enter the folder (always false where there are no POSIX permissions). */
    public static boolean openToOthers(Path folder) throws IOException {
        if (!posix(folder)) {
            return false;
        }
        Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(folder);
        return permissions.stream().anyMatch(p -> p.name().startsWith("GROUP") || p.name().startsWith("OTHERS"));
    }
}
