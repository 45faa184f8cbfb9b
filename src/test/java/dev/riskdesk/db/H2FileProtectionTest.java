package dev.riskdesk.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.riskdesk.common.PrivateFiles;
import dev.riskdesk.common.UserFacingException;
import java.io.IOException;
import java.io.Reader;
import java.net.ConnectException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The database file and its server are the owner's alone: the AUTO_SERVER port answers on the loopback
 * address only, H2's empty password is refused (also for a file an older RiskDesk made, switched on its
 * first open), and the files are 0600 in a 0700 folder.
 */
@Tag("db")
class H2FileProtectionTest {

    @TempDir
    Path dir;

    @Test
    void theSharedFilesServerListensOnTheLoopbackAddressOnly() throws Exception {
        try (Database db = TestDatabases.fresh(dir)) {
            db.dsl().fetchOne("SELECT 1");
            Properties lock = new Properties();
            try (Reader in = Files.newBufferedReader(dir.resolve("riskdesk.lock.db"))) {
                lock.load(in);
            }
            String server = lock.getProperty("server");
            String host = server.substring(0, server.lastIndexOf(':'));
            int port = Integer.parseInt(server.substring(server.lastIndexOf(':') + 1));
            assertTrue(InetAddress.getByName(host).isLoopbackAddress(), "the lock file names a loopback server: " + server);
            try (Socket reached = new Socket()) {
                reached.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 2000); // the port is the live server
            }
            List<InetAddress> external = externalAddresses();
            assumeTrue(!external.isEmpty(), "this host has no address other than loopback to try");
            for (InetAddress address : external) {
                try (Socket other = new Socket()) {
                    assertThrows(ConnectException.class, () -> other.connect(new InetSocketAddress(address, port), 2000),
                            "the server must not answer on " + address.getHostAddress());
                }
            }
        }
    }

    private static List<InetAddress> externalAddresses() throws IOException {
        List<InetAddress> found = new ArrayList<>();
        for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            if (nic.isUp() && !nic.isLoopback()) {
                nic.inetAddresses().filter(a -> a instanceof Inet4Address && !a.isLoopbackAddress()).forEach(found::add);
            }
        }
        return found;
    }

    @Test
    void theEmptyPasswordIsRefusedWhileOpenAndAfterClose() throws Exception {
        DatabaseLocation location = DatabaseLocation.ofPath(dir.resolve("riskdesk"));
        try (Database db = Database.open(location)) {
            db.dsl().fetchOne("SELECT 1");
            assertWrongPassword(location.jdbcUrl(), "");
            assertWrongPassword(location.jdbcUrl(), "sa");
        }
        assertWrongPassword("jdbc:h2:file:" + location.file(), "");
        try (Connection c = DriverManager.getConnection(location.jdbcUrl(), H2Credentials.USER, H2KeyFile.read(location).orElseThrow())) {
            assertTrue(c.isValid(1), "the key file's secret opens it");
        }
    }

    private static void assertWrongPassword(String url, String password) {
        SQLException e = assertThrows(SQLException.class, () -> DriverManager.getConnection(url, "sa", password).close());
        assertEquals(H2Credentials.WRONG_USER_OR_PASSWORD, e.getErrorCode(), e.getMessage());
    }

    @Test
    void aFileAnOlderRiskDeskMadeIsSwitchedToItsSecretOnFirstOpenAndKeepsItsData() throws Exception {
        String url = "jdbc:h2:file:" + dir.resolve("riskdesk") + ";TRACE_LEVEL_FILE=0";
        Flyway.configure().dataSource(url, "sa", "").locations(Database.MIGRATIONS).load().migrate();
        try (Connection c = DriverManager.getConnection(url, "sa", ""); Statement s = c.createStatement()) {
            s.execute("INSERT INTO APP_SETTING VALUES ('legacy', 'kept', CURRENT_TIMESTAMP)");
        }
        assertFalse(Files.exists(dir.resolve("riskdesk.key")));
        try (Database db = TestDatabases.fresh(dir)) {
            assertEquals("kept", db.dsl().fetchValue("SELECT SETTING_VALUE FROM APP_SETTING WHERE SETTING_KEY = 'legacy'"));
        }
        assertTrue(Files.exists(dir.resolve("riskdesk.key")));
        assertWrongPassword(url, "");
        try (Database db = TestDatabases.fresh(dir)) {
            assertEquals(1, db.dsl().fetchCount(dev.riskdesk.db.schema.Tables.APP_SETTING));
        }
    }

    @Test
    void aKeyFileWrittenBeforeTheSwitchFinishedStillOpensTheFile() throws Exception {
        String url = "jdbc:h2:file:" + dir.resolve("riskdesk") + ";TRACE_LEVEL_FILE=0";
        Flyway.configure().dataSource(url, "sa", "").locations(Database.MIGRATIONS).load().migrate();
        String secret = H2KeyFile.readOrCreate(DatabaseLocation.ofPath(dir.resolve("riskdesk"))); // as a process killed before ALTER USER left it
        TestDatabases.fresh(dir).close();
        assertWrongPassword(url, "");
        DriverManager.getConnection(url, H2Credentials.USER, secret).close();
    }

    @Test
    void withoutItsKeyFileTheDatabaseIsRefusedWithOneSentenceNamingTheKeyFile() throws Exception {
        TestDatabases.fresh(dir).close();
        byte[] before = Files.readAllBytes(dir.resolve("riskdesk.mv.db"));
        Files.delete(dir.resolve("riskdesk.key"));
        UserFacingException e = assertThrows(UserFacingException.class, () -> TestDatabases.fresh(dir));
        assertTrue(e.getMessage().contains("riskdesk.key is missing or not its own"), e.getMessage());
        assertEquals("db.keyRefused", e.messageKey());
        assertTrue(java.util.Arrays.equals(before, Files.readAllBytes(dir.resolve("riskdesk.mv.db"))), "the file is unchanged");
        assertFalse(Files.exists(dir.resolve("riskdesk.key")), "no new key is made for an existing file");
    }

    @Test
    void theFolderIsTheOwnersAndEveryFileInItIsReadableByTheOwnerOnly() throws Exception {
        assumeTrue(PrivateFiles.posix(dir), "POSIX permissions only");
        Path folder = dir.resolve("new").resolve("books");
        DatabaseLocation location = DatabaseLocation.ofPath(folder.resolve("riskdesk"));
        try (Database db = Database.open(location)) {
            db.dsl().fetchOne("SELECT 1");
            assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(folder)));
            assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(folder.getParent())));
            List<String> files;
            try (Stream<Path> list = Files.list(folder)) {
                files = list.map(p -> p.getFileName() + " " + permissions(p)).sorted().toList();
            }
            assertTrue(files.stream().anyMatch(f -> f.startsWith("riskdesk.mv.db ")), files.toString());
            assertTrue(files.stream().anyMatch(f -> f.startsWith("riskdesk.key ")), files.toString());
            assertTrue(files.stream().anyMatch(f -> f.startsWith("riskdesk.open.")), "the open-marker: " + files);
            assertTrue(files.stream().anyMatch(f -> f.startsWith("riskdesk.lock.db ")), files.toString());
            assertEquals(List.of(), files.stream().filter(f -> !f.endsWith(" rw-------")).toList(), "every file is 0600: " + files);
        }
    }

    @Test
    void anExistingFileOpenToOthersIsNarrowedWhenOpened() throws Exception {
        assumeTrue(PrivateFiles.posix(dir), "POSIX permissions only");
        TestDatabases.fresh(dir).close();
        Files.setPosixFilePermissions(dir.resolve("riskdesk.mv.db"), PosixFilePermissions.fromString("rw-r--r--"));
        try (Database db = TestDatabases.fresh(dir)) {
            assertEquals("rw-------", permissions(dir.resolve("riskdesk.mv.db")));
        }
    }

    private static String permissions(Path p) {
        try {
            return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
        } catch (IOException e) {
            return "gone";
        }
    }
}
