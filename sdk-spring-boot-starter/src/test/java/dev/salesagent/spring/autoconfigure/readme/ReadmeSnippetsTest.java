package dev.salesagent.spring.autoconfigure.readme;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import dev.salesagent.agents.sales.Method;
import dev.salesagent.agents.sales.lead.Lead;
import dev.salesagent.agents.sales.scoring.LeadScore;
import dev.salesagent.core.model.ModelRouter;
import dev.salesagent.spring.autoconfigure.agents.SalesAgentAgentsAutoConfiguration;
import dev.salesagent.spring.autoconfigure.cost.SalesAgentCostAutoConfiguration;
import dev.salesagent.spring.autoconfigure.crm.SalesAgentCrmAutoConfiguration;
import dev.salesagent.spring.autoconfigure.graph.SalesAgentGraphAutoConfiguration;
import dev.salesagent.spring.autoconfigure.model.SalesAgentModelAutoConfiguration;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ByteArrayResource;

/**
 * Boots exactly the snippets of this module's README (between {@code <!-- readme-snippet:NAME -->} markers): the
 * {@code application.yml} as a property source and the {@code Leads} example, whose source here
 * ({@link Leads}) must appear in the README verbatim. Both modes: with a model endpoint (WireMock standing in for
 * OpenAI) and offline (no model keys set).
 */
class ReadmeSnippetsTest {

    static WireMockServer server;

    @BeforeAll
    static void start() throws Exception {
        server = new WireMockServer(options().dynamicPort());
        server.start();
        String answer = "{\"scores\":[{\"id\":\"lead-1\",\"budget\":90,\"authority\":80,\"need\":70,\"timeline\":60,"
                + "\"reasons\":[\"budget approved\"]}]}";
        String completion = new ObjectMapper().writeValueAsString(Map.of(
                "id", "chatcmpl-1", "object", "chat.completion", "created", 1, "model", "gpt-4o-mini",
                "choices", List.of(Map.of("index", 0, "finish_reason", "stop",
                        "message", Map.of("role", "assistant", "content", answer))),
                "usage", Map.of("prompt_tokens", 120, "completion_tokens", 40, "total_tokens", 160)));
        server.stubFor(post(urlEqualTo("/v1/chat/completions")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody(completion)));
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    static String readme() throws Exception {
        return Files.readString(Path.of("README.md"));
    }

    /** The text between {@code <!-- readme-snippet:NAME -->} and its end marker, without the code fence. */
    static String snippet(String readme, String name) {
        Matcher m = Pattern.compile("<!-- readme-snippet:" + Pattern.quote(name) + " -->\\n```[a-z]*\\n(.*?)```\\n<!-- /readme-snippet:"
                + Pattern.quote(name) + " -->", Pattern.DOTALL).matcher(readme);
        assertThat(m.find()).as("README has the snippet " + name).isTrue();
        return m.group(1);
    }

    private static ApplicationContextRunner readmeApp() throws Exception {
        List<PropertySource<?>> yaml = new YamlPropertySourceLoader().load("README application.yml",
                new ByteArrayResource(snippet(readme(), "application.yml").getBytes(StandardCharsets.UTF_8)));
        return new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(SalesAgentCostAutoConfiguration.class,
                        SalesAgentModelAutoConfiguration.class, SalesAgentCrmAutoConfiguration.class,
                        SalesAgentGraphAutoConfiguration.class, SalesAgentAgentsAutoConfiguration.class))
                .withInitializer(context -> yaml.forEach(context.getEnvironment().getPropertySources()::addLast))
                // the application's DataSource (spring-boot-starter-jdbc in the README's dependencies)
                .withBean(DataSource.class, () -> {
                    JdbcDataSource ds = new JdbcDataSource();
                    ds.setURL("jdbc:h2:mem:readme-snippets-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
                    return ds;
                })
                .withUserConfiguration(Leads.class);
    }

    static Lead lead() {
        return Lead.builder().id("r1").company("Globex").email("dana@globex.com").firstName("Dana").lastName("Reyes")
                .title("Chief Revenue Officer").employees(1200L).industry("Software").country("US")
                .notes("budget approved").build();
    }

    @Test
    void theExampleClassInTheReadmeIsTheOneBootedHere() throws Exception {
        String source = Files.readString(Path.of("src/test/java/dev/salesagent/spring/autoconfigure/readme/Leads.java"));
        String body = source.substring(source.indexOf("import "));
        assertThat(snippet(readme(), "Leads.java")).isEqualTo(body);
        // the root README carries the same section
        String root = Files.readString(Path.of("../README.md"));
        for (String name : List.of("pom", "application.yml", "Leads.java")) {
            assertThat(snippet(root, name)).as(name).isEqualTo(snippet(readme(), name));
        }
    }

    @Test
    void theDependenciesSnippetImportsTheBomWithAVersionAndAddsWhatTheYamlNeeds() throws Exception {
        String pom = snippet(readme(), "pom");
        assertThat(pom).contains("<artifactId>sdk-bom</artifactId>", "<scope>import</scope>", "<type>pom</type>",
                "<version>${salesagent.version}</version>", "<artifactId>sdk-spring-boot-starter</artifactId>");
        String yaml = snippet(readme(), "application.yml");
        String bom = Files.readString(Path.of("../sdk-bom/pom.xml"));
        Matcher providers = Pattern.compile("provider: ([a-z]+)").matcher(yaml);
        while (providers.find()) {
            String id = providers.group(1);
            String artifact = List.of("openai", "anthropic").contains(id) ? "sdk-model-" + id : "sdk-crm-" + id;
            assertThat(pom).as("README dependencies for provider " + id).contains("<artifactId>" + artifact + "</artifactId>");
            assertThat(bom).as("the BOM manages " + artifact).contains("<artifactId>" + artifact + "</artifactId>");
        }
        assertThat(readme()).contains("mvn -B -q install -DskipTests");
    }

    @Test
    void withModelKeysTheReadmeAppScoresWithTheModelEndpoint() throws Exception {
        server.resetRequests();
        readmeApp().withPropertyValues("OPENAI_API_KEY=sk-readme", "ANTHROPIC_API_KEY=sk-ant-readme",
                        "HUBSPOT_TOKEN=pat-readme", "OPENAI_BASE_URL=" + server.baseUrl() + "/v1")
                .run(context -> {
                    assertThat(context).hasNotFailed().hasSingleBean(ModelRouter.class);
                    Leads leads = context.getBean(Leads.class);
                    assertThat(leads.usesModels()).isTrue();
                    LeadScore score = leads.score(lead(), "acme");
                    assertThat(score.method()).isEqualTo(Method.MODEL);
                    assertThat(score.breakdown().budget()).isEqualTo(90);
                    server.verify(1, postRequestedFor(urlEqualTo("/v1/chat/completions"))
                            .withHeader("Authorization", equalTo("Bearer sk-readme")));
                });
    }

    @Test
    void withoutModelKeysTheReadmeAppStartsOfflineOnTheRules() throws Exception {
        server.resetRequests();
        readmeApp().withPropertyValues("HUBSPOT_TOKEN=pat-readme", "OPENAI_BASE_URL=" + server.baseUrl() + "/v1")
                .run(context -> {
                    assertThat(context).hasNotFailed().doesNotHaveBean(ModelRouter.class);
                    Leads leads = context.getBean(Leads.class);
                    assertThat(leads.usesModels()).isFalse();
                    LeadScore score = leads.score(lead(), "acme");
                    assertThat(score.method()).isEqualTo(Method.RULES);
                    assertThat(server.getAllServeEvents()).as("nothing is sent without a key").isEmpty();
                });
    }

    @Test
    void anUnsetCrmTokenStopsStartUpNamingThePropertyAndTheVariable() throws Exception {
        readmeApp().run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("salesagent.crm.sales.access-token")
                    .hasMessageContaining("HUBSPOT_TOKEN");
        });
    }
}
