/**
 * Backups taken before a run ({@code upgrade --backup DIR}): SQLite through {@code VACUUM INTO},
 * H2 through {@code SCRIPT TO}, PostgreSQL through {@code pg_dump}, MySQL and MariaDB through
 * {@code mysqldump} / {@code mariadb-dump}, each with the command that restores it. Passwords reach
 * the external tools through their environment or a private file, never their command line.
 */
package dev.retort.backup;
