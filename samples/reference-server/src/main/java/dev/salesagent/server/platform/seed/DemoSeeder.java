package dev.salesagent.server.platform.seed;

import dev.salesagent.server.platform.PlatformProperties;
import dev.salesagent.server.platform.tenant.Tenant;
import dev.salesagent.server.platform.tenant.TenantService;
import dev.salesagent.server.platform.tenant.TenantStore;
import dev.salesagent.server.platform.user.Passwords;
import dev.salesagent.server.platform.user.UserStore;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Seeds, once, the platform operator's tenant {@code platform} (tier admin, {@code admin@example.com}) and the demo
 * customer tenant {@code demo} ({@code demo@example.com}, owner), then prints the URL and the log-ins. A generated
 * password is printed only when it is created; {@code SALESAGENT_DEMO_PASSWORD} and
 * {@code SALESAGENT_PLATFORM_ADMIN_PASSWORD} set the passwords instead (and reset them at every start).
 * Printed to standard output, not the log, so the password does not end up in log storage.
 */
@Component
class DemoSeeder {

    private static final Logger log = LoggerFactory.getLogger(DemoSeeder.class);

    static final String DEMO_EMAIL = "demo@example.com";
    static final String ADMIN_EMAIL = "admin@example.com";

    private final PlatformProperties properties;
    private final TenantStore tenants;
    private final TenantService tenantService;
    private final UserStore users;
    private final Passwords passwords;
    private final TransactionTemplate tx;
    private final Environment environment;
    private final PrintStream out = System.out;

    DemoSeeder(PlatformProperties properties, TenantStore tenants, TenantService tenantService, UserStore users,
               Passwords passwords, TransactionTemplate tx, Environment environment) {
        this.properties = properties;
        this.tenants = tenants;
        this.tenantService = tenantService;
        this.users = users;
        this.passwords = passwords;
        this.tx = tx;
        this.environment = environment;
    }

    @EventListener(ApplicationReadyEvent.class)
    void seedAndAnnounce(ApplicationReadyEvent ready) {
        long readyMillis = ManagementFactory.getRuntimeMXBean().getUptime();
        log.info("Ready to accept requests {} ms after the JVM started (application context {} ms)", readyMillis,
                ready.getTimeTaken() == null ? "?" : ready.getTimeTaken().toMillis());
        List<String> lines = new ArrayList<>();
        String port = environment.getProperty("local.server.port", environment.getProperty("server.port", "8080"));
        lines.add("Sales Agent reference server ready at http://localhost:" + port
                + "  (API docs: http://localhost:" + port + "/swagger-ui.html), " + readyMillis
                + " ms after the JVM started");
        if (properties.demo().enabled()) {
            lines.add(seed("platform", "Platform operator", Tenant.TIER_ADMIN, ADMIN_EMAIL,
                    properties.demo().platformAdminPassword(), "SALESAGENT_PLATFORM_ADMIN_PASSWORD"));
            lines.add(seed("demo", "Demo Company", Tenant.TIER_CUSTOMER, DEMO_EMAIL, properties.demo().password(),
                    "SALESAGENT_DEMO_PASSWORD"));
        }
        String rule = "=".repeat(100);
        out.println(rule);
        lines.forEach(out::println);
        out.println(rule);
        out.flush();
    }

    private String seed(String slug, String name, String tier, String email, String configured, String variable) {
        boolean given = configured != null && !configured.isBlank();
        return tx.execute(s -> {
            if (tenants.findBySlug(slug).isPresent()) {
                if (given) {
                    users.credentials(email).ifPresent(c ->
                            users.setPassword(c.user().tenantId(), c.user().id(), passwords.hash(configured)));
                    return "Log-in (" + slug + "): " + email + " / password from " + variable;
                }
                return "Log-in (" + slug + "): " + email + " (password printed at first start; set " + variable
                        + " to choose one)";
            }
            String password = given ? configured : passwords.generate();
            tenantService.create(slug, name, tier, null, email, password, null, "tenant.seeded");
            return "Log-in (" + slug + "): " + email + " / " + (given ? "password from " + variable
                    : password + "   <- generated, shown once");
        });
    }
}
