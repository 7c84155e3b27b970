package dev.retort.dialect.mysql;

import dev.retort.RetortException;
import dev.retort.introspect.ScratchDatabase;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.Locale;

/**
 * A database {@code retort_scratch_<random>} made on the target's own server with the target
 * database's default character set and collation, so that the model is read by the very server
 * version it will run on, and a table that leaves the defaults alone reads alike on both sides.
 *
 * <p>It is reached through the target's own connection: selected ({@code setCatalog}, that is
 * {@code USE}) while the model is applied and read, and on {@link #close} the target's database is
 * selected again and the scratch one dropped, also after a failure. A second connection would need
 * the target's credentials, which neither a {@code Connection} nor a {@code DataSource} gives out.
 * DDL is not transactional here, so nothing can be rolled back as on PostgreSQL; and
 * {@code CREATE DATABASE}, like every DDL statement, commits what the connection's transaction
 * holds. A process killed between the two leaves the database behind, its name saying what it is:
 * {@code DROP DATABASE retort_scratch_...} removes it.
 *
 * <p>The user needs the privileges to create and drop such databases and to make the model's tables
 * in them, for instance {@code GRANT ALL PRIVILEGES ON `retort\_scratch\_%`.* TO 'app'@'%'}. Without
 * them the server refuses {@code CREATE DATABASE} ({@code Access denied for user 'app'@'%' to
 * database 'retort_scratch_...'}, error 1044), and this says so with that grant for the user the
 * server reports, or {@code --model db:URL} (another database as the model, read without a scratch
 * database) as the way around.
 *
 * <p>It holds one database's tables: a model's tables in other databases would be made in those
 * very databases, so {@link MySqlIntrospector} refuses to read others from a scratch database.
 *
 * <p>Not thread-safe; one per comparison.
 */
final class MySqlScratchDatabase implements ScratchDatabase {

    /** How every scratch database's name begins. */
    static final String PREFIX = "retort_scratch_";

    private final Connection connection;
    private final String name;
    private final String targetDatabase;
    private final MySqlDialect dialect;

    private MySqlScratchDatabase(Connection connection, String name, String targetDatabase, MySqlDialect dialect) {
        this.connection = connection;
        this.name = name;
        this.targetDatabase = targetDatabase;
        this.dialect = dialect;
    }

    /** Makes the scratch database beside the one {@code target} has selected, and selects it. */
    static MySqlScratchDatabase besides(Connection target) throws SQLException {
        boolean mariadb = (target.getMetaData().getDatabaseProductName() + " "
                + target.getMetaData().getDatabaseProductVersion()).toLowerCase(Locale.ROOT)
                .contains("mariadb");
        MySqlDialect dialect = new MySqlDialect(mariadb);
        String database;
        String characterSet;
        String collation;
        String user;
        // @@character_set_database is the selected database's (the server's when none is selected)
        try (PreparedStatement statement = target.prepareStatement(
                "SELECT DATABASE(), @@character_set_database, @@collation_database, CURRENT_USER()");
             ResultSet rs = statement.executeQuery()) {
            rs.next();
            database = rs.getString(1);
            characterSet = rs.getString(2);
            collation = rs.getString(3);
            user = rs.getString(4);
        }
        String name = PREFIX + HexFormat.of().formatHex(new SecureRandom().generateSeed(6));
        try (Statement statement = target.createStatement()) {
            statement.execute("CREATE DATABASE " + dialect.quote(name) + " CHARACTER SET " + characterSet
                    + " COLLATE " + collation);
        } catch (SQLException e) {
            throw new RetortException("Comparing with a model needs a scratch database on the " + dialect.displayName()
                    + " server, and CREATE DATABASE " + name + " failed: " + message(e) + ". Let the user create"
                    + " and drop the scratch databases: GRANT ALL PRIVILEGES ON `retort\\_scratch\\_%`.* TO "
                    + account(user) + "; or compare with another database that has the model (--model db:URL)", e);
        }
        try {
            target.setCatalog(name);
        } catch (SQLException | RuntimeException e) {
            try (Statement statement = target.createStatement()) {
                statement.execute("DROP DATABASE IF EXISTS " + dialect.quote(name));
            } catch (SQLException dropping) {
                e.addSuppressed(dropping);
            }
            throw e;
        }
        return new MySqlScratchDatabase(target, name, database, dialect);
    }

    /** {@code app@%} as a GRANT names it: {@code 'app'@'%'}. */
    private static String account(String currentUser) {
        if (currentUser == null) {
            return "'USER'@'HOST'";
        }
        int at = currentUser.lastIndexOf('@');
        return at < 0 ? "'" + currentUser + "'" : "'" + currentUser.substring(0, at) + "'@'"
                + currentUser.substring(at + 1) + "'";
    }

    private static String message(SQLException e) {
        return String.valueOf(e.getMessage()).strip().replaceAll("\\s*\\R\\s*", " ");
    }

    @Override
    public Connection connection() {
        return connection;
    }

    /** Selects the target's database again (unless it had none) and drops the scratch one. */
    @Override
    public void close() throws SQLException {
        SQLException failure = null;
        try {
            if (targetDatabase != null) {
                connection.setCatalog(targetDatabase);
            }
        } catch (SQLException e) {
            failure = e;
        }
        // dropping the selected database leaves the connection with none, as it was without a target one
        try (Statement statement = connection.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + dialect.quote(name));
        } catch (SQLException e) {
            SQLException dropping = new SQLException("the scratch database " + name + " could not be dropped ("
                    + message(e) + "); drop it by hand: DROP DATABASE " + name, e.getSQLState(), e);
            if (failure != null) {
                dropping.addSuppressed(failure);
            }
            throw dropping;
        }
        if (failure != null) {
            throw failure;
        }
    }
}
