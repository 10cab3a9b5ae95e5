package dev.salesagent.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.jayway.jsonpath.JsonPath;
import dev.salesagent.server.ReferenceServerApplication;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.logging.Level;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestWatcher;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Base of the dashboard's browser tests: the whole server on a random port (embedded PostgreSQL under
 * {@code target/browser-test-data}, the demo tenants seeded with known passwords) driven by the machine's own headless
 * Chromium through its {@code chromedriver} (Debian's {@code chromium} and {@code chromium-driver}; paths overridable
 * with {@code -Dsalesagent.it.chromium=} and {@code -Dsalesagent.it.chromedriver=}). Nothing is downloaded: the driver
 * and browser paths are explicit, so Selenium Manager is never asked, and {@code SE_OFFLINE} is set by the build.
 * Screenshots go to {@code target/screenshots/}.
 */
@SpringBootTest(classes = ReferenceServerApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "salesagent.platform.data-dir=target/browser-test-data",
            "salesagent.platform.db.clean-embedded=true",
            "salesagent.platform.demo.password=" + BrowserTestSupport.DEMO_PASSWORD,
            "salesagent.platform.demo.platform-admin-password=admin-password-123",
            "salesagent.rate-limits.enabled=false"
        })
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class BrowserTestSupport {

    /** Password of the seeded {@code demo@example.com} (owner of tenant {@code demo}). */
    static final String DEMO_PASSWORD = "demo-password-123";
    /** The seeded demo owner. */
    static final String DEMO_EMAIL = "demo@example.com";
    /** Password of every user the tests create. */
    static final String PASSWORD = "correct-horse-battery";
    /** Tablet width (portrait iPad Air) for the narrow-screen checks. */
    static final Dimension TABLET = new Dimension(820, 1180);
    static final Dimension DESKTOP = new Dimension(1440, 960);

    private static final Path SCREENSHOTS = Path.of("target", "screenshots");

    @LocalServerPort
    int port;

    /** On a failure: a screenshot {@code failed-<test>.png} and the browser's console on standard output. */
    @RegisterExtension
    final TestWatcher failures = new TestWatcher() {
        @Override
        public void testFailed(ExtensionContext context, Throwable cause) {
            if (driver == null) {
                return;
            }
            screenshot("failed-" + context.getRequiredTestMethod().getName());
            driver.manage().logs().get(LogType.BROWSER).forEach(e -> System.out.println("browser console: " + e));
        }
    };

    WebDriver driver;
    private ChromeDriverService service;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(30)).build();

    @BeforeAll
    void startBrowser() {
        File chromium = new File(System.getProperty("salesagent.it.chromium", "/usr/bin/chromium"));
        File chromedriver = new File(System.getProperty("salesagent.it.chromedriver", "/usr/bin/chromedriver"));
        assertThat(chromium).as("Chromium (Debian: apt-get install chromium chromium-driver; .ci/run installs it)")
                .canRead();
        assertThat(chromedriver).as("chromedriver (Debian: apt-get install chromium-driver)").canRead();
        System.setProperty("webdriver.chrome.driver", chromedriver.getPath());
        service = new ChromeDriverService.Builder().usingDriverExecutable(chromedriver).usingAnyFreePort().build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium);
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--no-first-run", "--disable-extensions", "--lang=en-US");
        driver = new ChromeDriver(service, options);
        driver.manage().window().setSize(DESKTOP);
    }

    @AfterAll
    void stopBrowser() {
        if (driver != null) {
            driver.quit();
        }
        if (service != null) {
            service.stop();
        }
    }

    @BeforeEach
    void freshPage() {
        driver.manage().window().setSize(DESKTOP);
        driver.get(base() + "/");
        js("sessionStorage.clear()");
    }

    String base() {
        return "http://localhost:" + port;
    }

    Object js(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    WebDriverWait waiting() {
        // generous: CI machines are shared; a part of the page redrawn while it is read is read again
        return (WebDriverWait) new WebDriverWait(driver, Duration.ofSeconds(120))
                .ignoring(StaleElementReferenceException.class);
    }

    WebElement await(By by) {
        return waiting().until(ExpectedConditions.visibilityOfElementLocated(by));
    }

    /** Waits until the shown tab has finished loading ({@code main[data-ready=<tab>]}). */
    void awaitTab(String tab) {
        await(By.cssSelector("main[data-ready='" + tab + "']"));
    }

    /** Opens the page fresh and signs in through the form. */
    void signIn(String email, String password) {
        driver.get(base() + "/");
        js("sessionStorage.clear()");
        driver.navigate().refresh();
        await(By.name("email")).sendKeys(email);
        driver.findElement(By.name("password")).sendKeys(password);
        driver.findElement(By.cssSelector("form.signin-form button[type=submit]")).click();
        await(By.id("sign-out"));
    }

    /** Clicks a tab in the navigation and waits for it. */
    void openTab(String tab) {
        driver.findElement(By.id("nav-" + tab)).click();
        awaitTab(tab);
    }

    List<String> visibleTabs() {
        return driver.findElements(By.cssSelector("nav.sidebar a")).stream().map(e -> e.getAttribute("data-tab"))
                .collect(Collectors.toList());
    }

    /** Saves a screenshot as {@code target/screenshots/<name>.png}. */
    Path screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Path target = SCREENSHOTS.resolve(name + ".png");
            File shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
            Files.copy(shot.toPath(), target, StandardCopyOption.REPLACE_EXISTING);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Runs axe-core (Deque's script, WCAG 2 A/AA rules and best practices) in the page and returns its violations of
     * impact serious or critical, one line each (rule, impact, first offending elements).
     */
    @SuppressWarnings("unchecked")
    List<String> seriousAccessibilityViolations() {
        if (!Boolean.TRUE.equals(js("return typeof window.axe === 'object'"))) {
            js(axeScript());
        }
        Object raw = ((JavascriptExecutor) driver).executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']}})
                  .then(r => done(r.violations.filter(v => v.impact === 'serious' || v.impact === 'critical')
                    .map(v => v.id + ' (' + v.impact + '): ' + v.help + ' -> '
                      + v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(' | '))))
                  .catch(e => done(['axe failed: ' + e]));
                """);
        return (List<String>) raw;
    }

    private static String axeScript() {
        try (InputStream in = BrowserTestSupport.class.getClassLoader().getResourceAsStream("axe.min.js")) {
            assertThat(in).as("axe.min.js from com.deque.html.axe-core:selenium on the test classpath").isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ------------------------------------------------------------------ the API, directly

    /** Signs in over HTTP; returns the access token. */
    String accessToken(String email, String password) {
        HttpResponse<String> r = call("POST", "/api/v1/auth/token", null,
                "{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return JsonPath.read(r.body(), "$.access_token");
    }

    /** Creates a user with these roles in the demo tenant; returns their e-mail. */
    String createDemoUser(String... roles) {
        String email = roles[0].replace('_', '-') + "-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        String roleList = List.of(roles).stream().map(r -> "\"" + r + "\"").collect(Collectors.joining(",", "[", "]"));
        HttpResponse<String> r = call("POST", "/api/v1/users", accessToken(DEMO_EMAIL, DEMO_PASSWORD),
                "{\"email\":\"" + email + "\",\"roles\":" + roleList + ",\"password\":\"" + PASSWORD + "\"}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return email;
    }

    /** GET of a JSON resource that must answer 200; returns the body. */
    String get(String path, String token) {
        HttpResponse<String> r = call("GET", path, token, null);
        assertThat(r.statusCode()).as("GET %s: %s", path, r.body()).isEqualTo(200);
        return r.body();
    }

    /** A JSON API call; body null for none. */
    HttpResponse<String> call(String method, String path, String token, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base() + path))
                .timeout(Duration.ofSeconds(60)).header("Accept", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The session's stored tokens as the page keeps them. */
    @SuppressWarnings("unchecked")
    Map<String, Object> storedTokens() {
        return (Map<String, Object>) js("return JSON.parse(sessionStorage.getItem('salesagent.tokens'))");
    }
}
