package dev.retort.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.retort.testkit.DatabaseKind;
import dev.retort.testkit.FreshDatabase;
import dev.retort.testkit.TestDatabases;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * SPEC §8's last row: 8 operating-system processes run {@code retort upgrade head} of 50 revisions
 * against one database at once. Every revision runs exactly once (each writes a row into a log
 * table), every process exits 0, and the version table ends at the head.
 *
 * <p>H2: in embedded file mode H2 lets one process open the file at a time, and retort's commands
 * that write wait for the file as for the migration lock, so the processes take turns; the row lock
 * that guards H2's server mode is tested between connections in retort-core's MigrationLockTest.
 * MySQL's driver is left to the kill test: it reaches the same MariaDB server.
 */
class ConcurrentUpgradeProcessesTest {

    private static final int PROCESSES = 8;
    private static final int REVISIONS = 50;

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = DatabaseKind.class, names = {"POSTGRES", "MARIADB", "SQLITE", "H2"})
    void eightProcessesUpgradingAtOnceApplyEachRevisionOnce(DatabaseKind kind) throws Exception {
        writeProject();
        FreshDatabase db = TestDatabases.fresh(kind);

        List<RetortProcess> processes = new ArrayList<>();
        int waited = 0;
        int ran = 0;
        try {
            for (int i = 0; i < PROCESSES; i++) {
                processes.add(RetortProcess.start(dir, dir.resolve("cache"), "--url", db.urlWithCredentials(),
                        "upgrade", "head"));
            }
            for (RetortProcess process : processes) {
                assertThat(process.waitFor(180)).as(process.output()).isZero();
                List<String> err = process.stderr();
                waited += err.stream().anyMatch(l -> l.startsWith("Waiting for the migration lock on ")) ? 1 : 0;
                ran += (int) err.stream().filter(l -> l.startsWith("Running upgrade ")).count();
            }
        } finally {
            for (RetortProcess process : processes) {
                process.close();
            }
        }

        Map<String, Integer> applied = counts(db, "SELECT revision, COUNT(*) FROM applied GROUP BY revision");
        assertThat(applied).hasSize(REVISIONS);
        assertThat(applied.values()).containsOnly(1);
        assertThat(ran).as("steps run, over all processes").isEqualTo(REVISIONS);
        assertThat(waited).as("processes that had to wait for another").isPositive();
        assertThat(counts(db, "SELECT version_num, COUNT(*) FROM retort_version GROUP BY version_num"))
                .containsExactly(Map.entry(id(REVISIONS), 1));
        assertThat(counts(db, "SELECT direction, COUNT(*) FROM retort_history GROUP BY direction"))
                .containsExactly(Map.entry("upgrade", REVISIONS));
    }

    /** r01 … r50, each logging itself and making a table: a little work, some of it DDL. */
    private void writeProject() throws IOException {
        Files.writeString(dir.resolve("retort.toml"), "[retort]\nscript_location = \"migrations\"\n");
        Path versions = Files.createDirectories(dir.resolve("migrations/versions"));
        for (int i = 1; i <= REVISIONS; i++) {
            String create = i == 1 ? "CREATE TABLE applied (revision VARCHAR(10) NOT NULL);\n" : "";
            CommandsTest.write(versions, id(i), i == 1 ? "" : id(i - 1), "step " + i,
                    create + "INSERT INTO applied (revision) VALUES ('" + id(i) + "');\nCREATE TABLE t_" + id(i)
                            + " (id INTEGER);", "DROP TABLE t_" + id(i) + ";");
        }
    }

    static String id(int i) {
        return String.format("r%02d", i);
    }

    static Map<String, Integer> counts(FreshDatabase db, String sql) throws SQLException {
        Map<String, Integer> counts = new LinkedHashMap<>();
        try (Connection connection = db.connect(); Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery(sql)) {
            while (rs.next()) {
                counts.put(rs.getString(1), rs.getInt(2));
            }
        }
        return counts;
    }
}
