package dev.retort.dialect.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.quicktheories.QuickTheory.qt;

import dev.retort.dialect.sqlite.ParsedTable.ColumnCheck;
import dev.retort.dialect.sqlite.ParsedTable.ColumnClause;
import dev.retort.dialect.sqlite.ParsedTable.ColumnCollate;
import dev.retort.dialect.sqlite.ParsedTable.ColumnDefault;
import dev.retort.dialect.sqlite.ParsedTable.ColumnGenerated;
import dev.retort.dialect.sqlite.ParsedTable.ColumnNotNull;
import dev.retort.dialect.sqlite.ParsedTable.ColumnPrimaryKey;
import dev.retort.dialect.sqlite.ParsedTable.ColumnReferences;
import dev.retort.dialect.sqlite.ParsedTable.ColumnUnique;
import dev.retort.dialect.sqlite.ParsedTable.IndexedColumn;
import dev.retort.dialect.sqlite.ParsedTable.ParsedColumn;
import dev.retort.dialect.sqlite.ParsedTable.References;
import dev.retort.dialect.sqlite.ParsedTable.TableCheck;
import dev.retort.dialect.sqlite.ParsedTable.TableClause;
import dev.retort.dialect.sqlite.ParsedTable.TableForeignKey;
import dev.retort.dialect.sqlite.ParsedTable.TablePrimaryKey;
import dev.retort.dialect.sqlite.ParsedTable.TableUnique;
import dev.retort.pbt.Coverage;
import dev.retort.pbt.Generators;
import dev.retort.schema.Deferrable;
import dev.retort.schema.ReferentialAction;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.core.RandomnessSource;
import org.quicktheories.impl.Constraint;

/**
 * Properties of {@link SqliteDdlParser} over generated CREATE TABLE statements: names quoted every
 * way SQLite allows (and needing it: spaces, quotes, keywords, non-ASCII), types of several words,
 * every column and table constraint, named or not, expressions nesting parentheses around strings,
 * quoted names and comments that hold parentheses and commas, and white space and comments
 * between tokens. Each statement is first run on a real SQLite database, and what SQLite keeps in
 * {@code sqlite_master} is what is parsed: the parser must give back exactly the definition the
 * statement was generated from. To replay a failure, see {@link Generators} ({@code QT_SEED}).
 */
class SqliteDdlParserPropertyTest {

    private static final List<String> NAMES = List.of("a", "b2", "book_id", "Mixed Case", "with space",
            "quote\"inside", "back`tick", "sélection", "名前", "order", "check", "key", "_under", "x.y", "it's",
            "paren(", "comma,", "dash-ed");
    private static final List<String> TYPES = List.of("", "INTEGER", "TEXT", "VARCHAR(10)", "VARCHAR (200)",
            "NUMERIC(10, 2)", "DOUBLE PRECISION", "BLOB", "UNSIGNED BIG INT", "DATETIME", "REAL");
    private static final List<String> STRINGS = List.of("'a'", "'it''s'", "'(not) a paren'", "'a,b'", "'-- no'",
            "'/* no */'", "''", "'\"q\"'", "'é'");
    private static final List<String> SEPARATORS = List.of(" ", " ", " ", "\n    ", "  ", " /* c, ( */ ",
            " -- x, (\n    ", "\t");
    private static final List<String> COLLATIONS = List.of("NOCASE", "BINARY", "RTRIM");
    private static final Set<String> KEYWORDS = Set.of("order", "check", "key");

    private static Connection sqlite;

    @BeforeAll
    static void open() throws SQLException {
        sqlite = DriverManager.getConnection("jdbc:sqlite::memory:");
    }

    @AfterAll
    static void close() throws SQLException {
        sqlite.close();
    }

    /** A statement and the definition it was written from. */
    record Generated(String sql, ParsedTable expected) {
        @Override
        public String toString() {
            return sql;
        }
    }

    @Test
    void parsingWhatSqliteStoresGivesBackTheGeneratedDefinition() {
        Coverage coverage = new Coverage();
        qt().withExamples(400).withShrinkCycles(2_000).forAll(tables()).checkAssert(generated -> {
            String stored = runAndRead(generated.sql());

            ParsedTable parsed = SqliteDdlParser.parseCreateTable(stored);

            assertThat(parsed).isEqualTo(generated.expected());
            coverage.count("quoted names", generated.sql().contains("\"") || generated.sql().contains("["));
            coverage.count("table constraints", !parsed.constraints().isEmpty());
            coverage.count("named constraints", generated.sql().contains("CONSTRAINT"));
            coverage.count("comments", generated.sql().contains("/*") || generated.sql().contains("--"));
            coverage.count("nested parentheses", generated.sql().contains("(("));
        });
        coverage.assertAbove("quoted names", 50);
        coverage.assertAbove("table constraints", 40);
        coverage.assertAbove("named constraints", 40);
        coverage.assertAbove("comments", 40);
        coverage.assertAbove("nested parentheses", 10);
    }

    @Test
    void arbitraryTextIsEitherParsedOrRefusedWithAParseException() {
        qt().withExamples(2_000).forAll(Generators.anyStrings(0, 80).mix(garbledTables(), 60))
                .checkAssert(text -> assertThatCode(() -> {
                    try {
                        SqliteDdlParser.parseCreateTable(text);
                    } catch (SqliteParseException e) {
                        // refused, as it should be when it is not a statement SQLite wrote
                    }
                    try {
                        SqliteDdlParser.parseCreateIndex(text);
                    } catch (SqliteParseException e) {
                        // likewise
                    }
                }).doesNotThrowAnyException());
    }

    /** Runs the statement on an empty database and reads back what SQLite keeps of it. */
    private static String runAndRead(String sql) {
        try (Statement statement = sqlite.createStatement()) {
            List<String> left = new ArrayList<>();
            try (ResultSet rs = statement.executeQuery("SELECT name FROM sqlite_master WHERE type = 'table'"
                    + " AND name NOT LIKE 'sqlite%'")) {
                while (rs.next()) {
                    left.add(rs.getString(1));
                }
            }
            for (String table : left) {
                statement.execute("DROP TABLE \"" + table.replace("\"", "\"\"") + "\"");
            }
            statement.execute(sql);
            try (ResultSet rs = statement.executeQuery("SELECT sql FROM sqlite_master WHERE type = 'table'"
                    + " AND name NOT LIKE 'sqlite%'")) {
                assertThat(rs.next()).as("the table exists").isTrue();
                return rs.getString(1);
            }
        } catch (SQLException e) {
            throw new AssertionError("SQLite refused the generated statement: " + e.getMessage(), e);
        }
    }

    // ------------------------------------------------------------------------------------------
    // generators

    private static Gen<Generated> tables() {
        return in -> new Writer(in).table();
    }

    /** Generated statements with a piece cut out or doubled: mostly not statements any more. */
    private static Gen<String> garbledTables() {
        return in -> {
            String sql = new Writer(in).table().sql();
            int from = (int) in.next(Constraint.between(0, sql.length()));
            int to = (int) in.next(Constraint.between(from, sql.length()));
            return in.next(Constraint.between(0, 1)) == 0 ? sql.substring(0, from) + sql.substring(to)
                    : sql.substring(0, to) + sql.substring(from);
        };
    }

    /** Writes one statement and its expected definition from a randomness source. */
    private static final class Writer {
        private final RandomnessSource in;
        private final StringBuilder sql = new StringBuilder();
        private final List<String> columnNames = new ArrayList<>();
        private final List<String> columnRefs = new ArrayList<>();
        /** The columns that are not generated, which alone may be in a primary key. */
        private final List<String> storedNames = new ArrayList<>();

        Writer(RandomnessSource in) {
            this.in = in;
        }

        Generated table() {
            String table = pick(NAMES);
            sql.append("CREATE").append(" TABLE").append(space()).append(name(table)).append(space()).append('(');
            int count = between(1, 4);
            Set<String> used = new HashSet<>();
            boolean columnKey = false;
            boolean anyKey = false;
            List<ParsedColumn> columns = new ArrayList<>();
            List<String> parts = new ArrayList<>();
            while (columns.size() < count) {
                String name = pick(NAMES);
                if (!used.add(name.toLowerCase(Locale.ROOT))) {
                    continue;
                }
                StringBuilder part = new StringBuilder(name(name));
                String type = pick(TYPES);
                if (!type.isEmpty()) {
                    part.append(' ').append(type);
                }
                List<ColumnClause> clauses = new ArrayList<>();
                boolean generated = !columns.isEmpty() && chance(5);
                boolean hasDefault = false;
                int clauseCount = between(0, 3);
                for (int i = 0; i < clauseCount; i++) {
                    Optional<String> constraintName = chance(3) ? Optional.of(pick(NAMES)) : Optional.empty();
                    StringBuilder clause = new StringBuilder();
                    constraintName.ifPresent(n -> clause.append("CONSTRAINT ").append(name(n)).append(' '));
                    switch (between(0, 6)) {
                        case 0 -> {
                            clause.append("NOT NULL");
                            clauses.add(new ColumnNotNull(constraintName, Optional.empty()));
                        }
                        case 1 -> {
                            String condition = expression(2, true);
                            clause.append("CHECK (").append(condition).append(')');
                            clauses.add(new ColumnCheck(constraintName, condition));
                        }
                        case 2 -> {
                            if (generated || hasDefault) {
                                continue;
                            }
                            hasDefault = true;
                            String value = defaultValue();
                            clause.append("DEFAULT ").append(value);
                            clauses.add(new ColumnDefault(constraintName, value));
                        }
                        case 3 -> {
                            String collation = pick(COLLATIONS);
                            clause.append("COLLATE ").append(collation);
                            clauses.add(new ColumnCollate(constraintName, collation));
                        }
                        case 4 -> {
                            if (generated) {
                                continue;
                            }
                            clause.append("UNIQUE");
                            clauses.add(new ColumnUnique(constraintName, Optional.empty()));
                        }
                        case 5 -> {
                            References references = references(1);
                            clause.append(writeReferences(references));
                            clauses.add(new ColumnReferences(constraintName, references));
                        }
                        default -> {
                            if (generated || columnKey) {
                                continue;
                            }
                            columnKey = true;
                            boolean autoincrement = type.equals("INTEGER") && chance(2);
                            clause.append("PRIMARY KEY").append(autoincrement ? " AUTOINCREMENT" : "");
                            clauses.add(new ColumnPrimaryKey(constraintName, false, Optional.empty(), autoincrement));
                        }
                    }
                    part.append(space()).append(clause);
                }
                if (generated) {
                    String expression = expression(2, false);
                    boolean stored = chance(2);
                    boolean longForm = chance(2);
                    part.append(space()).append(longForm ? "GENERATED ALWAYS AS (" : "AS (").append(expression)
                            .append(')').append(stored ? " STORED" : chance(2) ? " VIRTUAL" : "");
                    clauses.add(new ColumnGenerated(Optional.empty(), expression, stored));
                }
                columns.add(new ParsedColumn(name, type, clauses));
                parts.add(part.toString());
                columnNames.add(name);
                columnRefs.add(name(name));
                if (!generated) {
                    storedNames.add(name);
                }
            }
            anyKey = columnKey;
            List<TableClause> constraints = new ArrayList<>();
            int constraintCount = between(0, 3);
            for (int i = 0; i < constraintCount; i++) {
                Optional<String> constraintName = chance(2) ? Optional.of(pick(NAMES)) : Optional.empty();
                StringBuilder clause = new StringBuilder();
                constraintName.ifPresent(n -> clause.append("CONSTRAINT ").append(name(n)).append(space()));
                switch (between(0, 3)) {
                    case 0 -> {
                        String condition = expression(3, true);
                        clause.append("CHECK").append(space()).append('(').append(condition).append(')');
                        constraints.add(new TableCheck(constraintName, condition));
                    }
                    case 1 -> {
                        List<IndexedColumn> keys = keys(columnNames);
                        clause.append("UNIQUE (").append(writeKeys(keys)).append(')');
                        constraints.add(new TableUnique(constraintName, keys, Optional.empty()));
                    }
                    case 2 -> {
                        List<String> local = someColumns();
                        References references = references(local.size());
                        clause.append("FOREIGN KEY (").append(String.join(", ", local.stream().map(this::name)
                                .toList())).append(')').append(space()).append(writeReferences(references));
                        constraints.add(new TableForeignKey(constraintName, local, references));
                    }
                    default -> {
                        if (anyKey) {
                            continue;
                        }
                        anyKey = true;
                        List<IndexedColumn> keys = keys(storedNames);
                        clause.append("PRIMARY KEY (").append(writeKeys(keys)).append(')');
                        constraints.add(new TablePrimaryKey(constraintName, keys, Optional.empty()));
                    }
                }
                parts.add(clause.toString());
            }
            for (int i = 0; i < parts.size(); i++) {
                if (i > 0) {
                    // SQLite lets table constraints follow one another without a comma
                    boolean bare = i > columns.size() && chance(4);
                    sql.append(bare ? "" : ",");
                }
                sql.append(space()).append(parts.get(i));
            }
            sql.append(space()).append(')');
            return new Generated(sql.toString(), new ParsedTable(Optional.empty(), table, columns, constraints, false,
                    false, false));
        }

        private References references(int columns) {
            String parent = pick(NAMES);
            List<String> referenced = new ArrayList<>();
            boolean named = chance(4) || columns > 1;
            if (named) {
                Set<String> used = new HashSet<>();
                while (referenced.size() < columns) {
                    String name = pick(NAMES);
                    if (used.add(name.toLowerCase(Locale.ROOT))) {
                        referenced.add(name);
                    }
                }
            }
            Optional<ReferentialAction> onDelete = chance(2) ? Optional.of(pick(List.of(ReferentialAction.values())))
                    : Optional.empty();
            Optional<ReferentialAction> onUpdate = chance(3) ? Optional.of(pick(List.of(ReferentialAction.values())))
                    : Optional.empty();
            Optional<String> match = chance(5) ? Optional.of(pick(List.of("SIMPLE", "FULL", "PARTIAL")))
                    : Optional.empty();
            Optional<Deferrable> deferrable = chance(3) ? Optional.of(pick(List.of(Deferrable.values())))
                    : Optional.empty();
            return new References(parent, referenced, onDelete, onUpdate, match, deferrable);
        }

        private String writeReferences(References references) {
            StringBuilder out = new StringBuilder("REFERENCES ").append(name(references.table()));
            if (!references.columns().isEmpty()) {
                out.append(" (").append(String.join(", ", references.columns().stream().map(this::name).toList()))
                        .append(')');
            }
            references.onDelete().ifPresent(a -> out.append(" ON DELETE ").append(a.sql()));
            references.onUpdate().ifPresent(a -> out.append(" ON UPDATE ").append(a.sql()));
            references.match().ifPresent(m -> out.append(" MATCH ").append(m));
            references.deferrable().ifPresent(d -> out.append(' ').append(switch (d) {
                case NOT_DEFERRABLE -> "NOT DEFERRABLE";
                case INITIALLY_IMMEDIATE -> chance(2) ? "DEFERRABLE" : "DEFERRABLE INITIALLY IMMEDIATE";
                case INITIALLY_DEFERRED -> "DEFERRABLE INITIALLY DEFERRED";
            }));
            return out.toString();
        }

        private List<IndexedColumn> keys(List<String> from) {
            List<IndexedColumn> keys = new ArrayList<>();
            for (String column : someOf(from)) {
                Optional<String> collation = chance(4) ? Optional.of(pick(COLLATIONS)) : Optional.empty();
                keys.add(new IndexedColumn(name(column), Optional.of(column), collation, false));
            }
            return keys;
        }

        private String writeKeys(List<IndexedColumn> keys) {
            return String.join(", ", keys.stream().map(k -> k.expression() + k.collation().map(c -> " COLLATE " + c)
                    .orElse("")).toList());
        }

        /** One to all of the columns, in some order, each once. */
        private List<String> someColumns() {
            return someOf(columnNames);
        }

        private List<String> someOf(List<String> names) {
            List<String> pool = new ArrayList<>(names);
            List<String> chosen = new ArrayList<>();
            int count = between(1, pool.size());
            while (chosen.size() < count) {
                chosen.add(pool.remove(between(0, pool.size() - 1)));
            }
            return chosen;
        }

        private String defaultValue() {
            return switch (between(0, 5)) {
                case 0 -> pick(STRINGS);
                case 1 -> String.valueOf(between(0, 999));
                case 2 -> "-" + between(1, 99) + "." + between(0, 9);
                case 3 -> "CURRENT_TIMESTAMP";
                case 4 -> "NULL";
                default -> "(" + expression(2, false) + ")";
            };
        }

        /** An expression without white space at its ends; it may name the columns written so far. */
        private String expression(int depth, boolean columns) {
            int choice = between(0, depth <= 0 ? 2 : 8);
            return switch (choice) {
                case 0 -> String.valueOf(between(0, 100));
                case 1 -> pick(STRINGS);
                case 2 -> columns && !columnRefs.isEmpty() ? pick(columnRefs) : "NULL";
                case 3 -> "(" + expression(depth - 1, columns) + ")";
                case 4 -> "coalesce(" + expression(depth - 1, columns) + ", " + expression(depth - 1, columns) + ")";
                case 5 -> expression(depth - 1, columns) + " " + pick(List.of("+", ">", "<>", "AND", "||", "IS NOT"))
                        + " " + expression(depth - 1, columns);
                case 6 -> expression(depth - 1, columns) + " /* ) , ' */ + " + expression(depth - 1, columns);
                case 7 -> expression(depth - 1, columns) + " -- ), '\n + " + expression(depth - 1, columns);
                default -> expression(depth - 1, columns) + " IN (" + pick(STRINGS) + ", " + between(0, 9) + ")";
            };
        }

        /** A name as SQL: bare when it can be, otherwise (or on a whim) quoted in one of SQLite's ways. */
        private String name(String name) {
            boolean plain = name.matches("[A-Za-z_][A-Za-z0-9_]*") && !KEYWORDS.contains(name.toLowerCase(Locale.ROOT));
            int style = between(plain ? 0 : 1, 4);
            return switch (style) {
                case 0 -> name;
                case 1, 2 -> "\"" + name.replace("\"", "\"\"") + "\"";
                case 3 -> name.contains("]") ? "\"" + name.replace("\"", "\"\"") + "\"" : "[" + name + "]";
                default -> "`" + name.replace("`", "``") + "`";
            };
        }

        private String space() {
            return chance(2) ? " " : pick(SEPARATORS);
        }

        private int between(int min, int max) {
            return (int) in.next(Constraint.between(min, max));
        }

        /** True one time in {@code n}. */
        private boolean chance(int n) {
            return between(1, n) == 1;
        }

        private <T> T pick(List<T> values) {
            return values.get(between(0, values.size() - 1));
        }
    }
}
