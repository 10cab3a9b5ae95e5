package dev.salesagent.core.jdbc;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * A DDL script shipped as a class-path resource with an SDK store (usage store, checkpointer, memory store), applied
 * with plain JDBC. Scripts are written to be idempotent ({@code CREATE TABLE IF NOT EXISTS ...}) and portable across
 * PostgreSQL and H2: statements are separated by {@code ;}, whole-line {@code --} comments are ignored.
 */
public final class SqlScript {

    private final String resource;
    private final List<String> statements;

    private SqlScript(String resource, List<String> statements) {
        this.resource = resource;
        this.statements = List.copyOf(statements);
    }

    /**
     * Reads the script at the absolute class-path {@code resource} (e.g. {@code dev/salesagent/agents/graph/checkpoint-schema.sql}).
     *
     * @param resource the resource path without a leading slash, as for {@link ClassLoader#getResourceAsStream}
     * @param loader the class loader that holds the resource, e.g. {@code MyStore.class.getClassLoader()}
     * @return the parsed script, named after {@code resource}
     * @throws NullPointerException     if {@code resource} or {@code loader} is null
     * @throws IllegalArgumentException if the resource does not exist
     * @throws UncheckedIOException     if it cannot be read
     */
    public static SqlScript fromClasspath(String resource, ClassLoader loader) {
        Objects.requireNonNull(resource, "resource");
        try (InputStream in = Objects.requireNonNull(loader, "loader").getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("SQL script not found on the class path: " + resource);
            }
            return parse(resource, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read SQL script " + resource, e);
        }
    }

    /**
     * Splits {@code sql} into statements at each {@code ;}, dropping whole-line {@code --} comments and blank
     * statements.
     *
     * @param name the script's name for messages, e.g. its resource path
     * @param sql the script text; a {@code ;} inside a string literal is not supported
     * @return the parsed script; no SQL is checked or executed
     */
    public static SqlScript parse(String name, String sql) {
        List<String> statements = new ArrayList<>();
        for (String statement : sql.replaceAll("(?m)^\\s*--.*$", "").split(";")) {
            if (!statement.isBlank()) {
                statements.add(statement.trim());
            }
        }
        return new SqlScript(name, statements);
    }

    /** {@return the statements, in order, without comments and terminators} */
    public List<String> statements() {
        return statements;
    }

    /**
     * Executes every statement on one connection from {@code dataSource}, in order.
     *
     * @param dataSource the database to run the statements on; one connection is borrowed and closed
     * @throws SQLException from the driver; callers wrap it in their module's exception
     */
    public void execute(DataSource dataSource) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
            for (String statement : statements) {
                st.execute(statement);
            }
        }
    }

    @Override
    public String toString() {
        return "SqlScript[" + resource + ", " + statements.size() + " statements]";
    }
}
