package dev.retort.hibernate;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * What the scan needs of a compiled class, read from its class file without loading it: its
 * binary name and the types of its class-level runtime-visible annotations. Loading every class of
 * a package to ask for its annotations would fail on classes whose dependencies are not on the
 * model's class path (a Spring service next to the entities), and would run nothing useful; the
 * class-file structures read here (the constant pool, the {@code RuntimeVisibleAnnotations}
 * attribute) have not changed shape since Java 5, so no bytecode library is needed.
 *
 * @param name        the binary name, {@code com.example.Book} or {@code com.example.Outer$Inner}
 * @param annotations descriptors of the class's annotations, {@code Ljakarta/persistence/Entity;}
 */
record ClassFile(String name, List<String> annotations) {

    private static final int MAGIC = 0xCAFEBABE;

    ClassFile {
        annotations = List.copyOf(annotations);
    }

    /**
     * Reads the class file's bytes.
     *
     * @throws IOException when they are not a class file
     */
    static ClassFile read(byte[] bytes) throws IOException {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes));
        if (in.readInt() != MAGIC) {
            throw new IOException("not a class file");
        }
        in.readUnsignedShort(); // minor version
        in.readUnsignedShort(); // major version
        int count = in.readUnsignedShort();
        String[] utf8 = new String[count];
        int[] classNameIndex = new int[count];
        for (int i = 1; i < count; i++) {
            int tag = in.readUnsignedByte();
            switch (tag) {
                case 1 -> utf8[i] = in.readUTF();
                case 7 -> classNameIndex[i] = in.readUnsignedShort();
                case 8, 16, 19, 20 -> in.readUnsignedShort(); // String, MethodType, Module, Package
                case 15 -> in.skipNBytes(3); // MethodHandle
                case 3, 4, 9, 10, 11, 12, 17, 18 -> in.skipNBytes(4); // Integer, Float, refs, NameAndType, dynamic
                case 5, 6 -> { // Long, Double: eight bytes, and they take two entries
                    in.skipNBytes(8);
                    i++;
                }
                default -> throw new IOException("unknown constant pool tag " + tag + " at entry " + i);
            }
        }
        in.readUnsignedShort(); // access flags
        String name = utf8[classNameIndex[in.readUnsignedShort()]].replace('/', '.');
        in.readUnsignedShort(); // super class
        in.skipNBytes(2L * in.readUnsignedShort()); // interfaces
        skipMembers(in); // fields
        skipMembers(in); // methods
        List<String> annotations = new ArrayList<>();
        int attributes = in.readUnsignedShort();
        for (int a = 0; a < attributes; a++) {
            String attribute = utf8[in.readUnsignedShort()];
            int length = in.readInt();
            if ("RuntimeVisibleAnnotations".equals(attribute)) {
                int number = in.readUnsignedShort();
                for (int n = 0; n < number; n++) {
                    annotations.add(readAnnotation(in, utf8));
                }
            } else {
                in.skipNBytes(length);
            }
        }
        return new ClassFile(name, annotations);
    }

    private static void skipMembers(DataInputStream in) throws IOException {
        int members = in.readUnsignedShort();
        for (int m = 0; m < members; m++) {
            in.skipNBytes(6); // access flags, name, descriptor
            int attributes = in.readUnsignedShort();
            for (int a = 0; a < attributes; a++) {
                in.readUnsignedShort();
                in.skipNBytes(in.readInt() & 0xFFFFFFFFL);
            }
        }
    }

    /** One annotation: its type's descriptor; its element values are skipped. */
    private static String readAnnotation(DataInputStream in, String[] utf8) throws IOException {
        String type = utf8[in.readUnsignedShort()];
        int pairs = in.readUnsignedShort();
        for (int p = 0; p < pairs; p++) {
            in.readUnsignedShort(); // element name
            skipElementValue(in, utf8);
        }
        return type;
    }

    private static void skipElementValue(DataInputStream in, String[] utf8) throws IOException {
        int tag = in.readUnsignedByte();
        switch (tag) {
            case 'B', 'C', 'D', 'F', 'I', 'J', 'S', 'Z', 's', 'c' -> in.readUnsignedShort();
            case 'e' -> in.skipNBytes(4);
            case '@' -> readAnnotation(in, utf8);
            case '[' -> {
                int values = in.readUnsignedShort();
                for (int v = 0; v < values; v++) {
                    skipElementValue(in, utf8);
                }
            }
            default -> throw new IOException("unknown annotation element tag " + (char) tag);
        }
    }
}
