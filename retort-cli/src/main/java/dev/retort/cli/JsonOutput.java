package dev.retort.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;

/** Writes one JSON document for {@code --json}: pretty-printed, one per command. */
final class JsonOutput implements AutoCloseable {

    private static final JsonFactory FACTORY = new JsonFactory();

    private final StringWriter buffer = new StringWriter();
    private final JsonGenerator json;
    private final Console console;

    JsonOutput(Console console) {
        this.console = console;
        try {
            this.json = FACTORY.createGenerator(buffer).useDefaultPrettyPrinter();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    JsonOutput startObject() {
        return run(json::writeStartObject);
    }

    JsonOutput endObject() {
        return run(json::writeEndObject);
    }

    JsonOutput startArray(String field) {
        return run(() -> json.writeArrayFieldStart(field));
    }

    JsonOutput startObject(String field) {
        return run(() -> json.writeObjectFieldStart(field));
    }

    JsonOutput endArray() {
        return run(json::writeEndArray);
    }

    JsonOutput field(String name, String value) {
        return run(() -> {
            if (value == null) {
                json.writeNullField(name);
            } else {
                json.writeStringField(name, value);
            }
        });
    }

    JsonOutput nullField(String name) {
        return run(() -> json.writeNullField(name));
    }

    JsonOutput field(String name, boolean value) {
        return run(() -> json.writeBooleanField(name, value));
    }

    JsonOutput field(String name, long value) {
        return run(() -> json.writeNumberField(name, value));
    }

    JsonOutput field(String name, List<String> values) {
        return run(() -> {
            json.writeArrayFieldStart(name);
            for (String value : values) {
                json.writeString(value);
            }
            json.writeEndArray();
        });
    }

    JsonOutput value(String value) {
        return run(() -> json.writeString(value));
    }

    @Override
    public void close() {
        run(json::close);
        console.result(buffer.toString());
    }

    private interface JsonWrite {
        void write() throws IOException;
    }

    private JsonOutput run(JsonWrite write) {
        try {
            write.write();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }
}
