package dev.retort.script;

import dev.retort.RetortException;
import dev.retort.config.FileTemplate;
import dev.retort.revision.GraphProblem;
import dev.retort.revision.MultipleHeadsException;
import dev.retort.revision.Revision;
import dev.retort.revision.RevisionGraph;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Writes new revision files, SQL or Java ({@code retort revision} and {@code retort merge}), with Alembic's
 * rules (reference/alembic.md §1.2 {@code revision}): the parents default to the single head, a
 * parent that is not a head needs {@code splice}, several version locations need a version path
 * unless a parent decides it, {@code depends_on} partial ids are written out in full (labels stay
 * labels), and the new revision must keep the graph valid.
 *
 * <p>Not thread-safe (two writers could pick the same file name); one per command.
 */
public final class RevisionFileWriter {

    private static final Pattern SLUG_WORD = Pattern.compile("\\w+", Pattern.UNICODE_CHARACTER_CLASS);
    private static final DateTimeFormatter CREATE_DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final RevisionGraph graph;
    private final Function<String, Optional<Path>> fileOfRevision;
    private final List<Path> versionLocations;
    private final String fileTemplate;
    private final ZoneId timezone;
    private final int truncateSlugLength;
    private final Clock clock;

    /**
     * @param graph              the current graph
     * @param fileOfRevision     the file of an existing revision, to place a child beside it
     * @param versionLocations   the configured version locations
     * @param fileTemplate       the file-name template
     * @param timezone           zone of the create date and of the date tokens
     * @param truncateSlugLength longest slug
     * @param clock              the clock (tests fix it)
     */
    public RevisionFileWriter(RevisionGraph graph, Function<String, Optional<Path>> fileOfRevision,
                              List<Path> versionLocations, String fileTemplate, ZoneId timezone,
                              int truncateSlugLength, Clock clock) {
        this.graph = graph;
        this.fileOfRevision = fileOfRevision;
        this.versionLocations = List.copyOf(versionLocations);
        this.fileTemplate = fileTemplate;
        this.timezone = timezone;
        this.truncateSlugLength = truncateSlugLength;
        this.clock = clock;
    }

    /**
     * What to write.
     *
     * @param revisionId   the id, or empty to generate 12 hex characters
     * @param message      the message (empty allowed)
     * @param parents      identifiers of the parents ({@code head} by default, {@code base} for a new root)
     * @param splice       allow parents that are not heads (creates a branch point)
     * @param branchLabels labels to declare
     * @param dependsOn    revisions or labels this one depends on
     * @param versionPath  the version location to write into
     * @param merge        whether this is a merge (changes the wording of errors)
     * @param kind         SQL or Java
     * @param body         what goes into upgrade and downgrade (autogenerate); empty writes the template
     */
    public record Request(Optional<String> revisionId, String message, List<String> parents, boolean splice,
                          List<String> branchLabels, List<String> dependsOn, Optional<Path> versionPath,
                          boolean merge, Kind kind, Optional<Body> body) {

        /** A revision written from the template. */
        public Request(Optional<String> revisionId, String message, List<String> parents, boolean splice,
                       List<String> branchLabels, List<String> dependsOn, Optional<Path> versionPath, boolean merge,
                       Kind kind) {
            this(revisionId, message, parents, splice, branchLabels, dependsOn, versionPath, merge, kind,
                    Optional.empty());
        }

        /** A SQL revision. */
        public Request(Optional<String> revisionId, String message, List<String> parents, boolean splice,
                       List<String> branchLabels, List<String> dependsOn, Optional<Path> versionPath, boolean merge) {
            this(revisionId, message, parents, splice, branchLabels, dependsOn, versionPath, merge, Kind.SQL);
        }

        public Request {
            Objects.requireNonNull(revisionId, "revisionId");
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(body, "body");
            message = message == null ? "" : message;
            parents = List.copyOf(parents);
            branchLabels = List.copyOf(branchLabels);
            dependsOn = List.copyOf(dependsOn);
            Objects.requireNonNull(versionPath, "versionPath");
        }
    }

    /** The kind of file to write. */
    public enum Kind {
        /** {@code .sql}: a header and {@code -- migrate:up} / {@code -- migrate:down} sections (SPEC §3.1). */
        SQL,
        /** {@code .java}: one class with {@code @Revision}, {@code upgrade} and {@code downgrade} (SPEC §3.2). */
        JAVA
    }

    /**
     * The contents of the two directions, as {@code revision --autogenerate} writes them: for a SQL
     * revision the statements of each section (terminated, one per paragraph) and whether the section
     * must run outside a transaction; for a Java revision the statements of each method and the
     * imports they need.
     */
    public record Body(String upgrade, String downgrade, List<String> imports, boolean upgradeTransactional,
                       boolean downgradeTransactional) {
        public Body {
            Objects.requireNonNull(upgrade, "upgrade");
            Objects.requireNonNull(downgrade, "downgrade");
            imports = List.copyOf(imports);
        }
    }

    /** The file written and the revision it holds. */
    public record Written(Path file, Revision revision) {
    }

    /** Writes the file. */
    public Written write(Request request) {
        String id = request.revisionId().orElseGet(RevisionFileWriter::newId);
        Revision.idProblem(id).ifPresent(p -> {
            throw new RetortException("Invalid --rev-id: " + p);
        });
        if (graph.contains(id)) {
            throw new RetortException("Revision id " + id + " already exists ("
                    + graph.find(id).map(Revision::origin).orElse("?") + "); choose another --rev-id");
        }

        List<Revision> parents = resolveParents(request);
        if (!request.splice()) {
            for (Revision parent : parents) {
                if (!graph.isHead(parent.id())) {
                    throw new RetortException("Revision " + parent.id() + " is not a head revision; please specify"
                            + " --splice to create a new branch from this revision");
                }
            }
        }
        Path directory = versionDirectory(request, parents);
        List<String> dependsOn = resolveDependencies(request.dependsOn());
        String message = request.message().strip().replaceAll("\\s*\\R\\s*", " ");

        ZonedDateTime created = ZonedDateTime.now(clock.withZone(timezone));
        String slug = slug(message);
        String fileName = FileTemplate.render(fileTemplate, id, slug, created)
                + (request.kind() == Kind.JAVA ? ".java" : ".sql");
        Path file = directory.resolve(fileName);
        Revision revision = new Revision(id, parents.stream().map(Revision::id).toList(), request.branchLabels(),
                dependsOn, message, file.toString());

        List<Revision> all = new ArrayList<>(graph.revisions());
        all.add(revision);
        List<GraphProblem> problems = RevisionGraph.problems(all);
        if (!problems.isEmpty()) {
            throw new RetortException("The new revision would break the graph: " + problems.get(0).message());
        }
        try {
            Files.createDirectories(directory);
            String content = request.kind() == Kind.JAVA ? javaContent(revision, created, className(slug, id),
                    request.merge(), request.body()) : content(revision, created, request.body());
            Files.writeString(file, content, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW);
        } catch (FileAlreadyExistsException e) {
            throw new RetortException("File " + file + " already exists; choose another message or --rev-id");
        } catch (IOException e) {
            throw new RetortException("Cannot write " + file + ": " + e.getMessage(), e);
        }
        return new Written(file, revision);
    }

    private List<Revision> resolveParents(Request request) {
        List<String> identifiers = request.parents().isEmpty() ? List.of("head") : request.parents();
        List<Revision> parents;
        try {
            parents = graph.resolve(identifiers);
        } catch (MultipleHeadsException e) {
            throw new RetortException("Multiple heads are present (" + String.join(", ", e.heads())
                    + "); name the revision to build on with --head (e.g. --head " + e.heads().get(0)
                    + " or --head <label>@head), or join them first with 'retort merge heads'");
        }
        if (new HashSet<>(parents).size() != parents.size()) {
            throw new RetortException("Duplicate head revisions specified: " + String.join(", ", identifiers));
        }
        if (request.merge() && parents.size() < 2) {
            throw new RetortException("A merge needs at least two revisions; " + String.join(", ", identifiers)
                    + " resolve" + (identifiers.size() == 1 ? "s" : "") + " to "
                    + (parents.isEmpty() ? "none" : parents.get(0).id()));
        }
        return parents;
    }

    private Path versionDirectory(Request request, List<Revision> parents) {
        if (request.versionPath().isPresent()) {
            Path wanted = request.versionPath().get().toAbsolutePath().normalize();
            for (Path location : versionLocations) {
                if (location.toAbsolutePath().normalize().equals(wanted)) {
                    return location;
                }
            }
            throw new RetortException("Path " + request.versionPath().get() + " is not represented in current"
                    + " version locations (" + String.join(", ", versionLocations.stream().map(Path::toString)
                    .toList()) + ")");
        }
        if (versionLocations.size() == 1) {
            return versionLocations.get(0);
        }
        for (Revision parent : parents) {
            Optional<Path> file = fileOfRevision.apply(parent.id());
            if (file.isPresent() && file.get().getParent() != null) {
                return file.get().getParent();
            }
        }
        throw new RetortException("Multiple version locations present, please specify --version-path (one of "
                + String.join(", ", versionLocations.stream().map(Path::toString).toList()) + ")");
    }

    /** Partial ids written out in full; labels kept as labels (Alembic). */
    private List<String> resolveDependencies(List<String> dependsOn) {
        List<String> resolved = new ArrayList<>();
        for (String dep : dependsOn) {
            Revision revision = graph.resolveOne(dep).orElseThrow(() -> new RetortException(
                    "--depends-on " + dep + " names no revision"));
            resolved.add(graph.branchLabels(revision.id()).contains(dep) ? dep : revision.id());
        }
        return resolved;
    }

    /** Alembic's slug: the words of the message, lower-cased, joined by '_', cut at a word boundary. */
    String slug(String message) {
        List<String> words = new ArrayList<>();
        Matcher matcher = SLUG_WORD.matcher(message);
        while (matcher.find()) {
            words.add(matcher.group());
        }
        String slug = String.join("_", words).toLowerCase(Locale.ROOT);
        if (slug.length() > truncateSlugLength) {
            String cut = slug.substring(0, truncateSlugLength);
            int underscore = cut.lastIndexOf('_');
            slug = (underscore >= 0 ? cut.substring(0, underscore) : cut) + "_";
        }
        return slug;
    }

    private static String content(Revision revision, ZonedDateTime created, Optional<Body> body) {
        StringBuilder text = new StringBuilder();
        text.append("-- revision: ").append(revision.id()).append('\n');
        text.append("-- down_revision: ").append(String.join(", ", revision.downRevisions())).append('\n');
        if (!revision.branchLabels().isEmpty()) {
            text.append("-- branch_labels: ").append(String.join(", ", revision.branchLabels())).append('\n');
        }
        if (!revision.dependsOn().isEmpty()) {
            text.append("-- depends_on: ").append(String.join(", ", revision.dependsOn())).append('\n');
        }
        text.append("-- message: ").append(revision.message()).append('\n');
        text.append("-- create_date: ").append(CREATE_DATE.format(created)).append('\n');
        text.append('\n');
        if (body.isEmpty()) {
            text.append("-- migrate:up\n\n\n");
            text.append("-- migrate:down\n\n");
            return text.toString();
        }
        text.append("-- migrate:up").append(body.get().upgradeTransactional() ? "" : " transaction:false")
                .append("\n").append(body.get().upgrade()).append("\n");
        text.append("-- migrate:down").append(body.get().downgradeTransactional() ? "" : " transaction:false")
                .append("\n").append(body.get().downgrade());
        return text.toString();
    }

    /**
     * A Java revision that compiles as written: the {@code @Revision} filled in, {@code upgrade} and
     * {@code downgrade} with a comment showing the shape of an operation.
     */
    private static String javaContent(Revision revision, ZonedDateTime created, String className, boolean merge,
                                      Optional<Body> body) {
        StringBuilder text = new StringBuilder();
        if (body.isPresent()) {
            body.get().imports().forEach(i -> text.append(i).append('\n'));
            text.append('\n');
        } else {
            text.append("import static dev.retort.schema.Types.*;\n\n");
        }
        text.append("import dev.retort.Migration;\n");
        text.append("import dev.retort.Revision;\n");
        text.append("import dev.retort.ops.Operations;\n\n");
        text.append("@Revision(id = ").append(javaString(revision.id()));
        if (!revision.downRevisions().isEmpty()) {
            text.append(", down = ").append(javaStrings(revision.downRevisions()));
        }
        if (!revision.branchLabels().isEmpty()) {
            text.append(",\n        branchLabels = ").append(javaStrings(revision.branchLabels()));
        }
        if (!revision.dependsOn().isEmpty()) {
            text.append(",\n        dependsOn = ").append(javaStrings(revision.dependsOn()));
        }
        text.append(",\n        message = ").append(javaString(revision.message()));
        text.append(",\n        created = ").append(javaString(CREATE_DATE.format(created))).append(")\n");
        text.append("class ").append(className).append(" implements Migration {\n\n");
        text.append("    @Override\n    public void upgrade(Operations op) {\n");
        if (body.isPresent()) {
            text.append(body.get().upgrade());
        } else {
            text.append(merge ? "        // a merge: nothing to do unless the branches need reconciling\n"
                    : "        // op.addColumn(\"account\", column(\"email\", varchar(200)));\n");
        }
        text.append("    }\n\n");
        text.append("    @Override\n    public void downgrade(Operations op) {\n");
        if (body.isPresent()) {
            text.append(body.get().downgrade());
        } else {
            text.append(merge ? "        // undoes upgrade: nothing, for a plain merge\n"
                    : "        // op.dropColumn(\"account\", \"email\");\n");
        }
        text.append("    }\n}\n");
        return text.toString();
    }

    /**
     * The class of a Java revision, named from the slug ({@code add_accounts_table} becomes
     * {@code AddAccountsTable}); {@code Revision_<id>} when the slug gives no Java name. Two
     * revisions may share a class name: each file is loaded on its own.
     */
    static String className(String slug, String id) {
        StringBuilder name = new StringBuilder();
        for (String word : slug.split("_")) {
            StringBuilder part = new StringBuilder();
            word.codePoints().filter(Character::isJavaIdentifierPart).filter(c -> c != '$')
                    .forEach(part::appendCodePoint);
            if (part.length() > 0) {
                name.append(part.substring(0, Character.charCount(part.codePointAt(0))).toUpperCase(Locale.ROOT))
                        .append(part.substring(Character.charCount(part.codePointAt(0))));
            }
        }
        String candidate = name.toString();
        if (candidate.isEmpty() || !Character.isJavaIdentifierStart(candidate.codePointAt(0))
                || javax.lang.model.SourceVersion.isKeyword(candidate)) {
            return "Revision_" + id;
        }
        return candidate;
    }

    private static String javaStrings(List<String> values) {
        if (values.size() == 1) {
            return javaString(values.get(0));
        }
        StringBuilder text = new StringBuilder("{");
        for (int i = 0; i < values.size(); i++) {
            text.append(i == 0 ? "" : ", ").append(javaString(values.get(i)));
        }
        return text.append('}').toString();
    }

    /** A Java string literal; a backslash is doubled, so no {@code \\u} in a message becomes a Unicode escape. */
    static String javaString(String value) {
        StringBuilder text = new StringBuilder("\"");
        value.codePoints().forEach(c -> {
            switch (c) {
                case '"' -> text.append("\\\"");
                case '\\' -> text.append("\\\\");
                case '\n' -> text.append("\\n");
                case '\r' -> text.append("\\r");
                case '\t' -> text.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x7f || c == 0x2028 || c == 0x2029) {
                        text.append(String.format("\\u%04x", c));
                    } else {
                        text.appendCodePoint(c);
                    }
                }
            }
        });
        return text.append('"').toString();
    }

    /** Twelve lower-case hex characters, like Alembic's {@code uuid4().hex[-12:]}. */
    static String newId() {
        byte[] bytes = new byte[6];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
