package dev.salesagent.server.command.demo;

import dev.salesagent.agents.sales.command.demo.SuperstoreLoader;
import dev.salesagent.crm.Account;
import dev.salesagent.crm.CrmId;
import dev.salesagent.crm.Opportunity;
import dev.salesagent.crm.OpportunitySearch;
import dev.salesagent.crm.Page;
import dev.salesagent.crm.PageRequest;
import dev.salesagent.crm.memory.InMemoryCrmClient;
import dev.salesagent.server.command.TenantWork;
import dev.salesagent.server.command.readmodel.ReadModelSync;
import dev.salesagent.server.platform.PlatformProperties;
import dev.salesagent.server.platform.crm.InMemoryTenantCrmClients;
import dev.salesagent.server.platform.tenant.Tenant;
import dev.salesagent.server.platform.tenant.TenantStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Demo data of the command center (when {@code salesagent.platform.demo.enabled}): seeds the {@code demo} tenant's
 * memory CRM with the Superstore order book ({@code demo/command/superstore.csv}, 9,994 lines of 5,009 orders,
 * 2014-2017, MIT; loaded by the SDK's {@link SuperstoreLoader}, dates and amounts exactly as in the file) and the
 * memory CRM's bundled Salesforce sample opportunities with their accounts ({@code apex-recipes}, CC0), rebuilds the
 * tenant's read model with an initial sync, and fixes the tenant's as-of date to the last order date (2017-12-30), so
 * that "this month" means December 2017 there.
 *
 * <p>Runs in the background after the platform's {@code DemoSeeder} created the tenant (it waits for it up to a
 * minute), so the server answers at once; {@link #awaitSeeded(Duration)} waits for the data.
 */
@Component
public class CommandDemoSeeder {

    /** The order book on the classpath. */
    public static final String ORDER_BOOK = "/demo/command/superstore.csv";

    private static final Logger LOG = LoggerFactory.getLogger(CommandDemoSeeder.class);

    private final PlatformProperties properties;
    private final TenantStore tenants;
    private final ObjectProvider<InMemoryTenantCrmClients> memory;
    private final ReadModelSync sync;
    private final TenantWork work;
    private final JdbcClient jdbc;
    private final CompletableFuture<Optional<SuperstoreLoader.Summary>> seeded = new CompletableFuture<>();

    CommandDemoSeeder(PlatformProperties properties, TenantStore tenants,
                      ObjectProvider<InMemoryTenantCrmClients> memory, ReadModelSync sync, TenantWork work,
                      JdbcClient jdbc) {
        this.properties = properties;
        this.tenants = tenants;
        this.memory = memory;
        this.sync = sync;
        this.work = work;
        this.jdbc = jdbc;
    }

    @EventListener(ApplicationReadyEvent.class)
    @Order(Ordered.LOWEST_PRECEDENCE)
    void seedInBackground() {
        if (!properties.demo().enabled()) {
            seeded.complete(Optional.empty());
            return;
        }
        Thread worker = new Thread(() -> {
            try {
                seeded.complete(seed());
            } catch (RuntimeException | Error e) {
                LOG.error("command demo data could not be seeded", e);
                seeded.completeExceptionally(e);
            }
        }, "command-demo-seed");
        worker.setDaemon(true);
        worker.start();
    }

    /**
     * Waits for the demo data.
     *
     * @param timeout how long to wait
     * @return what was loaded, or empty when the demo is disabled or the CRM is not the memory one
     * @throws IllegalStateException if seeding failed or did not finish in time
     */
    public Optional<SuperstoreLoader.Summary> awaitSeeded(Duration timeout) {
        try {
            return seeded.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the demo data", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("command demo data not seeded", e);
        }
    }

    private Optional<SuperstoreLoader.Summary> seed() {
        Optional<Tenant> demo = Optional.empty();
        for (int i = 0; i < 600 && demo.isEmpty(); i++) {
            demo = tenants.findBySlug("demo");
            if (demo.isEmpty()) {
                sleep();
            }
        }
        InMemoryTenantCrmClients clients = memory.getIfAvailable();
        if (demo.isEmpty() || clients == null) {
            LOG.warn("command demo data skipped: {}", demo.isEmpty() ? "no tenant 'demo'"
                    : "the tenant CRMs are not the in-memory ones");
            return Optional.empty();
        }
        UUID tenantId = demo.get().id();
        InMemoryCrmClient crm = clients.memory(tenantId);
        long started = System.nanoTime();
        SuperstoreLoader.Summary summary;
        try (InputStream csv = CommandDemoSeeder.class.getResourceAsStream(ORDER_BOOK)) {
            if (csv == null) {
                throw new IllegalStateException(ORDER_BOOK + " is missing from the classpath");
            }
            summary = SuperstoreLoader.load(crm, csv);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        int opportunities = seedSalesforcePipeline(crm);
        // the memory CRM starts empty in every process: rebuild the read model from this seed
        work.run(tenantId, () -> {
            for (String table : List.of("cmd_order", "cmd_customer", "cmd_product", "cmd_opportunity",
                    "cmd_sync_state")) {
                jdbc.sql("delete from " + table + " where tenant_id = ?").param(tenantId).update();
            }
        });
        ReadModelSync.SyncResult result = sync.sync(tenantId, "demo-seed");
        sync.setAsOfDate(tenantId, summary.lastOrderDate());
        LOG.info("command demo data: {} orders ({} lines, {} to {}), {} customers, {} products, {} opportunities;"
                        + " loaded and synced in {} ms (initial sync {} ms)", summary.orders(), summary.lines(),
                summary.firstOrderDate(), summary.lastOrderDate(), summary.accounts(), summary.products(),
                opportunities, Duration.ofNanos(System.nanoTime() - started).toMillis(), result.took().toMillis());
        return Optional.of(summary);
    }

    /** Copies the memory CRM's bundled Salesforce opportunities and their accounts into the demo CRM. */
    private static int seedSalesforcePipeline(InMemoryCrmClient crm) {
        try (InMemoryCrmClient sample = InMemoryCrmClient.builder().sampleData().build()) {
            List<Opportunity> deals = Page.stream(p -> sample.opportunities().search(OpportunitySearch.all(), p),
                    PageRequest.MAX_SIZE).toList();
            Map<String, CrmId> accounts = new HashMap<>();
            for (Opportunity o : deals) {
                CrmId account = null;
                if (o.accountId() != null) {
                    account = accounts.computeIfAbsent(o.accountId().value(), id -> {
                        Account a = sample.accounts().get(id);
                        return crm.seedAccount(a.toBuilder().id(null).createdAt(null).updatedAt(null).build()).id();
                    });
                }
                crm.seedOpportunity(o.toBuilder().id(null).accountId(account).build());
            }
            return deals.size();
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
