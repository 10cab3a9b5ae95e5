package dev.salesagent.server.agentplatform.seed;

import dev.salesagent.agents.graph.CompileConfig;
import dev.salesagent.agents.graph.CompiledGraph;
import dev.salesagent.agents.graph.Key;
import dev.salesagent.agents.graph.StateGraph;
import dev.salesagent.agents.graph.Update;
import dev.salesagent.agents.platform.GraphProvider;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@code marketing} assistant: {@code draft -> check -> publish}. Input {@code {"topic": "..."}}.
 * <ul>
 *   <li>{@code draft}: the chat model writes the post when one is configured, else a template
 *       ({@code draft_method: rules|model});</li>
 *   <li>{@code check}: {@link PostChecks} (length, banned claims, tone; the model judges the sentiment when
 *       configured);</li>
 *   <li>{@code publish}: posts a passing draft to a Slack-compatible incoming webhook ({@link SlackWebhookClient}):
 *       {@code config.configurable.slack_webhook_url} (https only), else {@code salesagent.agentplatform.seed.
 *       slack-webhook-url}. No URL, a failed check or a refused post gives {@code published: false} and the reason.</li>
 * </ul>
 */
public final class MarketingGraph implements GraphProvider {

    static final Key<String> TOPIC = Key.of("topic", String.class);
    static final Key<String> POST = Key.of("post", String.class);
    static final Key<String> DRAFT_METHOD = Key.of("draft_method", String.class);
    static final Key<String> DRAFT_MODEL = Key.of("draft_model", String.class);
    static final Key<PostChecks.Result> CHECK = Key.of("check", PostChecks.Result.class);
    static final Key<Publication> PUBLICATION = Key.of("publication", Publication.class);

    /** The {@code config.configurable} key of a per-run webhook URL. */
    public static final String WEBHOOK_KEY = "slack_webhook_url";

    /**
     * What happened to the post.
     *
     * @param published whether the webhook accepted it (200 {@code ok})
     * @param reason    why not, or null when published
     * @param status    the webhook's HTTP status when it answered, else 0
     * @param code      Slack's error code when it refused, else null
     * @param target    where the post went: {@code config} or {@code run}, or null when no URL was found
     */
    public record Publication(boolean published, String reason, int status, String code, String target) {
    }

    private final SeedModel model;
    private final SlackWebhookClient slack;
    private final URI configuredWebhook;
    private final RunConfigurable configurable;
    private final boolean allowPlainHttp;

    /**
     * Creates the provider.
     *
     * @param model             the chat model, or {@link SeedModel#rules()}
     * @param slack             the webhook client
     * @param configuredWebhook the configured webhook URL, or null
     * @param configurable      where a run's {@code config.configurable} comes from
     * @param allowPlainHttp    whether a per-run URL may be {@code http} (tests against a local server only)
     */
    public MarketingGraph(SeedModel model, SlackWebhookClient slack, URI configuredWebhook, RunConfigurable configurable,
                          boolean allowPlainHttp) {
        this.model = Objects.requireNonNull(model, "model");
        this.slack = Objects.requireNonNull(slack, "slack");
        this.configuredWebhook = configuredWebhook;
        this.configurable = Objects.requireNonNull(configurable, "configurable");
        this.allowPlainHttp = allowPlainHttp;
    }

    @Override
    public String graphId() {
        return "marketing";
    }

    @Override
    public String description() {
        return "Drafts a post on a topic, checks its length, claims and tone, and publishes it to a Slack-compatible"
                + " incoming webhook.";
    }

    @Override
    public CompiledGraph compile(Context context) {
        String tenant = context.tenant();
        return StateGraph.of(TOPIC, POST, DRAFT_METHOD, DRAFT_MODEL, CHECK, PUBLICATION)
                .addNode("draft", (s, c) -> draft(s.get(TOPIC)))
                .addNode("check", (s, c) -> Update.of(CHECK, PostChecks.check(s.get(POST), model)))
                .addNode("publish", (s, c) -> Update.of(PUBLICATION,
                        publish(s.get(POST), s.get(CHECK), tenant, c.threadId())))
                .addEdge(StateGraph.START, "draft").addEdge("draft", "check").addEdge("check", "publish")
                .addEdge("publish", StateGraph.END)
                .compile(CompileConfig.builder().name("marketing").checkpointer(context.checkpointer()).build());
    }

    Update draft(String topic) {
        String t = topic == null ? "" : topic.strip();
        if (t.isEmpty()) {
            throw new IllegalArgumentException("input 'topic' is required and must not be blank");
        }
        Optional<SeedModel.Answer> answer = model.ask("You write short, factual Slack posts for a B2B company's"
                + " channel: 2-4 sentences, at most 600 characters, no absolute promises (no 'guaranteed', '100%',"
                + " 'risk-free'), friendly tone. Answer with the post only.", "Topic: " + t);
        if (answer.isPresent() && !answer.get().text().isBlank()) {
            return Update.of(POST, answer.get().text(), DRAFT_METHOD, SeedModel.MODEL)
                    .and(DRAFT_MODEL, answer.get().model());
        }
        String title = t.substring(0, 1).toUpperCase(Locale.ROOT) + t.substring(1);
        String post = "*" + title + "*\nThis week we looked at " + t + ": what changed, what it means for your team,"
                + " and one step you can take today. Reply in the thread with your questions; we are glad to help.";
        return Update.of(POST, post, DRAFT_METHOD, SeedModel.RULES);
    }

    Publication publish(String post, PostChecks.Result check, String tenant, String threadId) {
        if (check == null || !check.passed()) {
            return new Publication(false, "quality check failed: "
                    + (check == null ? "not checked" : String.join("; ", check.problems())), 0, null, null);
        }
        URI url;
        String target;
        Optional<String> perRun = configurable.string(tenant, threadId, WEBHOOK_KEY);
        if (perRun.isPresent()) {
            try {
                url = URI.create(perRun.get());
            } catch (IllegalArgumentException e) {
                return new Publication(false, "config.configurable." + WEBHOOK_KEY + " is not a URL: "
                        + e.getMessage(), 0, null, null);
            }
            List<String> schemes = allowPlainHttp ? List.of("https", "http") : List.of("https");
            if (url.getScheme() == null || !schemes.contains(url.getScheme().toLowerCase(Locale.ROOT))
                    || url.getHost() == null) {
                return new Publication(false, "config.configurable." + WEBHOOK_KEY + " must be an absolute "
                        + String.join(" or ", schemes) + " URL", 0, null, null);
            }
            target = "run";
        } else if (configuredWebhook != null) {
            url = configuredWebhook;
            target = "config";
        } else {
            return new Publication(false, "no incoming webhook configured: set salesagent.agentplatform.seed."
                    + "slack-webhook-url (SALESAGENT_AGENTPLATFORM_SEED_SLACK_WEBHOOK_URL) or pass config.configurable."
                    + WEBHOOK_KEY, 0, null, null);
        }
        try {
            slack.post(url, post);
            return new Publication(true, null, 200, null, target);
        } catch (SlackWebhookException e) {
            return new Publication(false, e.getMessage(), e.status(), e.code(), target);
        }
    }

    @Override
    public Optional<Map<String, Object>> inputSchema() {
        return Optional.of(Map.of("title", "marketing input", "type", "object", "required", List.of("topic"),
                "properties", Map.of("topic", Map.of("type", "string", "minLength", 1,
                        "description", "what the post is about"))));
    }

    @Override
    public Optional<Map<String, Object>> configSchema() {
        return Optional.of(Map.of("title", "marketing config", "type", "object", "properties", Map.of(WEBHOOK_KEY,
                Map.of("type", "string", "format", "uri", "description",
                        "Slack-compatible incoming webhook for this run (https); default the server's"))));
    }
}
