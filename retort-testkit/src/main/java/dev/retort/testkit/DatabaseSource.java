package dev.retort.testkit;

/** Where fresh databases of one kind come from: a directory of files or a server. Thread-safe. */
interface DatabaseSource {

    /**
     * Makes the empty database {@code name}.
     *
     * @param name unique in this JVM and, with high probability, beyond; a valid unquoted identifier
     * @throws DatabaseUnavailableException if it cannot be made
     */
    FreshDatabase create(String name);
}
