package dev.retort.testkit;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A server's JDBC URL ({@code jdbc:<driver>://<hosts>/[database][?k=v&…]}) split at the database
 * name, so that the same hosts, parameters and credentials can name another database.
 *
 * <p>Parameters are kept as written, in order; only {@code user} and {@code password} are ever read
 * or replaced. Immutable and thread-safe.
 *
 * @param kind       which driver the URL is for; decides the prefix and how values are escaped
 * @param server     everything before the database: {@code jdbc:postgresql://127.0.0.1:5432}
 * @param database   the database name, empty when the URL names none
 * @param parameters the {@code key=value} pairs after {@code ?}, raw
 */
record ServerUrl(DatabaseKind kind, String server, String database, List<String> parameters) {

    ServerUrl {
        parameters = List.copyOf(parameters);
    }

    /**
     * Splits {@code url}.
     *
     * @throws IllegalArgumentException if it is not a {@code jdbc:<driver>://…} URL of {@code kind}'s
     *                                  driver; the message shows the expected shape
     */
    static ServerUrl parse(DatabaseKind kind, String url) {
        String scheme = scheme(kind);
        // Between the scheme and "//" there may be a driver mode, e.g. jdbc:mysql:loadbalance://
        int slashes = url.startsWith(scheme) ? url.indexOf("//", scheme.length()) : -1;
        if (slashes < 0 || url.substring(scheme.length(), slashes).matches(".*[/?].*")) {
            throw new IllegalArgumentException("expected a URL of the form " + scheme
                    + "//host[:port]/[database][?key=value&…], got " + redact(url));
        }
        int hostsEnd = slashes + 2;
        while (hostsEnd < url.length() && url.charAt(hostsEnd) != '/' && url.charAt(hostsEnd) != '?') {
            hostsEnd++;
        }
        String server = url.substring(0, hostsEnd);
        String rest = url.substring(hostsEnd);
        if (rest.startsWith("/")) {
            rest = rest.substring(1);
        }
        int question = rest.indexOf('?');
        String database = question < 0 ? rest : rest.substring(0, question);
        List<String> parameters = new ArrayList<>();
        if (question >= 0) {
            for (String pair : rest.substring(question + 1).split("&")) {
                if (!pair.isEmpty()) {
                    parameters.add(pair);
                }
            }
        }
        return new ServerUrl(kind, server, database, parameters);
    }

    /** The same server, parameters and credentials, naming {@code name} instead. */
    ServerUrl withDatabase(String name) {
        return new ServerUrl(kind, server, name, parameters);
    }

    /**
     * The value of parameter {@code key} as the driver will read it: PostgreSQL's and MySQL's drivers
     * percent-decode values, MariaDB Connector/J takes them literally.
     */
    Optional<String> parameter(String key) {
        String prefix = key + "=";
        for (String pair : parameters) {
            if (pair.startsWith(prefix)) {
                String raw = pair.substring(prefix.length());
                return Optional.of(decodes() ? URLDecoder.decode(raw, StandardCharsets.UTF_8) : raw);
            }
        }
        return Optional.empty();
    }

    /**
     * This URL with {@code key} set to {@code value}, replacing the parameter if present, else
     * appended.
     *
     * @throws IllegalArgumentException if MariaDB Connector/J could not read the value back
     */
    ServerUrl withParameter(String key, String value) {
        String encoded;
        if (decodes()) {
            encoded = URLEncoder.encode(value, StandardCharsets.UTF_8);
        } else if (value.contains("&")) {
            throw new IllegalArgumentException("MariaDB Connector/J does not decode URL parameters, so a "
                    + key + " containing '&' cannot be put in a URL; pass it as a connection property");
        } else {
            encoded = value;
        }
        String prefix = key + "=";
        List<String> replaced = new ArrayList<>();
        boolean found = false;
        for (String pair : parameters) {
            if (pair.startsWith(prefix)) {
                if (!found) {
                    replaced.add(prefix + encoded);
                }
                found = true;
            } else {
                replaced.add(pair);
            }
        }
        if (!found) {
            replaced.add(prefix + encoded);
        }
        return new ServerUrl(kind, server, database, replaced);
    }

    @Override
    public String toString() {
        String url = server + "/" + database;
        return parameters.isEmpty() ? url : url + "?" + String.join("&", parameters);
    }

    /** The URL fit for an error message or a log: the value of {@code password} and any user-info hidden. */
    String redacted() {
        return redact(toString());
    }

    /** {@code url} fit for an error message or a log, whether it parses or not. */
    static String redact(String url) {
        return url.replaceAll("(?i)(password=)[^&;]*", "$1****")
                .replaceAll("//[^/?@]*@", "//****@");
    }

    private boolean decodes() {
        return kind != DatabaseKind.MARIADB;
    }

    static String scheme(DatabaseKind kind) {
        return switch (kind) {
            case POSTGRES -> "jdbc:postgresql:";
            case MARIADB -> "jdbc:mariadb:";
            case MYSQL -> "jdbc:mysql:";
            case SQLITE, H2 -> throw new IllegalArgumentException(kind + " databases are files, not servers");
        };
    }
}
