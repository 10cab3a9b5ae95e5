package dev.salesagent.agents.sales.pipeline;

import dev.salesagent.agents.graph.InMemoryCheckpointer;
import dev.salesagent.agents.sales.CountingCrm;
import dev.salesagent.agents.sales.lead.Lead;
import dev.salesagent.crm.memory.InMemoryCrmClient;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * The per-run memos of the pipeline (account lookups, usage index, progress count) live exactly as long as one
 * invocation: a lead whose analysis fails, the failed run and its resume leave nothing behind (issue 13).
 */
class LeadPipelineRunStateTest {

    private static List<Lead> twoLeadsOfOneCompany() {
        return List.of(Lead.builder().id("a").company("Globex").email("dana@globex.com").title("VP Sales").build(),
                Lead.builder().id("b").company("Globex").email("sam@globex.com").title("CTO").build());
    }

    @Test
    void aFailedLeadAndTheResumedRunLeaveNoPerRunMemoBehind() {
        AtomicReference<LeadPipeline> pipeline = new AtomicReference<>();
        List<Integer> openDuringProgress = new CopyOnWriteArrayList<>();
        AtomicBoolean failedOnce = new AtomicBoolean();
        pipeline.set(LeadPipeline.builder().crm(InMemoryCrmClient.create()).threads(2)
                .checkpointer(new InMemoryCheckpointer())
                .progress((lead, done, total) -> {
                    openDuringProgress.add(pipeline.get().openRuns());
                    if (failedOnce.compareAndSet(false, true)) {
                        throw new AssertionError("listener bug"); // an Error escapes the analysis of this lead
                    }
                })
                .build());
        String thread = "state-" + UUID.randomUUID();

        Throwable failure = catchThrowable(() -> pipeline.get().run(twoLeadsOfOneCompany(), thread));

        assertThat(failure).isNotNull();
        assertThat(pipeline.get().openRuns()).isZero();

        PipelineResult resumed = pipeline.get().resume(thread);

        assertThat(resumed.status()).isEqualTo(PipelineResult.Status.COMPLETED);
        assertThat(resumed.leads()).hasSize(2).allSatisfy(l -> assertThat(l.error()).isNull());
        assertThat(pipeline.get().openRuns()).isZero();
        // while a run was in progress its memo existed: the listener saw exactly one open run each time
        assertThat(openDuringProgress).hasSizeGreaterThanOrEqualTo(3).containsOnly(1);
    }

    @Test
    void leadsOfOneCompanyShareOneAccountLookupPerRunAndTheMemoEndsWithTheRun() {
        InMemoryCrmClient memory = InMemoryCrmClient.create();
        CountingCrm crm = new CountingCrm(memory);
        LeadPipeline pipeline = LeadPipeline.builder().crm(crm.client).threads(2).build();

        pipeline.run(twoLeadsOfOneCompany());
        int firstRun = crm.count("accounts.findByDomain");
        pipeline.run(twoLeadsOfOneCompany());

        assertThat(firstRun).isEqualTo(1);
        // a second run looks the account up again (the first run's memo is gone), once for both leads
        assertThat(crm.count("accounts.findByDomain") - firstRun).isEqualTo(1);
        assertThat(pipeline.openRuns()).isZero();
    }
}
