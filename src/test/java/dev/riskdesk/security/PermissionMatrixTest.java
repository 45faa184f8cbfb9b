package dev.riskdesk.security;

import static dev.riskdesk.db.schema.Tables.AUDIT_EVENT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.riskdesk.app.AppServices;
import dev.riskdesk.common.Progress;
import dev.riskdesk.common.SameThreadTaskRunner;
import dev.riskdesk.db.Database;
import dev.riskdesk.db.TestDatabases;
import java.io.StringWriter;
import java.io.Writer;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Deque;
import java.util.EnumMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every permission × every role, found by reflection so it cannot go stale: each public method of the program that
 * takes a {@link Session} (outside the screens and the shell, and apart from the steps that join their caller's
 * transaction) names its permission with {@link Requires} (or {@link SignedIn}), and, on the services the composition
 * root builds, every such method is called as each role: a role without the permission is refused with
 * {@link AccessDeniedException} and the database stays exactly as it was (every row of every table, the audit trail
 * included) and no file is written; a role with it is let through the permission check.
 */
@Tag("db")
class PermissionMatrixTest {

    @TempDir
    Path dir;

    /** The rule: no public method that takes a session lacks its declared check. */
    @Test
    void everyPublicMethodTakingASessionDeclaresItsPermission() throws Exception {
        List<String> missing = checkedMethods().stream()
                .filter(m -> !m.isAnnotationPresent(Requires.class) && !m.isAnnotationPresent(SignedIn.class))
                .map(PermissionMatrixTest::key).toList();
        assertEquals(List.of(), missing, "public methods taking a Session without @Requires or @SignedIn");
    }

    @Test
    void eachRoleWithoutThePermissionIsRefusedAndNothingIsWritten() throws Exception {
        try (Database db = TestDatabases.fresh(dir.resolve("db"));
             AppServices services = new AppServices(db, Clock.system(AppServices.BUSINESS_ZONE), new PasswordHasher(4), new SameThreadTaskRunner())) {
            Map<Role, Session> sessions = new EnumMap<>(Role.class);
            for (Role role : Role.values()) {
                sessions.put(role, TestOperators.of(db, role));
            }
            Map<Method, Object> targets = reachableMethods(services);

            // the walk from the composition root reaches every method the rule covers, so none escapes the calls below
            Set<String> declared = new TreeSet<>();
            checkedMethods().forEach(m -> declared.add(key(m)));
            Set<String> reached = new TreeSet<>();
            targets.keySet().forEach(m -> reached.add(key(m)));
            declared.removeAll(reached);
            assertEquals(Set.of(), declared, "methods not reachable from AppServices, so not called here");
            assertTrue(targets.size() > 80, "the walk found " + targets.size() + " methods");

            // the fingerprint sees a write: an audited sign-out moves it
            String unchanged = fingerprint(db.dsl());
            services.operators().signOut(sessions.get(Role.AGENT));
            assertFalse(unchanged.equals(fingerprint(db.dsl())), "the fingerprint missed an audited write");

            int denials = 0;
            List<String> failures = new ArrayList<>();
            for (Map.Entry<Method, Object> target : targets.entrySet()) {
                Method method = target.getKey();
                String name = method.getDeclaringClass().getSimpleName() + "." + method.getName();
                if (method.isAnnotationPresent(SignedIn.class)) {
                    for (Role role : Role.values()) {
                        Throwable thrown = call(target.getValue(), method, sessions.get(role));
                        if (thrown instanceof AccessDeniedException) {
                            failures.add(name + " refused " + role + ", though any signed-in operator may");
                        }
                    }
                    continue;
                }
                List<Permission> needed = Arrays.asList(method.getAnnotation(Requires.class).value());
                String before = fingerprint(db.dsl());
                List<Path> files = new ArrayList<>();
                for (Role role : Role.values()) {
                    Session session = sessions.get(role);
                    if (needed.stream().anyMatch(session::has)) {
                        continue;
                    }
                    Throwable thrown = call(target.getValue(), method, session, files);
                    denials++;
                    if (!(thrown instanceof AccessDeniedException denied)) {
                        failures.add(name + " as " + role + " (lacks " + needed + "): expected AccessDenied, got " + thrown);
                    } else if (!needed.contains(denied.permission())) {
                        failures.add(name + " as " + role + ": refused for " + denied.permission() + ", declares " + needed);
                    }
                }
                if (!before.equals(fingerprint(db.dsl()))) {
                    failures.add(name + ": a refused call changed the database");
                }
                files.stream().filter(Files::exists).forEach(f -> failures.add(name + ": a refused call wrote " + f));
                // a role that holds the (first) permission gets past the check; the dummy arguments may still be refused
                boolean someoneMay = false;
                for (Role role : Role.values()) {
                    if (sessions.get(role).has(needed.get(0))) {
                        someoneMay = true;
                        Throwable thrown = call(target.getValue(), method, sessions.get(role));
                        if (thrown instanceof AccessDeniedException denied && needed.contains(denied.permission())) {
                            failures.add(name + " refused " + role + ", which holds " + needed.get(0));
                        }
                    }
                }
                if (!someoneMay) {
                    failures.add(name + ": no role holds " + needed.get(0));
                }
            }
            assertEquals(List.of(), failures);
            assertTrue(denials > 200, "only " + denials + " refusals were tried");
        }
    }

    /**
     * The other half of the rule: on a small generated book (so the plain arguments, id 1 and version 1, name real rows),
     * every checked method is called as the first role that holds its permission, and each call that ends normally and
     * changed any table besides the audit trail also wrote an audit event in it. A call the plain arguments make fail
     * proves nothing and is not counted; the test asserts that enough calls wrote to mean something.
     */
    @Test
    void eachAllowedCallThatChangesDataWritesAnAuditEvent() throws Exception {
        try (Database db = TestDatabases.fresh(dir.resolve("book"));
             AppServices services = new AppServices(db, Clock.system(AppServices.BUSINESS_ZONE), new PasswordHasher(4), new SameThreadTaskRunner())) {
            services.generator().generate(TestOperators.batch(db), dev.riskdesk.portfolio.GeneratorOptions.of(100, 12, 11, LocalDate.of(2026, 12, 7)),
                    Progress.NONE);
            Map<Role, Session> sessions = new EnumMap<>(Role.class);
            for (Role role : Role.values()) {
                sessions.put(role, TestOperators.of(db, role));
            }
            List<String> writers = new ArrayList<>();
            List<String> failures = new ArrayList<>();
            String before = fingerprintBesidesAudit(db.dsl());
            int audited = db.dsl().fetchCount(AUDIT_EVENT);
            for (Map.Entry<Method, Object> target : reachableMethods(services).entrySet()) {
                Method method = target.getKey();
                Session session = sessions.values().stream().filter(s -> method.isAnnotationPresent(SignedIn.class)
                        || Arrays.stream(method.getAnnotation(Requires.class).value()).anyMatch(s::has)).findFirst().orElseThrow();
                String call = method.getDeclaringClass().getSimpleName() + "." + method.getName() + " as " + session.role();
                boolean ended = call(target.getValue(), method, session) == null;
                String after = fingerprintBesidesAudit(db.dsl());
                int auditedAfter = db.dsl().fetchCount(AUDIT_EVENT);
                if (ended && !before.equals(after)) {
                    writers.add(call);
                    if (auditedAfter == audited) {
                        failures.add(call + " changed " + changedTables(before, after) + " with no audit event");
                    }
                }
                before = after;
                audited = auditedAfter;
            }
            assertEquals(List.of(), failures);
            assertTrue(writers.size() >= 12, "only " + writers.size() + " allowed calls wrote, too few to prove the rule: " + writers);
        }
    }

    /** {@link #fingerprint} of every table but the audit trail, one line per table. */
    private static String fingerprintBesidesAudit(DSLContext dsl) {
        return fingerprint(dsl).lines().filter(l -> !l.startsWith("AUDIT_EVENT,")).collect(java.util.stream.Collectors.joining("\n"));
    }

    private static List<String> changedTables(String before, String after) {
        Set<String> old = Set.copyOf(before.lines().toList());
        return after.lines().filter(l -> !old.contains(l)).map(l -> l.substring(0, l.indexOf(','))).toList();
    }

    /**
     * The methods the rule covers, in every class of the program outside the screens and the shell: public, not static,
     * taking a session and not joining a caller's transaction (a DSLContext parameter: the calling service checks).
     */
    private static List<Method> checkedMethods() throws Exception {
        Path classes = Path.of(Session.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<Method> methods = new ArrayList<>();
        try (var files = Files.walk(classes.resolve("dev/riskdesk"))) {
            for (Path file : (Iterable<Path>) files.filter(f -> f.toString().endsWith(".class"))::iterator) {
                String name = classes.relativize(file).toString().replace(java.io.File.separatorChar, '.').replaceAll("\\.class$", "");
                if (name.startsWith("dev.riskdesk.ui.") || name.startsWith("dev.riskdesk.app.") || name.startsWith("dev.riskdesk.db.schema.")) {
                    continue;
                }
                Class<?> type = Class.forName(name, false, PermissionMatrixTest.class.getClassLoader());
                if (!Modifier.isPublic(type.getModifiers())) {
                    continue;
                }
                for (Method method : type.getDeclaredMethods()) {
                    if (checked(method)) {
                        methods.add(method);
                    }
                }
            }
        }
        assertTrue(methods.size() > 80, "found " + methods.size());
        return methods;
    }

    private static boolean checked(Method method) {
        return Modifier.isPublic(method.getModifiers()) && !Modifier.isStatic(method.getModifiers()) && !method.isSynthetic()
                && Arrays.asList(method.getParameterTypes()).contains(Session.class)
                && Arrays.stream(method.getParameterTypes()).noneMatch(DSLContext.class::isAssignableFrom);
    }

    private static String key(Method method) {
        return method.getDeclaringClass().getName() + "." + method.getName() + Arrays.stream(method.getParameterTypes()).map(Class::getName).toList();
    }

    /** Every object the composition root holds, field by field, and their checked methods (one instance per class). */
    private static Map<Method, Object> reachableMethods(Object root) throws IllegalAccessException {
        Map<Object, Boolean> seen = new IdentityHashMap<>();
        Deque<Object> queue = new ArrayDeque<>(List.of(root));
        Map<Method, Object> methods = new LinkedHashMap<>();
        while (!queue.isEmpty()) {
            Object object = queue.poll();
            if (seen.put(object, Boolean.TRUE) != null) {
                continue;
            }
            for (Class<?> type = object.getClass(); type != null && type.getName().startsWith("dev.riskdesk."); type = type.getSuperclass()) {
                for (Field field : type.getDeclaredFields()) {
                    if (Modifier.isStatic(field.getModifiers()) || field.getType().isPrimitive() || field.getType().isEnum()
                            || field.getType() == Database.class) {
                        continue;
                    }
                    field.setAccessible(true);
                    Object value = field.get(object);
                    if (value != null && value.getClass().getName().startsWith("dev.riskdesk.") && !value.getClass().getName().startsWith("dev.riskdesk.db.")) {
                        queue.add(value);
                    }
                }
            }
            if (object == root) {
                continue;
            }
            for (Method method : object.getClass().getMethods()) {
                if (method.getDeclaringClass() == object.getClass() && checked(method)) {
                    methods.putIfAbsent(method, object);
                }
            }
        }
        List<Method> sorted = new ArrayList<>(methods.keySet());
        sorted.sort(Comparator.comparing(Method::toGenericString));
        Map<Method, Object> ordered = new LinkedHashMap<>();
        sorted.forEach(m -> ordered.put(m, methods.get(m)));
        return ordered;
    }

    private Throwable call(Object target, Method method, Session session) {
        return call(target, method, session, new ArrayList<>());
    }

    /** Calls {@code method} with {@code session} and plain arguments; returns what it threw (null: nothing). */
    private Throwable call(Object target, Method method, Session session, List<Path> files) {
        Class<?>[] types = method.getParameterTypes();
        Object[] args = new Object[types.length];
        for (int i = 0; i < types.length; i++) {
            args[i] = types[i] == Session.class ? session : argument(types[i], files);
        }
        try {
            method.invoke(target, args);
            return null;
        } catch (InvocationTargetException e) {
            return e.getCause();
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A plausible value of {@code type}: the first constant of an enum, 1 for numbers, an empty collection, a new file's path. */
    private Object argument(Class<?> type, List<Path> files) {
        if (type == long.class || type == Long.class) {
            return 1L;
        }
        if (type == int.class || type == Integer.class) {
            return 1;
        }
        if (type == boolean.class || type == Boolean.class) {
            return false;
        }
        if (type == String.class) {
            return "a reason long enough to pass";
        }
        if (type == char[].class) {
            return "Correct-horse-42".toCharArray();
        }
        if (type == BigDecimal.class) {
            return new BigDecimal("1000.00");
        }
        if (type.isEnum()) {
            return type.getEnumConstants()[0];
        }
        if (type == Path.class) {
            Path file = dir.resolve("out-" + files.size() + "-" + System.nanoTime());
            files.add(file);
            return file;
        }
        if (type == Progress.class) {
            return Progress.NONE;
        }
        if (type == Writer.class) {
            return new StringWriter();
        }
        if (type == LocalDate.class) {
            return LocalDate.of(2026, 12, 7);
        }
        if (type == LocalDateTime.class) {
            return LocalDateTime.of(2026, 12, 7, 9, 0);
        }
        if (type == YearMonth.class) {
            return YearMonth.of(2026, 12);
        }
        if (type == Set.class) {
            return Set.of();
        }
        if (type == List.class) {
            return List.of();
        }
        if (type == Map.class) {
            return Map.of();
        }
        if (type.isRecord()) {
            // a record of plain values (an options record, a draft): its canonical constructor with a plain value per component
            var components = type.getRecordComponents();
            Object[] values = new Object[components.length];
            Class<?>[] types = new Class<?>[components.length];
            for (int i = 0; i < components.length; i++) {
                types[i] = components[i].getType();
                values[i] = types[i] == type ? null
                        : components[i].getName().startsWith("chunk") ? Integer.valueOf(500) // a batch run's chunk: the whole small book at once
                        : argument(types[i], files);
            }
            try {
                var constructor = type.getDeclaredConstructor(types);
                constructor.setAccessible(true);
                return constructor.newInstance(values);
            } catch (ReflectiveOperationException | RuntimeException e) {
                return null; // the record refuses plain values: the call gets null and proves nothing
            }
        }
        return null;
    }

    /**
     * Every table's last modification as H2 counts it: any insert, update or delete (even a row locked for update)
     * moves it, so equal before and after means the calls in between wrote nothing, the audit trail included.
     */
    private static String fingerprint(DSLContext dsl) {
        String tables = dsl.fetch("SELECT TABLE_NAME, LAST_MODIFICATION FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_SCHEMA = 'PUBLIC'"
                + " AND TABLE_TYPE = 'BASE TABLE' ORDER BY TABLE_NAME").formatCSV();
        assertTrue(tables.contains("AUDIT_EVENT"), tables);
        return tables;
    }

}
