package dev.retort.bench;

import java.util.List;

/** Markdown on standard output (progress goes to standard error), so a run pastes into BENCHMARKS.md. */
final class Report {

    private Report() {
    }

    static void heading(String title) {
        System.out.println();
        System.out.println("### " + title);
        System.out.println();
    }

    static void line(String text) {
        System.out.println(text);
    }

    static void tableHeader(List<String> columns) {
        tableRow(columns);
        StringBuilder rule = new StringBuilder("|");
        for (int i = 0; i < columns.size(); i++) {
            rule.append(i == 0 ? "---|" : "--:|");
        }
        System.out.println(rule);
    }

    static void tableRow(List<String> cells) {
        System.out.println("| " + String.join(" | ", cells) + " |");
    }
}
