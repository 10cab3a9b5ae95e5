package dev.salesagent.agents.sales.command;

import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.salesagent.agents.sales.Method;
import dev.salesagent.agents.sales.ModelOptions;
import dev.salesagent.agents.sales.internal.Schemas;
import dev.salesagent.agents.sales.internal.StructuredChat;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Model router: one structured-output call (JSON schema {@code routed_query}); the model's intents and entities are
 * validated (known intents, ISO dates, decimal amounts) and its names re-resolved through the rules router, which
 * also keeps the last word on prompt injection (a question the rules flag never creates a transaction).
 */
final class ModelQueryRouter implements QueryRouter {

    /** The AiContext feature of the call. */
    static final String FEATURE = "command_routing";
    private static final Logger LOG = LoggerFactory.getLogger(ModelQueryRouter.class);

    private final StructuredChat chat;
    private final QueryRouter fallback;

    ModelQueryRouter(ChatModel model, ModelOptions options, QueryRouter fallback) {
        this.chat = new StructuredChat(Objects.requireNonNull(model, "model"), Objects.requireNonNull(options,
                "options"));
        this.fallback = Objects.requireNonNull(fallback, "fallback");
    }

    /** The model's answer, bound from JSON; strings so that bad values are reported, not thrown by Jackson. */
    public record Out(List<String> intents, String customer, String product, String quantity, String unit_price,
                      String status, String stage, String region, String period_start, String period_end,
                      String amount_min, String amount_max, String limit, String metric) {
    }

    static JsonObjectSchema schema() {
        List<String> ids = Arrays.stream(Intent.values()).map(Intent::id).toList();
        return Schemas.object(
                "intents", Schemas.array(Schemas.enumOf(ids, null), "one or more intents, in the order asked"),
                "customer", Schemas.string("customer name as written, or empty"),
                "product", Schemas.string("product or category name as written, or empty"),
                "quantity", Schemas.string("units to order, digits only, or empty"),
                "unit_price", Schemas.string("USD per unit, digits with optional decimals, or empty"),
                "status", Schemas.string("pending, partially_fulfilled, fulfilled, cancelled, or empty"),
                "stage", Schemas.string("opportunity stage, or empty"),
                "region", Schemas.string("sales region, or empty"),
                "period_start", Schemas.string("first day, ISO yyyy-mm-dd, or empty"),
                "period_end", Schemas.string("last day inclusive, ISO yyyy-mm-dd, or empty"),
                "amount_min", Schemas.string("USD lower bound, digits, or empty"),
                "amount_max", Schemas.string("USD upper bound, digits, or empty"),
                "limit", Schemas.string("row count such as 5 for top 5, or empty"),
                "metric", Schemas.string("revenue, count, average_order_value, units, average_selling_price, "
                        + "profit, win_rate, weighted_forecast, aging, inventory, anomalies, summary, decline, stuck, "
                        + "or empty"));
    }

    @Override
    public RoutedQuery route(String question, RoutingContext context) {
        RoutedQuery rules = fallback.route(question, context);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("question", question);
        data.put("as_of", context.asOf().toString());
        if (context.previous() != null) {
            data.put("previous_intents", context.previous().intents().stream().map(Intent::id).toList());
            data.put("previous_entities", context.previous().entities().toMap());
        }
        StructuredChat.Answer<Out> answer;
        try {
            answer = chat.ask(FEATURE, "command_routing", "Route this sales question.", data, "routed_query",
                    schema(), Out.class, ModelQueryRouter::problems);
        } catch (RuntimeException e) { // InvalidModelOutputException, or the call failed: the rules still answer
            LOG.warn("Model routing failed ({}); using the rules router", e.getClass().getSimpleName());
            return rules;
        }
        Out o = answer.value();
        List<Intent> intents = new ArrayList<>(o.intents().stream().map(Intent::fromId).distinct().toList());
        if (rules.injection()) {
            intents.remove(Intent.CREATE_TRANSACTION);
        }
        QueryEntities model = new QueryEntities(null, null, dec(o.quantity()), dec(o.unit_price()), blank(o.status()),
                blank(o.stage()), blank(o.region()), period(o.period_start(), o.period_end()), dec(o.amount_min()),
                dec(o.amount_max()), blank(o.limit()) == null ? null : Integer.valueOf(o.limit().trim()),
                blank(o.metric()));
        // names: the model's mentions are resolved against the CRM's records by the rules router; a name the model
        // did not give is not taken from the rules (the model read the whole question)
        List<Clarification> clarifications = new ArrayList<>();
        String customer = resolve("customer", o.customer(), rules.entities().customer(), context, clarifications);
        String product = resolve("product", o.product(), rules.entities().product(), context, clarifications);
        QueryEntities entities = model.withCustomer(customer).withProduct(product);
        return new RoutedQuery(question, intents, entities, clarifications, Method.MODEL, answer.model(),
                rules.followUp(), rules.injection());
    }

    private String resolve(String entity, String mention, String fromRules, RoutingContext context,
                           List<Clarification> clarifications) {
        if (blank(mention) == null) {
            return null;
        }
        // the cue word tells the rules router the words are a name ("customer disney", "product hats")
        RoutedQuery byName = fallback.route(entity + " " + mention, RoutingContext.asOf(context.asOf()));
        String name = "customer".equals(entity) ? byName.entities().customer() : byName.entities().product();
        if (name != null) {
            return name;
        }
        List<Clarification> asked = byName.clarifications().stream().filter(c -> c.entity().equals(entity)).toList();
        if (!asked.isEmpty()) {
            clarifications.addAll(asked);
            return null;
        }
        return fromRules;
    }

    static List<String> problems(Out o) {
        List<String> p = new ArrayList<>();
        if (o.intents() == null || o.intents().isEmpty()) {
            p.add("intents must not be empty");
        } else {
            for (String i : o.intents()) {
                try {
                    Intent.fromId(i);
                } catch (IllegalArgumentException e) {
                    p.add("unknown intent: " + i);
                }
            }
        }
        for (String[] f : new String[][] {{"quantity", o.quantity()}, {"unit_price", o.unit_price()},
                {"amount_min", o.amount_min()}, {"amount_max", o.amount_max()}}) {
            if (blank(f[1]) != null) {
                try {
                    new BigDecimal(f[1].trim());
                } catch (NumberFormatException e) {
                    p.add(f[0] + " is not a decimal number: " + f[1]);
                }
            }
        }
        if (blank(o.limit()) != null && !o.limit().trim().matches("\\d{1,4}")) {
            p.add("limit is not a whole number: " + o.limit());
        }
        try {
            period(o.period_start(), o.period_end());
        } catch (RuntimeException e) {
            p.add("period is invalid: " + e.getMessage());
        }
        return p;
    }

    private static Period period(String start, String end) {
        if (blank(start) == null && blank(end) == null) {
            return null;
        }
        if (blank(start) == null || blank(end) == null) {
            throw new IllegalArgumentException("period needs both start and end");
        }
        return Period.of(LocalDate.parse(start.trim()), LocalDate.parse(end.trim()));
    }

    private static BigDecimal dec(String s) {
        return blank(s) == null ? null : new BigDecimal(s.trim());
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    private static List<String> nonBlank(String... s) {
        return Arrays.stream(s).filter(x -> blank(x) != null).toList();
    }
}
