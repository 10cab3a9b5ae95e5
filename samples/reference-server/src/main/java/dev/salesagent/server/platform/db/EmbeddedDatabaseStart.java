package dev.salesagent.server.platform.db;

import dev.salesagent.server.platform.PlatformProperties;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.springframework.boot.context.event.ApplicationContextInitializedEvent;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.context.event.ApplicationFailedEvent;
import org.springframework.boot.context.event.SpringApplicationEvent;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Starts the embedded PostgreSQL (and, on a fresh data directory, its {@code initdb}) on a background thread as soon
 * as the configuration is known, so that it runs while Spring builds the application context instead of inside it.
 * {@link DatabaseConfiguration} joins the start where it creates the pool; a start that failed fails the application
 * there, with the same message as a start in the foreground.
 *
 * <p>A {@link org.springframework.boot.SpringApplication} listener, added by
 * {@code ReferenceServerApplication.main}: on {@link ApplicationEnvironmentPreparedEvent} it reads
 * {@code salesagent.platform.*} from the prepared environment (so environment variables, arguments and profiles count
 * as usual) and starts nothing when an external database is configured; on {@link ApplicationContextInitializedEvent}
 * it hands the start to the context as bean {@value #BEAN}; on {@link ApplicationFailedEvent} it stops a server the
 * context never took over. Without this listener (tests that build the context directly) the server starts in the
 * foreground as before.
 */
public final class EmbeddedDatabaseStart implements ApplicationListener<SpringApplicationEvent> {

    /** Name of the singleton through which the context takes over the started server. */
    public static final String BEAN = "salesagentEmbeddedDatabaseStart";

    private volatile Pending pending;

    @Override
    public void onApplicationEvent(SpringApplicationEvent event) {
        if (event instanceof ApplicationEnvironmentPreparedEvent prepared) {
            PlatformProperties properties = Binder.get(prepared.getEnvironment())
                    .bindOrCreate("salesagent.platform", PlatformProperties.class);
            if (!properties.db().external()) {
                pending = Pending.start(DatabaseConfiguration.embeddedDirectory(properties),
                        properties.db().cleanEmbedded());
            }
        } else if (event instanceof ApplicationContextInitializedEvent initialized && pending != null) {
            ConfigurableApplicationContext context = initialized.getApplicationContext();
            context.getBeanFactory().registerSingleton(BEAN, pending);
        } else if (event instanceof ApplicationFailedEvent && pending != null) {
            pending.closeUnclaimed();
        }
    }

    /**
     * An embedded server starting on a background thread, taken over once by {@link DatabaseConfiguration}.
     */
    public static final class Pending {

        private final Path directory;
        private final CompletableFuture<DatabaseConfiguration.EmbeddedDatabase> started;
        private boolean claimed;

        private Pending(Path directory, CompletableFuture<DatabaseConfiguration.EmbeddedDatabase> started) {
            this.directory = directory;
            this.started = started;
        }

        static Pending start(Path directory, boolean clean) {
            CompletableFuture<DatabaseConfiguration.EmbeddedDatabase> started = new CompletableFuture<>();
            Thread thread = new Thread(() -> {
                try {
                    started.complete(DatabaseConfiguration.startEmbedded(directory, clean));
                } catch (RuntimeException | Error e) { // handed to the thread that joins: the start must fail there, not here
                    started.completeExceptionally(e);
                }
            }, "embedded-postgres-start");
            thread.setDaemon(true);
            thread.start();
            return new Pending(directory, started);
        }

        /**
         * The data directory the server was started on (absolute).
         *
         * @return the directory
         */
        public Path directory() {
            return directory;
        }

        /**
         * Waits for the start and takes the server over: from now on its owner closes it.
         *
         * @return the running server
         * @throws UncheckedIOException if the server could not start (the message names the directory and the
         *     settings that change it)
         * @throws IllegalStateException if it was taken over already
         */
        public synchronized DatabaseConfiguration.EmbeddedDatabase claim() {
            if (claimed) {
                throw new IllegalStateException("the embedded PostgreSQL in " + directory + " was taken over already");
            }
            claimed = true;
            try {
                return started.join();
            } catch (CompletionException e) {
                if (e.getCause() instanceof RuntimeException runtime) {
                    throw runtime;
                }
                if (e.getCause() instanceof Error error) {
                    throw error;
                }
                throw e;
            }
        }

        /** Stops the server if nobody took it over (the application failed before it got that far). */
        synchronized void closeUnclaimed() {
            if (claimed) {
                return;
            }
            claimed = true;
            try {
                started.join().close();
            } catch (CompletionException e) {
                // it did not start: nothing to stop, and the application's own failure is the one to report
            } catch (IOException e) {
                throw new UncheckedIOException("Could not stop the embedded PostgreSQL in " + directory, e);
            }
        }
    }
}
