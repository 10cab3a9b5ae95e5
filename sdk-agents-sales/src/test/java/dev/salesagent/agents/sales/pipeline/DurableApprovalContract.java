package dev.salesagent.agents.sales.pipeline;

import dev.salesagent.agents.graph.JdbcCheckpointer;
import dev.salesagent.crm.memory.InMemoryCrmClient;
import org.junit.jupiter.api.Test;

import java.util.UUID;
import javax.sql.DataSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A pipeline run paused for approval on one instance is approved on another that shares only the JDBC checkpoint
 * store (and the CRM): the paused state goes through JSON into the database and back.
 */
abstract class DurableApprovalContract {

    /** A data source for a database with the checkpoint schema creatable. */
    protected abstract DataSource dataSource();

    @Test
    void approvalOnAnotherInstanceSyncsTheAnalysedLeads() {
        InMemoryCrmClient crm = InMemoryCrmClient.create();
        String thread = "approval-" + UUID.randomUUID();
        LeadPipeline instanceA = LeadPipeline.builder().crm(crm).requireApproval(true)
                .checkpointer(new JdbcCheckpointer(dataSource()).createSchema()).build();

        PipelineResult paused = instanceA.run(LeadPipelineTest.leads(), thread);

        assertThat(paused.status()).isEqualTo(PipelineResult.Status.AWAITING_APPROVAL);
        assertThat(crm.contacts().findByEmail("dana@globex.com")).isEmpty();

        LeadPipeline instanceB = LeadPipeline.builder().crm(crm).requireApproval(true)
                .checkpointer(new JdbcCheckpointer(dataSource())).build();
        PipelineResult done = instanceB.approve(thread);

        assertThat(done.status()).isEqualTo(PipelineResult.Status.COMPLETED);
        assertThat(done.leads()).hasSize(6);
        assertThat(done.leads().get(0).outreach()).isEqualTo(paused.leads().get(0).outreach());
        assertThat(done.leads().get(0).followUp()).isEqualTo(paused.leads().get(0).followUp());
        assertThat(done.crm().contactsCreated()).isEqualTo(4);
        assertThat(crm.contacts().findByEmail("dana@globex.com")).isPresent();
    }
}
