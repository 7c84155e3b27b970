/**
 * Project settings (SPEC §2): the keys of {@code [retort]} ({@link dev.retort.config.ConfigKey}),
 * their checking ({@link dev.retort.config.SettingsResolver}) into the immutable
 * {@link dev.retort.config.RetortSettings}, database URLs ({@link dev.retort.config.DatabaseUrl})
 * and the masking of secrets in output ({@link dev.retort.config.Secrets}).
 *
 * <p>Nothing here reads files or the environment; the CLI reads {@code retort.toml} and passes
 * values in.
 */
package dev.retort.config;
