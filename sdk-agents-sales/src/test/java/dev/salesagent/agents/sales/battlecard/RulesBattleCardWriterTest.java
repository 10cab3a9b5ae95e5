package dev.salesagent.agents.sales.battlecard;

import dev.salesagent.agents.sales.Method;
import dev.salesagent.agents.sales.SellerProfile;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RulesBattleCardWriterTest {

    private final List<String> notes = List.of(
            "Lost the Initech deal to Pipedrive. Pipedrive is cheaper at $29 per seat. Their reporting is limited "
                    + "and forecasting needs manual exports.",
            "Won Globex: our native Salesforce integration was decisive. Pipedrive lacks a NetSuite connector.",
            "We include SSO and SOC 2 reports in every plan. Our onboarding is done in two weeks.",
            "Prospects say: \"Pipedrive is simpler for small teams.\"");

    @Test
    void sortsNotesIntoTheCardsSections() {
        BattleCard card = BattleCardWriter.rules(SellerProfile.defaults()).write("Pipedrive", notes);

        assertThat(card.competitor()).isEqualTo("Pipedrive");
        assertThat(card.pricingComparison()).containsExactly("Pipedrive is cheaper at $29 per seat.");
        assertThat(card.theirWeaknesses()).contains(
                "Their reporting is limited and forecasting needs manual exports.",
                "Pipedrive lacks a NetSuite connector.");
        assertThat(card.ourStrengths()).contains("Won Globex: our native Salesforce integration was decisive.",
                "We include SSO and SOC 2 reports in every plan.");
        // integration is a topic where they are weak and we are strong
        assertThat(card.differentiators()).first().isEqualTo("Won Globex: our native Salesforce integration was decisive.");
        assertThat(card.objections()).extracting(BattleCard.ObjectionResponse::objection)
                .containsExactly("We already use Pipedrive.", "Pipedrive is simpler for small teams.");
        assertThat(card.method()).isEqualTo(Method.RULES);
    }

    @Test
    void everyStatementComesFromTheNotes() {
        BattleCard card = BattleCardWriter.rules(SellerProfile.defaults()).write("Pipedrive", notes);
        String all = String.join(" ", notes);
        assertThat(card.ourStrengths()).allSatisfy(s -> assertThat(all).contains(s));
        assertThat(card.theirWeaknesses()).allSatisfy(s -> assertThat(all).contains(s));
        assertThat(card.differentiators()).allSatisfy(s -> assertThat(all).contains(s));
    }
}
