package dev.riskdesk.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Exports, rejects and backups are their owner's only: 0600 files, new folders 0700. */
class PrivateFilesTest {
    @TempDir
    Path dir;

    private static String permissions(Path p) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
    }

    @Test
    void writtenFilesAndNewFoldersAreTheOwnersOnly() throws Exception {
        assumeTrue(PrivateFiles.posix(dir), "POSIX permissions only");
        Path folder = PrivateFiles.createFolder(dir.resolve("a").resolve("b"));
        assertEquals("rwx------", permissions(folder));
        assertEquals("rwx------", permissions(folder.getParent()));

        Path fresh = folder.resolve("notices.csv");
        try (Writer w = PrivateFiles.newWriter(fresh)) {
            w.write("张三,13800001234\n");
        }
        assertEquals("rw-------", permissions(fresh));
        assertEquals("张三,13800001234\n", Files.readString(fresh));

        Path old = Files.writeString(dir.resolve("old.csv"), "a much longer text than what replaces it");
        Files.setPosixFilePermissions(old, PosixFilePermissions.fromString("rw-r--r--"));
        try (Writer w = PrivateFiles.newWriter(old)) {
            w.write("short");
        }
        assertEquals("rw-------", permissions(old), "an existing file is narrowed before it is written");
        assertEquals("short", Files.readString(old), "and written from its start");
    }
}
