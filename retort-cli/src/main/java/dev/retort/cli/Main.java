package dev.retort.cli;

/** Entry point of the {@code retort} command. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.out.println("retort");
    }
}
