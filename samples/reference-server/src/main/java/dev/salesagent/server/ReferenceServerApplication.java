package dev.salesagent.server;

import dev.salesagent.server.platform.db.EmbeddedDatabaseStart;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The reference server: a multi-tenant sales platform on the Sales Agent SDK.
 *
 * <p>Packaged by feature: {@code platform} (tenants, users, auth, roles, rate limits, audit, problem details) is the
 * foundation the feature packages ({@code workspace}, {@code command}, {@code agentplatform}, {@code web}) build on.
 * Run it with {@code java -jar samples/reference-server/target/reference-server.jar}; configuration is by environment
 * variables (see the server's README).
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class ReferenceServerApplication {

    /**
     * Starts the server.
     *
     * @param args Spring Boot command-line arguments ({@code --server.port=8081} and the like)
     */
    public static void main(String[] args) {
        application().run(args);
    }

    /**
     * The application as {@link #main} runs it: the embedded PostgreSQL, when it is used, starts in the background
     * while the context is built ({@link EmbeddedDatabaseStart}).
     *
     * @return a new, not yet running application
     */
    public static SpringApplication application() {
        SpringApplication application = new SpringApplication(ReferenceServerApplication.class);
        application.addListeners(new EmbeddedDatabaseStart());
        return application;
    }
}
