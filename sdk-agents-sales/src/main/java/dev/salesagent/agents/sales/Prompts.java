package dev.salesagent.agents.sales;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Reads prompt texts from {@code src/main/resources/prompts/}; callers cache them (no static state here). */
final class Prompts {

    private Prompts() {
    }

    /**
     * The text of {@code prompts/<name>}, stripped.
     *
     * @throws IllegalStateException if the resource is missing (a packaging bug)
     */
    static String load(String name) {
        String path = "prompts/" + name;
        try (InputStream in = Prompts.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("prompt resource missing: " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read prompt " + path, e);
        }
    }
}
