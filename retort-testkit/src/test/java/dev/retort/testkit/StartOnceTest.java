package dev.retort.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class StartOnceTest {

    @Test
    void startsOnceAndReturnsTheSameThing() {
        AtomicInteger starts = new AtomicInteger();
        StartOnce<Object> once = new StartOnce<>(() -> {
            starts.incrementAndGet();
            return new Object();
        });

        assertThat(once.get()).isSameAs(once.get());
        assertThat(starts).hasValue(1);
    }

    @Test
    void aFailedStartIsRememberedAsAFailureNotAsAResult() {
        AtomicInteger starts = new AtomicInteger();
        StartOnce<Object> once = new StartOnce<>(() -> {
            starts.incrementAndGet();
            throw new DatabaseUnavailableException("Embedded X did not start: port taken. Set X_URL.", null);
        });

        assertThatThrownBy(once::get)
                .isInstanceOf(DatabaseUnavailableException.class)
                .hasMessageContaining("Set X_URL");
        assertThatThrownBy(once::get)
                .isInstanceOf(DatabaseUnavailableException.class)
                .hasMessageContaining("Set X_URL")
                .hasMessageContaining("failed earlier in this JVM");
        assertThat(starts).hasValue(1);
    }

    @Test
    void aFailureSeenThroughTwoStartOncesIsMarkedOnce() {
        StartOnce<Object> server = new StartOnce<>(() -> {
            throw new DatabaseUnavailableException("Embedded X did not start.", null);
        });
        StartOnce<Object> client = new StartOnce<>(server::get);
        assertThatThrownBy(client::get).isInstanceOf(DatabaseUnavailableException.class);

        String once = "Embedded X did not start. [failed earlier in this JVM; not tried again]";
        assertThatThrownBy(client::get).hasMessage(once);
        assertThatThrownBy(server::get).hasMessage(once);
    }
}
