package dev.retort.backup;

import java.util.Locale;
import java.util.Optional;

/**
 * The host and port a JDBC URL of PostgreSQL, MySQL or MariaDB connects to first, for the command
 * line tools that take them apart: {@code jdbc:postgresql://host:5432/db}, {@code jdbc:postgresql:db}
 * (localhost), {@code jdbc:mysql://[::1]:3306/db}, {@code jdbc:mariadb:replication://h1,h2/db}.
 *
 * @param host host name or address (IPv6 without brackets)
 * @param port the port, the family's default when the URL gives none
 */
record ServerAddress(String host, int port) {

    /**
     * Reads the first host of the URL.
     *
     * @throws BackupFailedException when the URL's hosts cannot be read (the message never shows the URL)
     */
    static ServerAddress of(String jdbcUrl, int defaultPort) {
        String lower = jdbcUrl.toLowerCase(Locale.ROOT);
        int slashes = jdbcUrl.indexOf("//");
        if (slashes < 0) {
            // jdbc:postgresql:database, jdbc:postgresql:/database
            return new ServerAddress("localhost", defaultPort);
        }
        int end = slashes + 2;
        while (end < jdbcUrl.length() && "/?;".indexOf(jdbcUrl.charAt(end)) < 0) {
            end++;
        }
        String authority = jdbcUrl.substring(slashes + 2, end);
        authority = authority.substring(authority.lastIndexOf('@') + 1);
        if (lower.contains("address=(")) {
            throw new BackupFailedException("Cannot read the host from a JDBC URL written with address=(…); write"
                    + " //host:port in the URL to back up, or back up by hand. Nothing ran");
        }
        String first = authority.split(",", -1)[0];
        if (first.isEmpty()) {
            return new ServerAddress("localhost", defaultPort);
        }
        String host;
        String port = "";
        if (first.startsWith("[")) {
            int close = first.indexOf(']');
            host = first.substring(1, Math.max(1, close));
            if (close >= 0 && close + 1 < first.length() && first.charAt(close + 1) == ':') {
                port = first.substring(close + 2);
            }
        } else {
            int colon = first.lastIndexOf(':');
            host = colon < 0 ? first : first.substring(0, colon);
            port = colon < 0 ? "" : first.substring(colon + 1);
        }
        return new ServerAddress(host.isEmpty() ? "localhost" : host, parsePort(port).orElse(defaultPort));
    }

    private static Optional<Integer> parsePort(String text) {
        if (text.isEmpty() || !text.chars().allMatch(Character::isDigit) || text.length() > 5) {
            return Optional.empty();
        }
        return Optional.of(Integer.parseInt(text));
    }
}
