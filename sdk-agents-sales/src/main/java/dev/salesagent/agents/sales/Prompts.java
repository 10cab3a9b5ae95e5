package dev.salesagent.agents.sales;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** Loads prompt texts from {@code src/main/resources/prompts/} once and caches them. */
final class Prompts {

    private static final ConcurrentMap<String, String> CACHE = new ConcurrentHashMap<>();

    private Prompts() {
    }

    /**
     * The text of {@code prompts/<name>}.
     *
     * @throws IllegalStateException if the resource is missing (a packaging bug)
     */
    static String load(String name) {
        return CACHE.computeIfAbsent(name, Prompts::read);
    }

    private static String read(String name) {
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
