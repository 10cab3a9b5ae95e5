package dev.salesagent.server.agentplatform.seed;

import dev.langchain4j.model.chat.ChatModel;
import dev.salesagent.agents.platform.GraphProvider;
import dev.salesagent.agents.sales.SalesAgents;
import dev.salesagent.server.agentplatform.store.RunStore;
import dev.salesagent.server.platform.crm.TenantCrmClients;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import okhttp3.OkHttpClient;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The seed assistants {@code bizdev}, {@code marketing}, {@code security} and {@code coding} as {@link GraphProvider}
 * beans, which the platform's {@code AssistantRegistry} serves. They use the platform's chat model when one is
 * configured ({@code salesagent.models.*}), else their rules.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SeedAgentProperties.class)
class SeedAgentsConfiguration implements DisposableBean {

    /** The longest Slack {@code Retry-After} a run waits once. */
    static final Duration SLACK_MAX_RETRY_WAIT = Duration.ofSeconds(5);

    private final OkHttpClient http;
    private final SeedModel model;
    private final RunConfigurable configurable;

    SeedAgentsConfiguration(SeedAgentProperties properties, ObjectProvider<ChatModel> chatModel, RunStore runs) {
        this.http = new OkHttpClient.Builder().connectTimeout(properties.httpTimeout())
                .readTimeout(properties.httpTimeout()).writeTimeout(properties.httpTimeout())
                .followRedirects(false).build();
        this.model = SeedModel.of(chatModel.getIfUnique());
        this.configurable = RunConfigurable.fromRunStore(runs);
    }

    /** Stops the HTTP client's dispatcher threads and closes its pooled connections. */
    @Override
    public void destroy() {
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
    }

    @Bean
    GraphProvider bizDevGraph(SalesAgents agents, TenantCrmClients crms, ObjectProvider<Clock> clock) {
        return new BizDevGraph(agents, tenant -> crms.forTenant(UUID.fromString(tenant)),
                clock.getIfUnique(Clock::systemUTC));
    }

    @Bean
    GraphProvider marketingGraph(SeedAgentProperties properties) {
        SlackWebhookClient slack = new SlackWebhookClient(http, SLACK_MAX_RETRY_WAIT, d -> Thread.sleep(d.toMillis()));
        return new MarketingGraph(model, slack, properties.slackWebhookUrl(), configurable, false);
    }

    @Bean
    GraphProvider securityGraph(SeedAgentProperties properties) {
        return new SecurityGraph(VulnerabilitySnapshot.shipped(), model, properties.deniedLicenses(),
                properties.bannedPackages());
    }

    @Bean
    GraphProvider codingGraph(SeedAgentProperties properties) {
        SeedAgentProperties.Gitlab g = properties.gitlab();
        GitLabClient client = g.baseUrl() != null && g.token() != null && !g.token().isBlank()
                ? new GitLabClient(http, g.baseUrl(), g.token()) : null;
        return new CodingGraph(model, client, g, configurable);
    }
}
