package dev.salesagent.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * The dashboard in a real headless Chromium: sign-in, role-aware navigation, transparent token refresh, the admin
 * tab's users and audit chain, sign-out, and an axe-core accessibility check of every tab at desktop and tablet width.
 */
class DashboardBrowserIT extends BrowserTestSupport {

    @Test
    @DisplayName("the owner signs in with e-mail and password and lands on the dashboard with every tab their role allows")
    void signIn() {
        driver.get(base() + "/");
        await(By.name("email"));
        screenshot("01-sign-in");
        signIn(DEMO_EMAIL, DEMO_PASSWORD);
        assertThat(driver.findElement(By.id("user-email")).getText()).isEqualTo(DEMO_EMAIL);
        assertThat(visibleTabs()).contains("admin");
        assertThat(storedTokens()).containsKeys("access_token", "refresh_token", "expires_at");
        awaitTab(visibleTabs().get(0));
        screenshot("02-signed-in");
    }

    @Test
    @DisplayName("a wrong password is refused in plain words and nothing is stored")
    void wrongPassword() {
        driver.get(base() + "/");
        await(By.name("email")).sendKeys(DEMO_EMAIL);
        driver.findElement(By.name("password")).sendKeys("not-the-password");
        driver.findElement(By.cssSelector("form.signin-form button[type=submit]")).click();
        WebElement error = await(By.cssSelector(".form-status .notice.error"));
        assertThat(error.getText()).isEqualTo("The e-mail or password is not right.");
        assertThat(js("return sessionStorage.getItem('salesagent.tokens')")).isNull();
        screenshot("03-sign-in-refused");
    }

    @Test
    @DisplayName("a sales_rep does not see Admin, and asking for it by address shows another tab")
    void salesRepDoesNotSeeAdmin() {
        String rep = createDemoUser("sales_rep");
        signIn(rep, PASSWORD);
        assertThat(visibleTabs()).doesNotContain("admin");
        driver.get(base() + "/#/admin");
        driver.navigate().refresh();
        await(By.id("sign-out"));
        waiting().until(d -> !d.getCurrentUrl().endsWith("#/admin"));
        assertThat(driver.findElements(By.id("nav-admin"))).isEmpty();
        assertThat(driver.findElements(By.id("users-table"))).isEmpty();
        screenshot("04-sales-rep");
    }

    @Test
    @DisplayName("Admin lists the tenant's users and verifies the audit chain")
    void adminUsersAndAuditChain() {
        String manager = createDemoUser("sales_manager");
        signIn(DEMO_EMAIL, DEMO_PASSWORD);
        openTab("admin");
        WebElement users = await(By.id("users-table"));
        assertThat(users.getText()).contains(DEMO_EMAIL, manager);
        WebElement auditTable = await(By.id("audit-table"));
        assertThat(auditTable.getText()).contains("user.created");
        driver.findElement(By.id("verify-chain")).click();
        WebElement verdict = waiting().until(ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector("#audit-verification .notice")));
        assertThat(verdict.getText()).startsWith("Chain intact:").contains("events checked");
        screenshot("05-admin");
    }

    @Test
    @DisplayName("an access token the server refuses is refreshed transparently and the page keeps working")
    void transparentRefresh() {
        signIn(DEMO_EMAIL, DEMO_PASSWORD);
        Map<String, Object> before = storedTokens();
        // spoil the access token: the next call gets 401, the client refreshes once and repeats the call
        js("const t = JSON.parse(sessionStorage.getItem('salesagent.tokens'));"
                + "t.access_token = 'spoiled'; sessionStorage.setItem('salesagent.tokens', JSON.stringify(t));");
        driver.navigate().refresh();
        await(By.id("sign-out"));
        openTab("admin");
        await(By.id("users-table"));
        Map<String, Object> after = storedTokens();
        assertThat(after.get("refresh_token")).isNotEqualTo(before.get("refresh_token"));
        assertThat(after.get("access_token")).isNotEqualTo("spoiled");
    }

    @Test
    @DisplayName("sign-out revokes the session: the sign-in form returns and the old refresh token is refused")
    void signOut() {
        signIn(DEMO_EMAIL, DEMO_PASSWORD);
        String refresh = (String) storedTokens().get("refresh_token");
        driver.findElement(By.id("sign-out")).click();
        await(By.name("email"));
        assertThat(js("return sessionStorage.getItem('salesagent.tokens')")).isNull();
        driver.navigate().refresh();
        await(By.name("email"));
        assertThat(driver.findElements(By.id("sign-out"))).isEmpty();
        assertThat(call("POST", "/api/v1/auth/refresh", null, "{\"refresh_token\":\"" + refresh + "\"}").statusCode())
                .isEqualTo(401);
        screenshot("06-signed-out");
    }

    @Test
    @DisplayName("every tab, the sign-in page and a dialog have no serious or critical axe-core violations, on desktop and tablet")
    void accessibility() {
        driver.get(base() + "/");
        await(By.name("email"));
        List<String> problems = new ArrayList<>(prefixed("sign-in", seriousAccessibilityViolations()));
        signIn(DEMO_EMAIL, DEMO_PASSWORD);
        for (String tab : visibleTabs()) {
            openTab(tab);
            problems.addAll(prefixed(tab, seriousAccessibilityViolations()));
        }
        driver.manage().window().setSize(TABLET);
        for (String tab : visibleTabs()) {
            openTab(tab);
            problems.addAll(prefixed(tab + " (tablet)", seriousAccessibilityViolations()));
            screenshot("tablet-" + tab);
        }
        openTab("admin");
        driver.findElement(By.id("add-user")).click();
        await(By.cssSelector("dialog[open]"));
        problems.addAll(prefixed("add-user dialog", seriousAccessibilityViolations()));
        assertThat(problems).isEmpty();
    }

    @Test
    @DisplayName("the navigation works from the keyboard: Tab reaches the tabs, Enter opens one")
    void keyboardNavigation() {
        signIn(DEMO_EMAIL, DEMO_PASSWORD);
        WebElement admin = driver.findElement(By.id("nav-admin"));
        for (int i = 0; i < 30 && !admin.equals(driver.switchTo().activeElement()); i++) {
            driver.switchTo().activeElement().sendKeys(org.openqa.selenium.Keys.TAB);
        }
        assertThat(driver.switchTo().activeElement()).isEqualTo(admin);
        admin.sendKeys(org.openqa.selenium.Keys.ENTER);
        awaitTab("admin");
        assertThat(admin.getAttribute("aria-current")).isEqualTo("page");
    }

    private static List<String> prefixed(String where, List<String> violations) {
        return violations.stream().map(v -> where + ": " + v).toList();
    }
}
