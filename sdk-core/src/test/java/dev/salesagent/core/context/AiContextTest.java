package dev.salesagent.core.context;

import dev.salesagent.core.cost.CostScope;
import org.junit.jupiter.api.Test;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class AiContextTest {

    @Test
    void scopesNestAndRestore() {
        AiContext outer = AiContext.builder().tenant("acme").user("u1").feature("proposal").build();
        assertThat(AiContext.current()).isSameAs(AiContext.empty());
        try (AiContext.Scope ignored = outer.makeCurrent()) {
            assertThat(AiContext.current().tenant()).isEqualTo("acme");
            String inner = outer.withFeature("lead_scoring").call(() -> AiContext.current().feature());
            assertThat(inner).isEqualTo("lead_scoring");
            assertThat(AiContext.current()).isSameAs(outer);
        }
        assertThat(AiContext.current()).isSameAs(AiContext.empty());
    }

    @Test
    void missingTenantIsTheDefaultTenant() {
        assertThat(AiContext.builder().build().tenant()).isEqualTo(AiContext.DEFAULT_TENANT);
        assertThat(AiContext.builder().tenant("  ").build().tenant()).isEqualTo("default");
        assertThat(AiContext.empty().withTenant(null).tenant()).isEqualTo("default");
    }

    @Test
    void wrappedTasksCarryTheSubmittersContextToOtherThreads() throws Exception {
        CostScope scope = CostScope.unlimited("run:7");
        AiContext ctx = AiContext.builder().tenant("acme").runId("run-7").costScope(scope).build();
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            CompletableFuture<AiContext> seen = new CompletableFuture<>();
            ctx.run(() -> AiContext.wrap(pool).execute(() -> seen.complete(AiContext.current())));
            assertThat(seen.get(5, TimeUnit.SECONDS)).isSameAs(ctx);
            assertThat(seen.get().costScope()).isSameAs(scope);
            // the worker thread does not keep the context after the task
            assertThat(pool.submit(AiContext::current).get(5, TimeUnit.SECONDS)).isSameAs(AiContext.empty());
            assertThat(ctx.call(() -> pool.submit(AiContext.wrap(() -> AiContext.current().runId())))
                    .get(5, TimeUnit.SECONDS)).isEqualTo("run-7");
        } finally {
            pool.shutdownNow();
        }
    }
}
