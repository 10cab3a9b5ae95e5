package dev.salesagent.agents.sales.proposal;

import dev.salesagent.agents.sales.SellerProfile;
import dev.salesagent.agents.sales.lead.Lead;
import dev.salesagent.agents.sales.research.LeadResearch;
import dev.salesagent.agents.sales.research.ResearchFact;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RulesProposalWriterTest {

    private final Lead lead = Lead.builder().company("Globex").email("dana@globex.com").firstName("Dana")
            .lastName("Reyes").title("VP Sales").notes("Forecast lives in spreadsheets").build().normalized();

    @Test
    void hasEverySectionAndAPricingTableThatSumsToTheDealSize() {
        ProposalRequest req = new ProposalRequest(lead, new LeadResearch(List.of(
                ResearchFact.of(ResearchFact.Source.ENRICHMENT, "Globex has 800 employees")), null, null, List.of()),
                new BigDecimal("100000"), 30, LocalDate.of(2026, 4, 1));

        Proposal p = ProposalWriter.rules(SellerProfile.defaults()).write(req);

        assertThat(p.markdown()).contains("## Executive summary", "## Problem", "## Solution", "## Pricing",
                "## Timeline", "## Next steps");
        assertThat(p.markdown()).contains("Prepared for Dana Reyes, VP Sales");
        assertThat(p.markdown()).contains("forecast, spreadsheet").contains("Globex has 800 employees (source: enrichment)");
        // 30 months: 12 + 12 + 6 months pro rata = 40,000 + 40,000 + 20,000
        assertThat(p.markdown()).contains("| Year 1 | 12 | 40,000.00 |", "| Year 2 | 12 | 40,000.00 |",
                "| Year 3 | 6 | 20,000.00 |", "| **Total** | **30** | **100,000.00** |", "Monthly equivalent: 3,333.33 USD");
        assertThat(p.markdown()).contains("| Kick-off | 2026-04-01 |", "| Rollout | 2026-05-13 |");
        assertThat(p.title()).isEqualTo("Northwind Lead Desk proposal for Globex");
    }

    @Test
    void roundingIsAbsorbedByTheLastRow() {
        String table = ProposalDocument.pricingTable(new ProposalRequest(lead, null, new BigDecimal("1000"), 36,
                LocalDate.of(2026, 1, 1)));
        assertThat(table).contains("| Year 1 | 12 | 333.33 |", "| Year 2 | 12 | 333.33 |", "| Year 3 | 12 | 333.34 |");
    }

    @Test
    void rejectsImpossibleDeals() {
        assertThatThrownBy(() -> new ProposalRequest(lead, null, BigDecimal.ZERO, 12, LocalDate.now()))
                .hasMessageContaining("dealSizeUsd must be > 0 but was 0");
        assertThatThrownBy(() -> new ProposalRequest(lead, null, BigDecimal.TEN, 0, LocalDate.now()))
                .hasMessageContaining("termMonths must be 1-120 but was 0");
    }
}
