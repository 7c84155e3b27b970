package dev.retort.cli;

import dev.retort.config.Secrets;
import java.io.PrintStream;

/**
 * Where the CLI writes: results to stdout, progress and errors to stderr. Every line passes
 * through {@link Secrets} on its way out, so a password can never be printed, whatever echoed it.
 */
final class Console {

    private final PrintStream out;
    private final PrintStream err;
    private volatile Secrets secrets = Secrets.none();
    private volatile boolean quiet;

    Console(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    void secrets(Secrets newSecrets) {
        this.secrets = newSecrets;
    }

    Secrets secrets() {
        return secrets;
    }

    void quiet(boolean isQuiet) {
        this.quiet = isQuiet;
    }

    boolean quiet() {
        return quiet;
    }

    /** A result line on stdout (printed even with -q: it is what the command is for). */
    void result(String text) {
        out.println(secrets.mask(text));
    }

    /** Raw text on stdout, e.g. an offline script. */
    void raw(String text) {
        out.print(secrets.mask(text));
        out.flush();
    }

    /** A status line on stdout ("Generating … done"), silenced by -q. */
    void status(String text) {
        if (!quiet) {
            out.println(secrets.mask(text));
        }
    }

    /** A progress line on stderr ("Running upgrade …"), silenced by -q. */
    void progress(String text) {
        if (!quiet) {
            err.println(secrets.mask(text));
            err.flush();
        }
    }

    /** An error or warning line on stderr; never silenced. */
    void error(String text) {
        err.println(secrets.mask(text));
        err.flush();
    }

    PrintStream out() {
        return out;
    }

    PrintStream err() {
        return err;
    }
}
