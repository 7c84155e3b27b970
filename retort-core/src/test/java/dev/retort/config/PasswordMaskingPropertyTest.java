package dev.retort.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;

import dev.retort.pbt.Generators;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Whatever a URL holds, and whether it parses or not, nothing {@link DatabaseUrl} returns or
 * throws shows its password: not {@code masked()}, {@code maskedJdbcUrl()}, {@code toString()}
 * nor the exception message.
 *
 * <p>Checked with QuickTheories; to replay a failure, see {@link Generators} (the {@code QT_SEED}
 * property).
 */
class PasswordMaskingPropertyTest {
    private static final Path BASE = Path.of("/base");

    /** Shapes whose password may hold '/', '?' and ':' as written (SQLAlchemy's rule). */
    private static final String[] LENIENT = {
        "postgresql://bob:%s@host/db",
        "postgresql://bob:%s@host:5432/db?sslmode=require",
        "postgresql+asyncpg://bob:%s@:5432/db",
        "mysql+pymysql://bob:%s@host:bad/db",
        "mariadb://bob:%s@[::1/db",
        "mysql://bob:%s@host/db?ssl_ca=/x",
        "sqlite://bob:%s@/app.db",
        // without '//' a password may not start with '/': "bob://x@host" is a scheme, not a password
        "postgresql:/bob:p%s@host/db",
        "bob:p%s@host/db",
    };

    /** Shapes where the password ends at '/', '?', '#', '@', '&' or ';' (RFC 3986 or query values). */
    private static final String[] STRICT = {
        "jdbc:postgresql://bob:%s@host/db",
        "jdbc:mariadb://bob:%s@host/db",
        "jdbc:mysql://bob:%s@host/db",
        "jdbc:postgresql://host/db?user=bob&password=%s",
        "jdbc:h2:mem:x;USER=bob;PASSWORD=%s",
        "h2:file:;PASSWORD=%s",
        "postgresql://host/db?sslpassword=%s&connect_timeout=x",
        "oracle://bob:%s@h/db",
        "jdbc:oracle:thin:bob/%s@db:1521:orcl",
    };

    /** Characters of raw passwords: letters, digits and the punctuation a URL may hold as written. */
    private static final String RAW_PASSWORD_CHARS = "abcdefghijklmnopqrstuvwxyz0123456789!$%*()-_=+[]{}:,.~/?";
    /** Shrink cycles after a failure: plenty for a password of at most 24 characters. */
    private static final int SHRINK_CYCLES = 1_000;

    @Test
    void rawPasswordsNeverShow() {
        qt().withExamples(500).withShrinkCycles(SHRINK_CYCLES)
                .forAll(Generators.stringsOf(RAW_PASSWORD_CHARS, 6, 24).describedAs(Generators::literal))
                .checkAssert(password -> {
                    for (String shape : LENIENT) assertHidden(shape, password);
                    String strict = password.replaceAll("[/?#@&;]", "x");
                    for (String shape : STRICT) assertHidden(shape, strict);
                });
    }

    @Test
    void encodedPasswordsNeverShow() {
        qt().withExamples(500).withShrinkCycles(SHRINK_CYCLES)
                .forAll(Generators.anyStrings(6, 24))
                .checkAssert(password -> {
                    String encoded = URLEncoder.encode(password, StandardCharsets.UTF_8).replace("+", "%20");
                    for (String shape : LENIENT) assertHidden(shape, encoded, password);
                    for (String shape : STRICT) assertHidden(shape, encoded, password);
                });
    }

    private static void assertHidden(String shape, String written, String... alsoHidden) {
        String url = String.format(shape, written);
        StringBuilder shown = new StringBuilder(DatabaseUrl.mask(url));
        try {
            DatabaseUrl parsed = DatabaseUrl.parse(url, BASE);
            shown.append('\n').append(parsed.masked()).append('\n').append(parsed.maskedJdbcUrl())
                    .append('\n').append(parsed);
        } catch (InvalidDatabaseUrlException e) {
            shown.append('\n').append(e.getMessage());
        }
        assertThat(shown.toString()).as(url).doesNotContain(written);
        for (String hidden : alsoHidden) {
            if (hidden.length() >= 4) assertThat(shown.toString()).as(url).doesNotContain(hidden);
        }
    }
}
