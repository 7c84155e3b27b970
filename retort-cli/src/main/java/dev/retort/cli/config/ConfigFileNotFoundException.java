package dev.retort.cli.config;

import dev.retort.config.ConfigException;

/**
 * No config file where one was looked for: none given and no {@code ./retort.toml}, or the file
 * named by {@code -c} or {@code $RETORT_CONFIG} is missing. Commands that can work without a
 * config file (such as {@code init}) catch this one.
 */
public class ConfigFileNotFoundException extends ConfigException {
    private static final long serialVersionUID = 1L;

    /** @param message one line saying where retort looked and how to give it a file */
    public ConfigFileNotFoundException(String message) {
        super(message);
    }
}
