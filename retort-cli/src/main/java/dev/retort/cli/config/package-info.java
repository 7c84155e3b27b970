/**
 * Finding and reading {@code retort.toml} ({@link dev.retort.cli.config.ConfigFile}) into
 * {@link dev.retort.config.RetortSettings}. TOML stays in the CLI; the library never parses it.
 */
package dev.retort.cli.config;
