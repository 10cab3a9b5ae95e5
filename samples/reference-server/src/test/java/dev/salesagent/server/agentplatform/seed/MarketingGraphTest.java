package dev.salesagent.server.agentplatform.seed;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.salesagent.agents.graph.InMemoryCheckpointer;
import dev.salesagent.agents.graph.RunConfig;
import dev.salesagent.agents.graph.RunResult;
import dev.salesagent.agents.graph.Update;
import dev.salesagent.agents.platform.GraphProvider;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class MarketingGraphTest {

    WireMockServer slack;
    SlackWebhookClient client;

    @BeforeEach
    void start() {
        slack = new WireMockServer(options().dynamicPort());
        slack.start();
        slack.stubFor(post(urlEqualTo("/hook")).willReturn(aResponse().withStatus(200).withBody("ok")));
        slack.stubFor(post(urlEqualTo("/archived")).willReturn(aResponse().withStatus(410)
                .withBody("channel_is_archived")));
        client = new SlackWebhookClient(new OkHttpClient(), Duration.ofSeconds(1), d -> { });
    }

    @AfterEach
    void stop() {
        slack.stop();
    }

    RunResult run(SeedModel model, URI configured, RunConfigurable configurable, boolean allowHttp, String topic) {
        return new MarketingGraph(model, client, configured, configurable, allowHttp)
                .compile(new GraphProvider.Context("t1", new InMemoryCheckpointer()))
                .invoke(Update.of(MarketingGraph.TOPIC, topic), RunConfig.forThread("thread-1"));
    }

    @Test
    @DisplayName("rules: the template draft passes the checks and is posted to the configured webhook as {text}")
    void rulesPublished() {
        RunResult r = run(SeedModel.rules(), URI.create(slack.baseUrl() + "/hook"), RunConfigurable.none(), false,
                "usage-based pricing");
        assertThat(r.get(MarketingGraph.DRAFT_METHOD)).isEqualTo("rules");
        String post = r.get(MarketingGraph.POST);
        assertThat(post).startsWith("*Usage-based pricing*\n").contains("usage-based pricing");
        PostChecks.Result check = r.get(MarketingGraph.CHECK);
        assertThat(check.passed()).isTrue();
        assertThat(check.sentimentMethod()).isEqualTo("rules");
        MarketingGraph.Publication p = r.get(MarketingGraph.PUBLICATION);
        assertThat(p.published()).isTrue();
        assertThat(p.target()).isEqualTo("config");
        slack.verify(1, postRequestedFor(urlEqualTo("/hook")).withRequestBody(equalToJson(
                new com.fasterxml.jackson.databind.node.JsonNodeFactory(false).objectNode().put("text", post)
                        .toString())));
    }

    @Test
    @DisplayName("no webhook anywhere: not published, and the result names the setting to fix")
    void noWebhook() {
        MarketingGraph.Publication p = run(SeedModel.rules(), null, RunConfigurable.none(), false, "pricing")
                .get(MarketingGraph.PUBLICATION);
        assertThat(p.published()).isFalse();
        assertThat(p.reason()).contains("salesagent.agentplatform.seed.slack-webhook-url",
                "config.configurable.slack_webhook_url");
        slack.verify(0, postRequestedFor(urlEqualTo("/hook")));
    }

    @Test
    @DisplayName("config.configurable.slack_webhook_url wins; plain http is refused unless allowed; Slack's 410 is reported")
    void perRunWebhook() {
        RunConfigurable perRun = RunConfigurable.fixed(Map.of(MarketingGraph.WEBHOOK_KEY, slack.baseUrl() + "/hook"));
        MarketingGraph.Publication refused = run(SeedModel.rules(), null, perRun, false, "pricing")
                .get(MarketingGraph.PUBLICATION);
        assertThat(refused.published()).isFalse();
        assertThat(refused.reason()).contains("must be an absolute https URL");
        MarketingGraph.Publication ok = run(SeedModel.rules(), URI.create(slack.baseUrl() + "/archived"), perRun, true,
                "pricing").get(MarketingGraph.PUBLICATION);
        assertThat(ok.published()).isTrue();
        assertThat(ok.target()).isEqualTo("run");
        MarketingGraph.Publication archived = run(SeedModel.rules(), URI.create(slack.baseUrl() + "/archived"),
                RunConfigurable.none(), false, "pricing").get(MarketingGraph.PUBLICATION);
        assertThat(archived.published()).isFalse();
        assertThat(archived.status()).isEqualTo(410);
        assertThat(archived.code()).isEqualTo("channel_is_archived");
    }

    @Test
    @DisplayName("model: its draft with a banned claim fails the check and is not posted; the model judged the tone")
    void modelDraftRejected() {
        ScriptedChatModel chat = new ScriptedChatModel(
                "Our new pricing is guaranteed to cut your costs by 100% - completely risk-free for every team!",
                "positive");
        RunResult r = run(SeedModel.of(chat), URI.create(slack.baseUrl() + "/hook"), RunConfigurable.none(), false,
                "pricing");
        assertThat(r.get(MarketingGraph.DRAFT_METHOD)).isEqualTo("model");
        assertThat(r.get(MarketingGraph.DRAFT_MODEL)).isEqualTo(ScriptedChatModel.NAME);
        PostChecks.Result check = r.get(MarketingGraph.CHECK);
        assertThat(check.passed()).isFalse();
        assertThat(check.bannedClaims()).containsExactly("guaranteed", "100%", "risk-free");
        assertThat(check.sentiment()).isEqualTo("positive");
        assertThat(check.sentimentMethod()).isEqualTo("model");
        MarketingGraph.Publication p = r.get(MarketingGraph.PUBLICATION);
        assertThat(p.published()).isFalse();
        assertThat(p.reason()).startsWith("quality check failed: banned claims: guaranteed, 100%, risk-free");
        slack.verify(0, postRequestedFor(urlEqualTo("/hook")));
    }

    @Test
    @DisplayName("checks: too short, negative tone by the rules, and a model label that is not one of the three is ignored")
    void checks() {
        PostChecks.Result shortPost = PostChecks.check("Hi.", SeedModel.rules());
        assertThat(shortPost.passed()).isFalse();
        assertThat(shortPost.problems()).containsExactly("length 3 characters is outside 40-1200");
        PostChecks.Result negative = PostChecks.check("The old process was a terrible, awful disaster and we hate"
                + " it.", SeedModel.of(new ScriptedChatModel("I think it is mixed")));
        assertThat(negative.sentiment()).isEqualTo("negative");
        assertThat(negative.sentimentMethod()).isEqualTo("rules");
        assertThat(negative.problems()).containsExactly("tone is negative");
        assertThat(PostChecks.check("x".repeat(1201), SeedModel.rules()).problems().get(0))
                .isEqualTo("length 1201 characters is outside 40-1200");
    }

    @Test
    @DisplayName("bad input: a blank topic fails the run with the input named")
    void blankTopic() {
        RunResult r = run(SeedModel.rules(), null, RunConfigurable.none(), false, "  ");
        assertThat(r.status()).isEqualTo(RunResult.Status.FAILED);
        assertThat(r.failure()).get().extracting(Throwable::getMessage).asString().contains("'topic' is required");
    }
}
