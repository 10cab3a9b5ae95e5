package dev.salesagent.spring.harness;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ByteArrayResource;

/**
 * Measures the start-up time the starter adds (not a test; run by hand, one JVM per scenario so each figure is a
 * cold start):
 *
 * <pre>
 * java -cp target/test-classes:target/classes:$(cat cp.txt) dev.salesagent.spring.harness.StartupHarness empty|starter|readme [runs]
 * </pre>
 *
 * {@code empty} excludes the starter's auto-configurations, {@code starter} boots them without properties,
 * {@code readme} boots the README's application.yml (keys from the environment, an H2 DataSource). Prints the first
 * (cold) refresh and the median of the following warm ones, in milliseconds.
 */
public final class StartupHarness {

    private StartupHarness() {
    }

    @SpringBootApplication
    static class App {
        @Bean
        DataSource dataSource() {
            JdbcDataSource ds = new JdbcDataSource();
            ds.setURL("jdbc:h2:mem:harness-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
            return ds;
        }
    }

    public static void main(String[] args) throws Exception {
        String scenario = args.length > 0 ? args[0] : "starter";
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 6;
        List<Long> millis = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            SpringApplication app = new SpringApplication(App.class);
            app.setWebApplicationType(WebApplicationType.NONE);
            app.setLogStartupInfo(false);
            StandardEnvironment env = new StandardEnvironment();
            if (scenario.equals("empty")) {
                env.getSystemProperties().put("spring.autoconfigure.exclude", String.join(",", salesagentAutoConfigurations()));
            } else if (scenario.equals("readme")) {
                String readme = Files.readString(Path.of("README.md"));
                Matcher m = Pattern.compile("<!-- readme-snippet:application.yml -->\\n```yaml\\n(.*?)```", Pattern.DOTALL)
                        .matcher(readme);
                if (!m.find()) {
                    throw new IllegalStateException("no application.yml snippet in README.md");
                }
                new YamlPropertySourceLoader().load("readme", new ByteArrayResource(m.group(1).getBytes()))
                        .forEach(env.getPropertySources()::addLast);
                env.getSystemProperties().putIfAbsent("OPENAI_API_KEY", "sk-harness");
                env.getSystemProperties().putIfAbsent("ANTHROPIC_API_KEY", "sk-ant-harness");
                env.getSystemProperties().putIfAbsent("HUBSPOT_TOKEN", "pat-harness");
            }
            app.setEnvironment(env);
            long start = System.nanoTime();
            try (ConfigurableApplicationContext ignored = app.run()) {
                millis.add((System.nanoTime() - start) / 1_000_000);
            }
        }
        List<Long> warm = new ArrayList<>(millis.subList(1, millis.size()));
        Collections.sort(warm);
        System.out.printf("STARTUP %s cold=%d ms warm-median=%d ms (runs %s)%n", scenario, millis.get(0),
                warm.isEmpty() ? -1 : warm.get(warm.size() / 2), millis);
    }

    private static List<String> salesagentAutoConfigurations() throws Exception {
        List<String> names = new ArrayList<>();
        try (var in = StartupHarness.class.getClassLoader()
                .getResourceAsStream("META-INF/spring/org.springframework.boot.autoconfigure.AutoConfiguration.imports")) {
            for (String line : new String(in.readAllBytes()).split("\\R")) {
                if (line.startsWith("dev.salesagent.")) {
                    names.add(line.trim());
                }
            }
        }
        return names;
    }
}
