package dev.retort.hibernate;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The scan: annotated classes of packages and their sub-packages, in directories and jars, read not loaded. */
class EntityClassesTest {

    private static final String LIBRARY = "dev.retort.hibernate.sample.library";

    @TempDir
    Path temp;

    @Test
    void findsTheMappedClassesAndPackageInfoOfAPackageDirectory() throws IOException {
        EntityClasses found = EntityClasses.scan(List.of(TestClasses.directory()), List.of(LIBRARY));

        assertThat(found.classes()).containsExactly(LIBRARY + ".Address", LIBRARY + ".Author", LIBRARY + ".Book",
                LIBRARY + ".Loan", LIBRARY + ".Magazine", LIBRARY + ".Organisation", LIBRARY + ".Party",
                LIBRARY + ".Person", LIBRARY + ".Publication", LIBRARY + ".Tag");
        assertThat(found.infoPackages()).containsExactly(LIBRARY);
        assertThat(found.perPackage()).containsEntry(LIBRARY, 10);
    }

    @Test
    void includesSubPackagesAndReadsJarsLikeDirectories() throws IOException {
        Path jar = temp.resolve("sample.jar");
        Path root = TestClasses.directory();
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar));
             Stream<Path> files = Files.walk(root.resolve("dev/retort/hibernate/sample"))) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                out.putNextEntry(new JarEntry(root.relativize(file).toString().replace('\\', '/')));
                out.write(Files.readAllBytes(file));
                out.closeEntry();
            }
        }

        EntityClasses fromJar = EntityClasses.scan(List.of(jar), List.of("dev.retort.hibernate.sample"));
        EntityClasses fromDirectory = EntityClasses.scan(List.of(root), List.of("dev.retort.hibernate.sample"));

        assertThat(fromJar).isEqualTo(fromDirectory);
        assertThat(fromJar.classes()).contains("dev.retort.hibernate.sample.reader1.Reader",
                "dev.retort.hibernate.sample.reader2.Reader", "dev.retort.hibernate.sample.broken.Shelf")
                .doesNotContain(LIBRARY + ".MembershipStatus", "dev.retort.hibernate.sample.reader1.Reader$Level");
    }

    @Test
    void readsEveryClassFileOfHibernateItself() throws Exception {
        // thousands of classes of every shape (records, enums, lambdas, nested annotations): the reader
        // must get through each constant pool and attribute table
        Path hibernate = Path.of(org.hibernate.Version.class.getProtectionDomain().getCodeSource().getLocation()
                .toURI());
        int read = 0;
        try (ZipFile jar = new ZipFile(hibernate.toFile())) {
            for (var entry : jar.stream().filter(e -> e.getName().endsWith(".class")
                    && !e.getName().endsWith("module-info.class")).toList()) {
                try (var in = jar.getInputStream(entry)) {
                    ClassFile file = ClassFile.read(in.readAllBytes());
                    assertThat(file.name().replace('.', '/') + ".class").isEqualTo(entry.getName());
                    read++;
                }
            }
        }
        assertThat(read).isGreaterThan(1000);
        assertThat(ClassFile.read(classBytes(jakarta.persistence.Entity.class)).annotations())
                .contains("Ljava/lang/annotation/Retention;", "Ljava/lang/annotation/Target;");
    }

    private byte[] classBytes(Class<?> type) throws IOException {
        Path copy = temp.resolve(type.getSimpleName() + ".class");
        try (var in = type.getResourceAsStream(type.getSimpleName() + ".class");
             OutputStream out = Files.newOutputStream(copy)) {
            in.transferTo(out);
        }
        return Files.readAllBytes(copy);
    }
}
