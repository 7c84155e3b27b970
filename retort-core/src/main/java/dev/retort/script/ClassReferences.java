package dev.retort.script;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.util.HashSet;
import java.util.Set;

/**
 * The classes a class file names in its constant pool: its {@code CONSTANT_Class} entries and the
 * class names in its descriptors ({@code Lpkg/Name;}), as binary names. Enough to tell whether a
 * compiled revision uses a class of another revision file, which would compile (all files are
 * compiled together) but not run (each file is loaded on its own).
 *
 * <p>Stateless; thread-safe.
 */
final class ClassReferences {

    private ClassReferences() {
    }

    /** The binary names (dots, {@code $} for nesting) the class file refers to; empty if it cannot be read. */
    static Set<String> of(byte[] classFile) {
        Set<String> names = new HashSet<>();
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(classFile))) {
            if (in.readInt() != 0xCAFEBABE) {
                return names;
            }
            in.readUnsignedShort();
            in.readUnsignedShort();
            int count = in.readUnsignedShort();
            String[] utf8 = new String[count];
            int[] classIndexes = new int[count];
            int classes = 0;
            for (int i = 1; i < count; i++) {
                int tag = in.readUnsignedByte();
                switch (tag) {
                    case 1 -> utf8[i] = in.readUTF();
                    case 7 -> classIndexes[classes++] = in.readUnsignedShort();
                    case 8, 16, 19, 20 -> in.readUnsignedShort();
                    case 15 -> {
                        in.readUnsignedByte();
                        in.readUnsignedShort();
                    }
                    case 3, 4, 9, 10, 11, 12, 17, 18 -> in.readInt();
                    case 5, 6 -> {
                        in.readLong();
                        i++;
                    }
                    default -> {
                        return names;
                    }
                }
            }
            for (int c = 0; c < classes; c++) {
                String name = utf8[classIndexes[c]];
                if (name != null && !name.startsWith("[")) {
                    names.add(name.replace('/', '.'));
                }
            }
            for (String text : utf8) {
                // descriptors and signatures only: "(Lpkg/A;)V", "Lpkg/A;", "[Lpkg/A;", "<T:...>..."
                if (text != null && !text.isEmpty() && "(L[<".indexOf(text.charAt(0)) >= 0 && text.indexOf(';') > 0) {
                    descriptorNames(text, names);
                }
            }
        } catch (IOException | RuntimeException e) {
            // not a class file we can read: nothing is known of its references
        }
        return names;
    }

    /** The {@code Lname;} parts of a descriptor or signature. */
    private static void descriptorNames(String text, Set<String> names) {
        int i = 0;
        while ((i = text.indexOf('L', i)) >= 0) {
            int end = text.indexOf(';', i);
            if (end < 0) {
                return;
            }
            String name = text.substring(i + 1, end);
            int generic = name.indexOf('<');
            names.add((generic >= 0 ? name.substring(0, generic) : name).replace('/', '.'));
            i = end + 1;
        }
    }
}
