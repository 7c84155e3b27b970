package dev.retort.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.CharRange;
import net.jqwik.api.constraints.Chars;
import net.jqwik.api.constraints.StringLength;

/**
 * Whatever a URL holds, and whether it parses or not, nothing {@link DatabaseUrl} returns or
 * throws shows its password: not {@code masked()}, {@code maskedJdbcUrl()}, {@code toString()}
 * nor the exception message.
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

    @Property(tries = 500)
    void rawPasswordsNeverShow(
            @ForAll @StringLength(min = 6, max = 24) @CharRange(from = 'a', to = 'z') @CharRange(from = '0', to = '9')
            @Chars({'!', '$', '%', '*', '(', ')', '-', '_', '=', '+', '[', ']', '{', '}', ':', ',', '.', '~', '/', '?'})
                    String password) {
        for (String shape : LENIENT) assertHidden(shape, password);
        String strict = password.replaceAll("[/?#@&;]", "x");
        for (String shape : STRICT) assertHidden(shape, strict);
    }

    @Property(tries = 500)
    void encodedPasswordsNeverShow(@ForAll @StringLength(min = 6, max = 24) String password) {
        String encoded = URLEncoder.encode(password, StandardCharsets.UTF_8).replace("+", "%20");
        for (String shape : LENIENT) assertHidden(shape, encoded, password);
        for (String shape : STRICT) assertHidden(shape, encoded, password);
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
