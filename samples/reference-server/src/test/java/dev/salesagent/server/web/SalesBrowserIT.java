package dev.salesagent.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.jayway.jsonpath.JsonPath;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.WindowType;

/**
 * The sales pages in a real headless Chromium over the demo tenant's seeded order book: the overview's figures equal
 * the API's, a question's answer in the assistant, an order created by chat and approved that appears in another
 * window's Orders table through the WebSocket feed without a reload, and a CSV upload with its per-row errors.
 */
class SalesBrowserIT extends BrowserTestSupport {

    private static final String THIS_MONTH = "How many orders did we receive this month?";

    @Test
    @DisplayName("the overview's KPI cards (month and today) show exactly the figures of GET /api/v1/dashboard/overview and /pipeline")
    void overviewFiguresEqualTheApi() {
        String token = accessToken(DEMO_EMAIL, DEMO_PASSWORD);
        String overview = get("/api/v1/dashboard/overview", token);
        String pipeline = get("/api/v1/dashboard/pipeline", token);
        signIn(DEMO_EMAIL, DEMO_PASSWORD);
        openTab("overview");
        await(By.cssSelector("[data-kpi='orders_month']"));
        assertFigure("orders_month", JsonPath.read(overview, "$.current.orders"));
        assertFigure("revenue_month", JsonPath.read(overview, "$.current.revenue"));
        assertFigure("average_order_value", JsonPath.read(overview, "$.current.average_order_value"));
        assertFigure("pending_orders", JsonPath.read(overview, "$.current.pending_orders"));
        assertFigure("orders_today", JsonPath.read(overview, "$.today.orders"));
        assertFigure("revenue_today", JsonPath.read(overview, "$.today.revenue"));
        assertThat(JsonPath.<List<Object>>read(overview, "$.revenue_by_category")).isNotEmpty();
        assertThat(driver.findElement(By.cssSelector("canvas[aria-label='Revenue by category (this month)']"))
                .isDisplayed()).isTrue();
        assertFigure("pipeline_value", JsonPath.read(pipeline, "$.open_amount"));
        assertThat(driver.findElements(By.cssSelector("figure.chart canvas"))).hasSizeGreaterThanOrEqualTo(2);
        String insights = get("/api/v1/insights", token);
        List<String> summary = JsonPath.read(insights, "$.insights[?(@.kind == 'summary')].text");
        assertThat(driver.findElement(By.cssSelector(".panel.summary")).getText()).as(insights).contains(summary.get(0));
        List<Object> stalled = JsonPath.read(insights, "$.insights[?(@.kind == 'stalled_deals')].rows[*]");
        assertFigure("at_risk_deals", stalled.size());
        screenshot("10-overview");
        openTab("pipeline");
        assertFigure("open_amount", JsonPath.read(pipeline, "$.open_amount"));
        assertFigure("won_amount", JsonPath.read(pipeline, "$.won_amount"));
        screenshot("11-pipeline");
    }

    @Test
    @DisplayName("asking \"How many orders did we receive this month?\" shows the API's answer with the month's order count")
    void askHowManyOrdersThisMonth() {
        String token = accessToken(DEMO_EMAIL, DEMO_PASSWORD);
        String api = call("POST", "/api/v1/query/ask", token, "{\"query\":\"" + THIS_MONTH + "\"}").body();
        Number orders = JsonPath.read(get("/api/v1/dashboard/overview", token),
                "$.current.orders");
        signIn(DEMO_EMAIL, DEMO_PASSWORD);
        openTab("assistant");
        await(By.id("ask-input")).sendKeys(THIS_MONTH);
        driver.findElement(By.id("ask-send")).click();
        WebElement answer = await(By.cssSelector(".msg.bot [data-answer]"));
        waiting().until(d -> d.findElements(By.cssSelector(".msg.bot[aria-busy]")).isEmpty());
        assertThat(answer.getText()).isEqualTo(JsonPath.<String>read(api, "$.answer"));
        assertThat(answer.getText()).contains(String.valueOf(orders));
        assertThat(driver.findElement(By.cssSelector(".msg.bot .meta")).getText())
                .contains("Method:").contains(JsonPath.<String>read(api, "$.method"));
        screenshot("12-assistant-answer");
    }

    @Test
    @DisplayName("an order created by chat and approved appears in another window's Orders table over the WebSocket, without a reload")
    void createOrderByChatAndSeeItLive() {
        String token = accessToken(DEMO_EMAIL, DEMO_PASSWORD);
        String customer = JsonPath.read(get("/api/v1/customers?limit=1", token), "$.items[0].name");
        // a product whose name reads plainly in a sentence (the order book's names are often long lists)
        List<Map<String, Object>> items = JsonPath.read(get("/api/v1/products?limit=100", token),
                "$.items[?(@.active == true)]");
        Map<String, Object> product = items.stream()
                .filter(p -> p.get("name").toString().matches("[A-Za-z][A-Za-z0-9 ]{2,28}"))
                .findFirst().orElseThrow(() -> new AssertionError("no plainly named product in " + items));
        String request = "Create a sales order for " + customer + ", 2 " + product.get("name") + " at $"
                + new BigDecimal(product.get("unit_price").toString()).toPlainString() + " each";

        // window A: the Orders table, marked so that a reload would show
        signIn(DEMO_EMAIL, DEMO_PASSWORD);
        openTab("orders");
        await(By.id("orders-table"));
        await(By.cssSelector("#live-status.open"));
        js("window.__sameDocument = true");
        String ordersWindow = driver.getWindowHandle();

        // window B: its own session, the assistant
        driver.switchTo().newWindow(WindowType.TAB);
        signIn(DEMO_EMAIL, DEMO_PASSWORD);
        openTab("assistant");
        await(By.id("ask-input")).sendKeys(request);
        driver.findElement(By.id("ask-send")).click();
        WebElement draft = await(By.cssSelector(".tx-draft[data-transaction]"));
        String id = draft.getAttribute("data-transaction");
        assertThat(draft.findElement(By.name("customer")).getAttribute("value")).as(draft.getText()).isEqualTo(customer);
        // edit the draft: 3 instead of 2, saved and checked again by the server
        WebElement quantity = draft.findElement(By.cssSelector("input[aria-label='Quantity']"));
        quantity.clear();
        quantity.sendKeys("3");
        draft.findElement(By.xpath(".//button[normalize-space()='Save and check']")).click();
        waiting().until(d -> "3".equals(d.findElement(By.cssSelector("#draft-" + id + " input[aria-label='Quantity']"))
                .getAttribute("value")) && d.findElement(By.id("toast")).getText().startsWith("Draft saved"));
        draft = driver.findElement(By.id("draft-" + id));
        screenshot("13-order-draft");
        WebElement approve = draft.findElement(By.id("approve-" + id));
        assertThat(approve.isEnabled()).as(draft.getText()).isTrue();
        approve.click();
        By outcome = By.cssSelector("#draft-" + id + " .notice.ok");
        waiting().until(d -> d.findElement(outcome).getText().startsWith("Submitted"));
        WebElement submitted = driver.findElement(outcome);
        String transaction = get("/api/v1/transactions/" + id, token);
        String orderId = JsonPath.read(transaction, "$.order_id");
        assertThat(JsonPath.<String>read(transaction, "$.status")).isEqualTo("submitted");
        assertThat(JsonPath.<Object>read(transaction, "$.draft.lines[0].quantity").toString()).isIn("3", "3.0");
        assertThat(submitted.getText()).contains(orderId);
        screenshot("14-order-submitted");

        driver.switchTo().window(ordersWindow);
        waiting().until(d -> d.findElement(By.id("orders-table")).getText().contains(customer)
                && d.findElements(By.cssSelector("#orders-table tr.new")).size() == 1);
        assertThat(js("return window.__sameDocument === true")).isEqualTo(true);
        assertThat(driver.findElement(By.cssSelector("#orders-table tr.new")).getText()).contains(customer);
        screenshot("15-orders-live");
        driver.switchTo().window(driver.getWindowHandles().stream().filter(h -> !h.equals(ordersWindow)).findFirst()
                .orElseThrow()).close();
        driver.switchTo().window(ordersWindow);
    }

    @Test
    @DisplayName("uploading a CSV imports the good rows and lists every bad row with its number and reason")
    void csvUploadShowsRowErrors() throws IOException {
        String suffix = Long.toString(System.nanoTime(), 36);
        Path csv = Files.createTempFile("leads-", ".csv");
        Files.writeString(csv, String.join("\n",
                "email,first_name,last_name,company,domain",
                "ada-" + suffix + "@apple.example,Ada,Lovelace,Apple,apple-" + suffix + ".example",
                "not-an-e-mail,Bad,Row,Microsoft,microsoft-" + suffix + ".example",
                "grace-" + suffix + "@amazon.example,Grace,Hopper,Amazon,amazon-" + suffix + ".example",
                "grace-" + suffix + "@amazon.example,Grace,Again,Amazon,amazon-" + suffix + ".example",
                ""), StandardCharsets.UTF_8);
        signIn(DEMO_EMAIL, DEMO_PASSWORD);
        openTab("leads");
        await(By.id("import-file")).sendKeys(csv.toAbsolutePath().toString());
        driver.findElement(By.id("import-submit")).click();
        WebElement result = await(By.cssSelector("#import-result .notice"));
        assertThat(result.getText()).startsWith("2 of 4 rows imported; 1 duplicates, 1 invalid, 0 unreadable.");
        String errors = await(By.id("import-errors")).getText();
        assertThat(errors).contains("3").contains("invalid").contains("5").contains("duplicate");
        assertThat(driver.findElement(By.id("leads-table")).getText()).contains("ada-" + suffix + "@apple.example");
        screenshot("16-csv-import");
        Files.deleteIfExists(csv);

        // score the two imported leads: the lead pipeline run, followed live over its SSE stream
        driver.findElement(By.id("leads-q")).sendKeys(suffix);
        driver.findElement(By.xpath("//form[.//input[@id='leads-q']]//button[normalize-space()='Apply']")).click();
        waiting().until(d -> d.findElements(By.cssSelector("#leads-table tbody tr")).size() == 2);
        driver.findElement(By.id("run-pipeline")).click();
        await(By.cssSelector("#run-progress [data-status='completed']"));
        assertThat(driver.findElements(By.cssSelector("#run-progress .steps li"))).isNotEmpty();
        assertThat(driver.findElement(By.id("run-progress")).getText()).contains("steps done").doesNotContain("failed");
        waiting().until(d -> d.findElements(By.cssSelector("#leads-table tbody tr")).stream()
                .allMatch(tr -> tr.getText().matches("(?s).*\\b[ABCD]\\b.*")));
        screenshot("17-lead-run");
    }

    private void assertFigure(String kpi, Object expected) {
        WebElement card = driver.findElement(By.cssSelector("[data-kpi='" + kpi + "']"));
        assertThat(new BigDecimal(card.getAttribute("data-value")))
                .as("KPI %s shown as %s", kpi, card.getText())
                .isEqualByComparingTo(new BigDecimal(expected.toString()));
    }
}
