package dev.retort.dialect.h2;

import dev.retort.introspect.ScratchDatabase;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * A new in-memory H2 database ({@code jdbc:h2:mem:retort_scratch_<random>}) with the target's
 * compatibility mode and name folding, gone when closed: H2's DDL is not transactional, so the
 * target itself cannot hold a scratch schema that is rolled back, and an in-memory database costs
 * nothing. The settings that change how DDL is read and how names are stored are copied, because
 * the model must come back spelled as the target spells it (a {@code MODE=PostgreSQL} target with
 * {@code DATABASE_TO_LOWER=TRUE} keeps lower-case names; a scratch database without it would not).
 */
final class H2ScratchDatabase implements ScratchDatabase {

    /**
     * Settings of {@code INFORMATION_SCHEMA.SETTINGS} that are also URL settings and change what the
     * model's DDL creates or how it reads back.
     */
    private static final List<String> COPIED = List.of("MODE", "DATABASE_TO_UPPER", "DATABASE_TO_LOWER",
            "CASE_INSENSITIVE_IDENTIFIERS", "DEFAULT_NULL_ORDERING", "VARIABLE_BINARY", "ZERO_BASED_ENUMS");

    /** What a copied value may look like; anything else would end the URL setting early. */
    private static final Pattern PLAIN_VALUE = Pattern.compile("[A-Za-z0-9_]+");

    private final Connection connection;

    private H2ScratchDatabase(Connection connection) {
        this.connection = connection;
    }

    /** Opens the scratch database next to the one {@code target} reaches (not closed here). */
    static H2ScratchDatabase besides(Connection target) throws SQLException {
        String url = url("retort_scratch_" + HexFormat.of().formatHex(new SecureRandom().generateSeed(6)),
                settings(target));
        // the target's own driver, through its class loader: in an application server or a plugin the
        // H2 driver need not be visible to DriverManager from retort's class loader
        Driver driver;
        try {
            driver = (Driver) Class.forName("org.h2.Driver", true, target.getClass().getClassLoader())
                    .getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException | LinkageError e) {
            throw new SQLException("cannot load the H2 driver beside the target's connection for a scratch database: "
                    + e, e);
        }
        Connection scratch = driver.connect(url, new Properties());
        if (scratch == null) {
            throw new SQLException("the H2 driver refused the scratch database URL " + url);
        }
        return new H2ScratchDatabase(scratch);
    }

    /** The target's settings among {@link #COPIED}, in that order. */
    static Map<String, String> settings(Connection target) throws SQLException {
        Map<String, String> found = new LinkedHashMap<>();
        try (PreparedStatement statement = target.prepareStatement(
                "SELECT SETTING_NAME, SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS");
             ResultSet rs = statement.executeQuery()) {
            while (rs.next()) {
                found.put(rs.getString(1), rs.getString(2));
            }
        }
        Map<String, String> copied = new LinkedHashMap<>();
        for (String name : COPIED) {
            String value = found.get(name);
            if (value != null && PLAIN_VALUE.matcher(value).matches()) {
                copied.put(name, value);
            }
        }
        return copied;
    }

    static String url(String name, Map<String, String> settings) {
        List<String> parts = new ArrayList<>();
        parts.add("jdbc:h2:mem:" + name);
        settings.forEach((key, value) -> parts.add(key + "=" + value));
        // closed with its only connection; no file, no server, nothing to clean up after a crash
        parts.add("DB_CLOSE_DELAY=0");
        return String.join(";", parts);
    }

    @Override
    public Connection connection() {
        return connection;
    }

    @Override
    public void close() throws SQLException {
        connection.close();
    }
}
