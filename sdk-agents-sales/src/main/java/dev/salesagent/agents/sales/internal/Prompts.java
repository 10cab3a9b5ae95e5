package dev.salesagent.agents.sales.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Reads the bundled prompt texts from the classpath folder {@code dev/salesagent/agents/sales/internal/prompts/}
 * (in the sources: {@code src/main/resources/dev/salesagent/agents/sales/internal/prompts/}); callers cache them (no
 * static state here).
 */
public final class Prompts {

    /** The classpath folder of the prompts, ending in a slash. */
    public static final String FOLDER = "dev/salesagent/agents/sales/internal/prompts/";

    private Prompts() {
    }

    /**
     * The text of the prompt {@code <name>} in {@link #FOLDER}, stripped.
     *
     * @throws IllegalStateException if the resource is missing (a packaging bug)
     */
    public static String load(String name) {
        String path = FOLDER + name;
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
