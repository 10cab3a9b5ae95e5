package dev.salesagent.agents.sales.conversation;

import dev.salesagent.agents.sales.Transcripts;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RulesConversationAnalyzerTest {

    private final ConversationAnalyzer analyzer = ConversationAnalyzer.rules();

    @Test
    void parsesTimestampsSpeakersAndContinuationLines() {
        Transcript t = Transcripts.discoveryCall();

        assertThat(t.speakers()).containsExactly("Alex (Northwind)", "Priya (Globex)");
        assertThat(t.utterances()).hasSize(8);
        assertThat(t.utterances().get(5).text()).endsWith("our infosec team is strict. We also need SSO.");
        assertThatThrownBy(() -> Transcript.parse(Transcript.Kind.CALL, "no labels here"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void discoveryCallObjectionsAreQuotedWithTheirSpeaker() {
        ConversationAnalysis a = analyzer.analyze(Transcripts.discoveryCall());

        assertThat(a.objections()).extracting(ConversationAnalysis.Objection::category,
                        ConversationAnalysis.Objection::quote)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("competition",
                                "We already use HubSpot for marketing, so the integration matters."),
                        org.assertj.core.groups.Tuple.tuple("risk",
                                "I'm worried about the security review, our infosec team is strict."),
                        org.assertj.core.groups.Tuple.tuple("authority",
                                "I need to check with our CFO before we talk pricing."));
        assertThat(a.objections()).allSatisfy(o -> assertThat(o.speaker()).isEqualTo("Priya (Globex)"));
        assertThat(a.questions()).extracting(ConversationAnalysis.Question::speaker).containsOnly("Alex (Northwind)");
        assertThat(a.questions()).hasSize(3);
        assertThat(a.nextActions()).anySatisfy(s -> assertThat(s).contains("I'll send you our SOC 2 report today"));
        assertThat(a.topics()).contains("integration", "security", "pricing");
        assertThat(a.talkTime().values().stream().mapToDouble(Double::doubleValue).sum()).isCloseTo(1.0,
                org.assertj.core.data.Offset.offset(0.002));
        assertThat(a.talkTime().get("Priya (Globex)")).isGreaterThan(a.talkTime().get("Alex (Northwind)"));
    }

    @Test
    void pricingPushbackIsNegativeForTheBuyerAndFindsPriceAndCompetition() {
        ConversationAnalysis a = analyzer.analyze(Transcripts.pricingEmail());

        assertThat(a.objections()).extracting(ConversationAnalysis.Objection::quote).containsExactly(
                "To be frank, it is too expensive for us at 60 seats.",
                "We are currently using Pipedrive and switching mid-contract is a problem.");
        assertThat(a.objections()).extracting(ConversationAnalysis.Objection::category)
                .containsExactly("price", "competition");
        assertThat(a.speakerSentiment().get("Marco (Initech)").label())
                .isEqualTo(ConversationAnalysis.Sentiment.Label.NEGATIVE);
        assertThat(a.topics().get(0)).isEqualTo("pricing");
        assertThat(a.nextActions()).anySatisfy(s -> assertThat(s).startsWith("Jamie (Northwind): Let's set up a call"));
        assertThat(a.questions()).extracting(ConversationAnalysis.Question::text).contains(
                "Could you do a discount if we sign for two years?");
    }

    @Test
    void renewalMeetingIsPositiveWithOneQuotedIssue() {
        ConversationAnalysis a = analyzer.analyze(Transcripts.renewalMeeting());

        assertThat(a.overallSentiment().label()).isEqualTo(ConversationAnalysis.Sentiment.Label.POSITIVE);
        assertThat(a.speakerSentiment()).containsOnlyKeys("Sam (Northwind)", "Lee (Umbrella)", "Kim (Umbrella)");
        assertThat(a.objections()).extracting(ConversationAnalysis.Objection::quote)
                .containsExactly("Our only issue is the slow sync with NetSuite at month end.");
        assertThat(a.nextActions()).hasSizeGreaterThanOrEqualTo(2);
        assertThat(a.topics()).contains("contract", "integration", "reporting");
    }
}
