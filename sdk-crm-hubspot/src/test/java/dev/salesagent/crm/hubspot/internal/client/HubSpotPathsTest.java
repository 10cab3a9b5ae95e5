package dev.salesagent.crm.hubspot.internal.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class HubSpotPathsTest {

    @Test
    void v3Paths() {
        HubSpotPaths p = new HubSpotPaths("v3");
        assertThat(p.batchUpsert("contacts")).isEqualTo("/crm/v3/objects/contacts/batch/upsert");
        assertThat(p.object("contacts", "ada+x@example.com")).isEqualTo("/crm/v3/objects/contacts/ada%2Bx%40example.com");
        assertThat(p.search("deals")).isEqualTo("/crm/v3/objects/deals/search");
        assertThat(p.associationsOf("contacts", "1", "notes")).isEqualTo("/crm/v4/objects/contacts/1/associations/notes");
        assertThat(p.associateDefault("contacts", "companies"))
                .isEqualTo("/crm/v4/associations/contacts/companies/batch/associate/default");
        assertThat(p.associationsBatchRead("deals", "companies")).isEqualTo("/crm/v4/associations/deals/companies/batch/read");
        assertThat(p.pipelines("deals")).isEqualTo("/crm/v3/pipelines/deals");
    }

    @Test
    void datedPaths() {
        HubSpotPaths p = new HubSpotPaths("2026-03");
        assertThat(p.batchUpsert("contacts")).isEqualTo("/crm/objects/2026-03/contacts/batch/upsert");
        assertThat(p.associationsOf("contacts", "1", "notes")).isEqualTo("/crm/objects/2026-03/contacts/1/associations/notes");
        assertThat(p.associateDefault("contacts", "companies"))
                .isEqualTo("/crm/associations/2026-03/contacts/companies/batch/associate/default");
        assertThat(p.pipelines("deals")).isEqualTo("/crm/pipelines/2026-03/deals");
        assertThatThrownBy(() -> new HubSpotPaths("v4")).isInstanceOf(IllegalArgumentException.class);
    }
}
