package dev.salesagent.agents.sales.command;

import dev.salesagent.agents.sales.Method;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The offline router: keyword patterns per intent scored per clause, entity patterns, catalog name resolution,
 * follow-ups and injection screening. See {@link QueryRouter}.
 */
final class RulesQueryRouter implements QueryRouter {

    private static final int MAX_OPTIONS = 10;

    private static final Map<Intent, Pattern> SIGNALS = new EnumMap<>(Map.of(
            Intent.ORDER_STATUS, Pattern.compile("\\b(orders?|sales orders?|purchases?|shipments?|shipped|ship|"
                    + "backlog|backorders?|pending|fulfill?(ed|ment)?|unfulfilled|delivered|deliveries|aov|"
                    + "average order( value| size)?|order value|aging|ageing|invoices?|bookings?)\\b"),
            Intent.PIPELINE_QUERY, Pattern.compile("\\b(pipeline|deals?|opportunit(y|ies)|opps?|stages?|forecast|"
                    + "win rate|won|lost|close rate|closing|close date|stuck|funnel|prospecting|negotiation|"
                    + "qualification|proposals?|quota|weighted)\\b"),
            Intent.CUSTOMER_QUERY, Pattern.compile("\\b(customers?|clients?|accounts?|buyers?|who bought|"
                    + "who purchased|who (spent|buys)|biggest spenders?|churn(ed|ing)?|declin(e|ed|ing)|"
                    + "dropp(ed|ing)|account summary|spend(ing)?|loyal|repeat buyers?)\\b"),
            Intent.PRODUCT_QUERY, Pattern.compile("\\b(products?|items?|skus?|best[- ]?sell(ers?|ing)|top[- ]sell(ers?|ing)"
                    + "|inventory|in stock|stock levels?|stock|units sold|categor(y|ies)|sub-?categor(y|ies)|catalog(ue)?|"
                    + "average selling price|asp|selling price|sold the most|most sold|merchandise|did we sell|do we sell|"
                    + "we sold|units)\\b"),
            Intent.INSIGHT_REQUEST, Pattern.compile("\\b(anomal(y|ies|ous)|unusual|spikes?|dips?|outliers?|insights?|"
                    + "executive summary|summary|summari[sz]e|overview|trends?|highlights?|stalled|at risk|"
                    + "what happened|how are we doing|how did we do|kpis?|red flags?|irregular|strange|weird|compare|"
                    + "comparison|versus|year over year|yoy|qoq|growth|grew|performance)\\b")));
    /** Words that mean "money in" without saying orders, customers or products: order totals unless more is said. */
    private static final Pattern WEAK_REVENUE = Pattern.compile("\\b(revenue|sales|sold|turnover|income|earn(ed|ings)?|"
            + "gmv|made|make|bring in|brought in|booked|billing|how much did|how much have)\\b");

    private static final Pattern QUESTION_START = Pattern.compile(
            "^(how|what|which|who|whom|when|where|why|show|list|display|give me|tell me|is|are|was|were|did|do|does|"
                    + "count|find|get|any|report)\\b");
    private static final Pattern CREATE = Pattern.compile(
            "^(?:(?:ok|okay|hey|hi|please|kindly|now|then|also|so)[,]?\\s+)*"
                    + "(?:(?:can|could|would|will) you\\s+(?:please\\s+)?|i (?:want|need|would like|'d like|d like) to\\s+"
                    + "|i'd like to\\s+|let'?s\\s+|go ahead and\\s+|we need to\\s+|help me\\s+)?"
                    + "(?:create|place|make|enter|book|submit|raise|open|draft|generate|add|put in|log|record|set up|"
                    + "start|prepare|write up|issue)\\b.{0,40}?\\b(?:orders?|sales orders?|so|transactions?|"
                    + "purchase orders?|po)\\b");
    private static final Pattern CREATE_VERB_QTY = Pattern.compile(
            "^(?:(?:ok|okay|please|now|then|also)[,]?\\s+)*(?:(?:can|could|would) you\\s+(?:please\\s+)?|"
                    + "(?:i|we)(?: want| need| would like|'d like| d like) to\\s+|let'?s\\s+)?(?:order|sell|ship|book|reorder|re-order)\\s+"
                    + "(?:\\d|a |an |one |two |three |four |five |six |seven |eight |nine |ten |another )");
    private static final Pattern CREATE_ANYWHERE = Pattern.compile("\\b(create|place|make|enter|book|submit|raise|"
            + "add|draft|generate|put in|sell|ship)\\b.{0,60}\\b(orders?|transactions?|po)\\b|\\border\\s+\\d");
    private static final Pattern NEW_ORDER = Pattern.compile("\\bnew (?:sales )?order (?:for|from|to)\\b");
    private static final Pattern INJECTION = Pattern.compile(
            "(ignore|disregard|forget|override|bypass|skip)\\b.{0,40}\\b(instructions?|rules?|prompts?|guardrails?|"
                    + "polic(y|ies)|previous|above|approval|review|validation|checks?)|system prompt|"
                    + "you are now|act as (an? )?(admin|root|system|developer)|developer mode|jailbreak|\\bdan\\b|"
                    + "new instructions|<\\s*/?\\s*(system|assistant|instructions?)\\s*>|\\bassistant:|\\bsystem:|"
                    + "begin (admin|system)|sudo\\b|without (approval|review|confirmation|validation)|"
                    + "pretend (to be|you)|do anything now|reveal (your|the) (prompt|instructions)|"
                    + "^\\W*(override|admin|system|sudo|root)\\s*[:>\\-]|\\b(you|the assistant|the ai|the model) must\\b|"
                    + "auto-?approv\\w*|approve (it |this |them )?(automatically|immediately|without)|admin mode|"
                    + "as (an? )?(admin|administrator|system)\\b");
    private static final Pattern FOLLOW_UP = Pattern.compile(
            "^(and|also|plus|what about|how about|and what about|and how about|same (for|but|with|in)|now for|"
                    + "but for|ok(ay)?,? (and|now|what about)|then for|what if|for)\\b");
    private static final Pattern CLAUSE_SPLIT = Pattern.compile(
            "\\s*(?:[;?!]|\\.(?=\\s|$)|\\band also\\b|\\bas well as\\b|\\band then\\b|\\bthen\\b|,?\\s+and\\s+"
                    + "(?=(?:show|list|give|tell|what|how|which|who|create|place|make|enter|book|draft|find|get|"
                    + "count|display|summari[sz]e|also|are|is|any|flag)\\b))\\s*");

    private static final Pattern LIMIT = Pattern.compile("\\b(?:top|best|first|bottom|worst|largest|biggest|highest|"
            + "leading|limit(?: to)?)\\s+(\\d{1,3}|one|two|three|four|five|six|seven|eight|nine|ten|fifteen|twenty|"
            + "fifty|hundred)\\b(?!\\s*(?:days?|weeks?|months?|quarters?|years?|%))|\\b(\\d{1,3})\\s+(?:biggest|"
            + "largest|top|best|highest|most)\\b");
    private static final Map<String, Integer> NUMBER_WORDS = Map.ofEntries(Map.entry("one", 1), Map.entry("two", 2),
            Map.entry("three", 3), Map.entry("four", 4), Map.entry("five", 5), Map.entry("six", 6),
            Map.entry("seven", 7), Map.entry("eight", 8), Map.entry("nine", 9), Map.entry("ten", 10),
            Map.entry("fifteen", 15), Map.entry("twenty", 20), Map.entry("fifty", 50), Map.entry("hundred", 100),
            Map.entry("a", 1), Map.entry("an", 1), Map.entry("another", 1), Map.entry("dozen", 12));
    private static final Pattern STATUS = Pattern.compile("\\b(partially (?:fulfilled|shipped|delivered)|partial|"
            + "unfulfilled|not (?:yet )?(?:shipped|fulfilled|delivered)|unshipped|pending|outstanding|open|awaiting|"
            + "backordered|fulfilled|shipped|delivered|completed?|cancell?ed|canceled)\\b");
    private static final Pattern AMOUNT_MIN = Pattern.compile("(over|above|more than|greater than|bigger than|larger "
            + "than|exceeding|in excess of|at least|minimum(?: of)?|min\\.?|>=?|upwards of|north of|from)\\s*$");
    private static final Pattern AMOUNT_MAX = Pattern.compile("(under|below|less than|smaller than|at most|up to|"
            + "maximum(?: of)?|max\\.?|<=?|no more than|not more than|cheaper than|to|and)\\s*$");
    private static final Pattern UNIT_PRICE_AFTER = Pattern.compile("^\\s*(each|apiece|ea\\b|a piece|per (unit|item|"
            + "piece|each|box|case|pack)|/\\s*(unit|ea|each|item|pc)|a unit|an item|per)");
    private static final Pattern UNIT_PRICE_BEFORE = Pattern.compile("(unit price(?: of| is|:)?|price(?: of| is|:)?|"
            + "priced at|at|@|for|costing|cost)\\s*$");
    private static final Pattern QUANTITY = Pattern.compile("\\b(?:(?:quantity|qty)\\s*(?:of|:|=)?\\s*(\\d[\\d,]*)|"
            + "(\\d[\\d,]*)\\s*(?:x\\b|×)|(?:\\bx|×)\\s*(\\d[\\d,]*)\\b|(\\d[\\d,]*|one|two|three|four|five|six|seven|eight|nine|ten|dozen)\\s+(?!(?:days?|weeks?|months?|years?|quarters?|dollars?|usd|percent|%)\\b)[a-z])");

    private static final Set<String> STOP = Set.copyOf(java.util.Arrays.asList(
            "the", "and", "for", "from", "with", "our", "all", "any", "this", "that", "these", "those", "last", "next",
            "month", "year", "quarter", "week", "day", "today", "yesterday", "order", "sale", "deal", "pipeline",
            "customer", "client", "account", "product", "item", "top", "best", "selling", "seller", "revenue",
            "total", "average", "value", "pending", "fulfilled", "status", "stage", "region", "create", "new",
            "each", "per", "unit", "price", "show", "list", "give", "get", "what", "which", "who", "how", "many",
            "much", "are", "was", "were", "did", "does", "have", "has", "had", "been", "by", "about", "tell",
            "summary", "executive", "insight", "anomaly", "trend", "stock", "inventory", "sold", "buy", "bought",
            "purchase", "place", "make", "please", "can", "you", "want", "need", "like", "would", "could", "should",
            "much", "more", "less", "than", "over", "under", "above", "below", "between", "worth", "amount",
            "dollar", "number", "count", "open", "closed", "won", "lost", "win", "rate", "forecast", "weighted",
            "stuck", "stalled", "large", "big", "biggest", "largest", "small", "current", "previous", "past",
            "since", "during", "into", "onto", "per", "them", "their", "they", "him", "her", "his", "its", "also",
            "same", "but", "not", "still", "yet", "why", "when", "where", "there", "here", "some", "most", "least",
            "declining", "decline", "declined", "drop", "dropped", "growth", "grow", "growing", "compare",
            "compared", "versus", "team", "company", "business", "report", "data", "info", "information",
            "detail", "overview", "status", "please", "thank", "thanks", "hello", "hey", "just", "only", "every",
            "each", "other", "another", "ship", "shipped", "shipping", "delivered", "high", "low", "highest",
            "lowest", "good", "bad", "well", "doing", "performance", "perform", "sell", "sold", "unit", "quantity",
            "piece", "qty", "due", "late", "old", "aging", "ageing", "age", "days", "spend", "spent", "buyer",
            "set", "book", "enter", "submit", "draft", "approve", "record", "log", "ignore", "instruction",
            "previous", "prompt", "system", "rule", "assistant", "admin", "pretend", "now", "then", "right", "away",
            "immediately", "without", "approval", "review", "everything", "anything", "nothing", "something",
            "partial", "partially", "cancelled", "canceled", "outstanding", "awaiting", "complete", "completed",
            "category", "categorie", "sub", "line", "lines", "mean", "median", "sum", "trend", "spike", "dip",
            "unusual", "happen", "happened", "going", "done", "risk", "flag", "red", "kpi", "metric", "metrics",
            "profit", "margin", "asp", "aov", "sku", "catalog", "catalogue", "opportunity", "opp", "funnel",
            "quota", "proposal", "negotiation", "prospecting", "qualification", "close", "closing", "date", "week",
            "ytd", "mtd", "qtd", "fiscal", "calendar", "first", "second", "third", "fourth", "half", "one", "two",
            "three", "four", "five", "ten", "twenty", "hundred", "thousand", "million", "dozen", "usd", "west",
            "east", "north", "south", "central", "region", "territory", "area", "market", "segment", "fulfil",
            "fulfill", "fulfillment", "fulfilment", "backlog", "booking", "invoice", "shipment", "delivery",
            "client", "clients", "name", "named", "called", "is", "be", "it", "me", "my", "we", "us", "a", "an",
            "in", "on", "at", "to", "of", "or", "do", "so", "no", "up", "as", "if", "vs", "sales"));

    private final Supplier<EntityCatalog> catalogs;
    private volatile EntityCatalog lastCatalog;
    private volatile Matchers matchers;

    private record Matchers(NameMatcher customers, NameMatcher products, NameMatcher categories,
                            NameMatcher stages) {
    }

    RulesQueryRouter(Supplier<EntityCatalog> catalogs) {
        this.catalogs = catalogs;
    }

    private Matchers matchers(EntityCatalog catalog) {
        Matchers m = matchers;
        if (m == null || catalog != lastCatalog) {
            m = new Matchers(new NameMatcher(catalog.customers()), new NameMatcher(catalog.products()),
                    new NameMatcher(catalog.categories()), new NameMatcher(catalog.stages()));
            matchers = m;
            lastCatalog = catalog;
        }
        return m;
    }

    @Override
    public RoutedQuery route(String question, RoutingContext context) {
        if (question == null) {
            throw new IllegalArgumentException("question is null");
        }
        java.util.Objects.requireNonNull(context, "context");
        String text = normalize(question);
        boolean injection = INJECTION.matcher(text).find();
        if (text.chars().filter(Character::isLetter).count() < 2) {
            return new RoutedQuery(question, List.of(Intent.UNKNOWN), QueryEntities.NONE, List.of(), Method.RULES,
                    null, false, injection);
        }
        EntityCatalog catalog = catalogs.get();
        List<Clarification> clarifications = new ArrayList<>();
        List<Intent> intents = new ArrayList<>();
        boolean creates = false;
        boolean weak = false;
        for (String clause : CLAUSE_SPLIT.split(text)) {
            if (clause.isBlank()) {
                continue;
            }
            if (injection && CREATE_ANYWHERE.matcher(clause).find()) {
                continue; // an injected creation request is dropped whole
            }
            if (isCreate(clause)) {
                if (!injection) {
                    creates = true;
                    addOnce(intents, Intent.CREATE_TRANSACTION);
                }
                continue; // an injected "create" is dropped whole, not read as a question about orders
            }
            List<Intent> found = clauseIntents(clause);
            if (found.isEmpty() && WEAK_REVENUE.matcher(clause).find()) {
                weak = true;
                found = List.of(Intent.ORDER_STATUS);
            }
            for (Intent i : found) {
                addOnce(intents, i);
            }
        }
        String cased = question.replace('’', '\'').replace('“', '"').replace('”', '"').replaceAll("\\s+", " ")
                .strip();
        QueryEntities entities = entities(text, cased.length() == text.length() ? cased : text, context, catalog,
                creates, intents.contains(Intent.PRODUCT_QUERY) || creates, clarifications);
        if (weak && intents.equals(List.of(Intent.ORDER_STATUS)) && entities.product() != null
                && entities.customer() == null) {
            intents.set(0, Intent.PRODUCT_QUERY); // "sales of chairs": a product question
        }
        boolean followUp = false;
        RoutedQuery previous = context.previous();
        if (previous != null && !previous.intents().contains(Intent.UNKNOWN)
                && (FOLLOW_UP.matcher(text).find() && intents.isEmpty()
                || intents.isEmpty() && (!entities.isEmpty() || !clarifications.isEmpty()))) {
            followUp = true;
            intents.addAll(previous.intents());
            if (injection) {
                intents.remove(Intent.CREATE_TRANSACTION);
            }
            QueryEntities base = previous.entities();
            if (entities.customer() != null || !clarifications.isEmpty()) {
                base = base.withCustomer(null);
            }
            if (entities.product() != null) {
                base = base.withProduct(null);
            }
            entities = base.overriddenBy(entities);
        }
        if (intents.isEmpty() && injection) {
            intents.add(Intent.UNKNOWN);
        } else if (intents.isEmpty()) {
            if (entities.customer() != null || clarifications.stream().anyMatch(c -> c.entity().equals("customer"))) {
                intents.add(Intent.CUSTOMER_QUERY);
            } else if (entities.product() != null
                    || clarifications.stream().anyMatch(c -> c.entity().equals("product"))) {
                intents.add(Intent.PRODUCT_QUERY);
            } else if (entities.stage() != null) {
                intents.add(Intent.PIPELINE_QUERY);
            } else {
                intents.add(Intent.UNKNOWN);
            }
        }
        if (intents.size() > 1) {
            intents.remove(Intent.UNKNOWN);
        }
        return new RoutedQuery(question, intents, entities, clarifications, Method.RULES, null, followUp, injection);
    }

    private static void addOnce(List<Intent> intents, Intent i) {
        if (!intents.contains(i)) {
            intents.add(i);
        }
    }

    static String normalize(String q) {
        return q.toLowerCase(Locale.ROOT).replace('’', '\'').replace('“', '"').replace('”', '"')
                .replaceAll("\\s+", " ").strip();
    }

    static boolean isCreate(String clause) {
        String c = clause.strip();
        if (QUESTION_START.matcher(c).find() && !c.startsWith("can you") && !c.startsWith("could you")) {
            return false;
        }
        return CREATE.matcher(c).find() || CREATE_VERB_QTY.matcher(c).find() || NEW_ORDER.matcher(c).find();
    }

    /** The intents with the highest signal count in one clause (several on a tie), in a fixed precedence. */
    private static List<Intent> clauseIntents(String clause) {
        Map<Intent, Integer> scores = new EnumMap<>(Intent.class);
        for (Map.Entry<Intent, Pattern> e : SIGNALS.entrySet()) {
            Matcher m = e.getValue().matcher(clause);
            int n = 0;
            while (m.find()) {
                n++;
            }
            if (n > 0) {
                scores.put(e.getKey(), n);
            }
        }
        // specific phrases decide between overlapping vocabularies (several phrases: several intents, in order)
        java.util.TreeMap<Integer, Intent> forced = new java.util.TreeMap<>();
        force(forced, scores, clause, Intent.INSIGHT_REQUEST, "\\b(stalled|anomal\\w*|unusual|spikes?|outliers?|"
                + "executive summary|summari[sz]e|insights?|red flags?)\\b");
        force(forced, scores, clause, Intent.CUSTOMER_QUERY, "\\b(top|best|biggest|largest|most valuable|leading)"
                + "\\s+(\\d+\\s+)?(customers?|clients?|accounts?|buyers?)\\b|\\b(declin\\w*|dropp\\w*|churn\\w*|"
                + "account summary)\\b");
        force(forced, scores, clause, Intent.PRODUCT_QUERY, "\\b(best[- ]?sell\\w*|top[- ]sell\\w*|inventory|"
                + "in stock|units sold|average selling price|most sold|sold the most)\\b");
        if (!forced.isEmpty()) {
            return List.copyOf(new LinkedHashSet<>(forced.values()));
        }
        if (scores.containsKey(Intent.PIPELINE_QUERY) && scores.containsKey(Intent.ORDER_STATUS)
                && clause.matches(".*\\b(deals?|opportunit\\w*|pipeline|win rate|forecast)\\b.*")
                && !clause.matches(".*\\borders?\\b.*")) {
            scores.remove(Intent.ORDER_STATUS);
        }
        if (scores.containsKey(Intent.ORDER_STATUS) && scores.containsKey(Intent.CUSTOMER_QUERY)
                && clause.matches(".*\\borders?\\b.*") && !clause.matches(".*\\b(customers|clients|accounts)\\b.*")) {
            scores.remove(Intent.CUSTOMER_QUERY);
        }
        if (scores.containsKey(Intent.ORDER_STATUS) && scores.containsKey(Intent.PRODUCT_QUERY)
                && clause.matches(".*\\borders?\\b.*")
                && !clause.matches(".*\\b(products|items|categor\\w*|skus)\\b.*")) {
            scores.remove(Intent.PRODUCT_QUERY);
        }
        int max = scores.values().stream().mapToInt(Integer::intValue).max().orElse(0);
        List<Intent> out = new ArrayList<>();
        scores.forEach((k, v) -> {
            if (v == max) {
                out.add(k);
            }
        });
        return out;
    }

    private static void force(java.util.TreeMap<Integer, Intent> forced, Map<Intent, Integer> scores, String clause,
                              Intent intent, String regex) {
        if (!scores.containsKey(intent)) {
            return;
        }
        Matcher m = Pattern.compile(regex).matcher(clause);
        if (m.find()) {
            forced.putIfAbsent(m.start(), intent);
        }
    }

    private QueryEntities entities(String text, String cased, RoutingContext context, EntityCatalog catalog,
                                   boolean creates, boolean productAsked, List<Clarification> clarifications) {
        StringBuilder rest = new StringBuilder(text);
        Period period = null;
        Dates.Hit date = Dates.find(text, context.asOf());
        if (date != null) {
            period = date.period();
            blank(rest, date.start(), date.end());
        }
        BigDecimal min = null;
        BigDecimal max = null;
        BigDecimal unitPrice = null;
        String afterDates = rest.toString();
        List<Amounts.Money> money = Amounts.find(afterDates);
        Matcher between = Pattern.compile("between\\s*$").matcher("");
        for (int i = 0; i < money.size(); i++) {
            Amounts.Money a = money.get(i);
            String before = afterDates.substring(Math.max(0, a.start() - 30), a.start());
            String after = afterDates.substring(a.end());
            if (between.reset(before).find() && i + 1 < money.size()) {
                Amounts.Money b = money.get(i + 1);
                min = a.value().min(b.value());
                max = a.value().max(b.value());
                blank(rest, a.start(), b.end());
                i++;
                continue;
            }
            if (UNIT_PRICE_AFTER.matcher(after).find() || creates && UNIT_PRICE_BEFORE.matcher(before).find()
                    || creates && unitPrice == null && !AMOUNT_MIN.matcher(before).find()
                    && !AMOUNT_MAX.matcher(before).find()) {
                unitPrice = a.value();
            } else if (AMOUNT_MIN.matcher(before).find()) {
                min = a.value();
            } else if (AMOUNT_MAX.matcher(before).find()) {
                max = a.value();
            } else if (before.matches(".*\\b(worth|of|valued at|sized|size|around|about)\\s*$")) {
                min = a.value();
            }
            blank(rest, a.start(), a.end());
        }
        Integer limit = null;
        Matcher lm = LIMIT.matcher(rest);
        if (lm.find()) {
            String n = lm.group(1) != null ? lm.group(1) : lm.group(2);
            limit = NUMBER_WORDS.containsKey(n) ? NUMBER_WORDS.get(n) : Integer.valueOf(n);
            blank(rest, lm.start(), lm.end());
        }
        BigDecimal quantity = null;
        if (creates) {
            Matcher qm = QUANTITY.matcher(rest);
            while (qm.find()) {
                String n = qm.group(1) != null ? qm.group(1) : qm.group(2) != null ? qm.group(2)
                        : qm.group(3) != null ? qm.group(3) : qm.group(4);
                BigDecimal q = NUMBER_WORDS.containsKey(n) ? BigDecimal.valueOf(NUMBER_WORDS.get(n))
                        : new BigDecimal(n.replace(",", ""));
                if (q.signum() > 0) {
                    quantity = q;
                    blank(rest, qm.start(), qm.group(4) != null ? qm.start() + n.length() : qm.end());
                    break;
                }
            }
        }
        String status = status(rest.toString());
        String region = null;
        for (String r : catalog.regions()) {
            Matcher rm = Pattern.compile("\\b" + Pattern.quote(r.toLowerCase(Locale.ROOT)) + "\\b").matcher(rest);
            if (rm.find()) {
                region = r;
                blank(rest, rm.start(), rm.end());
                break;
            }
        }
        String metric = metric(text);
        Matchers mm = matchers(catalog);
        String[] words = NameMatcher.words(rest.toString());
        boolean[] used = new boolean[words.length];
        String stage = stage(words, used, mm.stages(), catalog);
        String customer = null;
        String product = null;
        List<NameMatcher.Match> exactCustomers = mm.customers().exact(words, used);
        List<NameMatcher.Match> exactProducts = mm.products().exact(words, used);
        List<NameMatcher.Match> categories = mm.categories().exact(words, used);
        customer = pickOne("customer", exactCustomers, clarifications);
        product = pickOne("product", exactProducts, clarifications);
        if (product == null && !categories.isEmpty()) {
            product = categories.get(0).names().get(0);
        }
        // partial names: a capitalized word, or one after "for/from/by/to/customer...", so that everyday words that
        // happen to be part of a name ("long", "hunter", "price") are not read as one
        boolean[] caps = capitalized(rest, cased, words.length);
        java.util.function.IntPredicate named = i -> caps[i] || i > 0 && NAME_CUES.contains(words[i - 1]);
        if (customer == null && clarifications.stream().noneMatch(c -> c.entity().equals("customer"))) {
            customer = pickOne("customer", mm.customers().partial(words, used, STOP, 50, named), clarifications);
        }
        if (product == null && clarifications.stream().noneMatch(c -> c.entity().equals("product"))) {
            product = pickOne("product", mm.products().partial(words, used, STOP, creates ? 50 : 20,
                    productAsked ? i -> true : named), clarifications);
        }
        return new QueryEntities(customer, product, quantity, unitPrice, status, stage, region, period, min, max,
                limit, metric);
    }

    private static final Set<String> NAME_CUES = Set.of("for", "from", "by", "to", "customer", "client", "account",
            "with", "about", "of", "buyer");

    /** Per word of {@code rest}: did it start with a capital letter in the question as typed. */
    static boolean[] capitalized(CharSequence rest, String cased, int count) {
        StringBuilder sb = new StringBuilder(cased);
        for (int i = 0; i < Math.min(rest.length(), sb.length()); i++) {
            if (rest.charAt(i) == ' ') {
                sb.setCharAt(i, ' ');
            }
        }
        String[] raw = sb.toString().replace("'s ", " ").replace("'S ", " ").replaceAll("'[sS]$", "")
                .split("[^\\p{L}\\p{N}]+");
        boolean[] out = new boolean[count];
        int k = 0;
        for (String w : raw) {
            if (!w.isEmpty() && k < count) {
                out[k++] = Character.isUpperCase(w.charAt(0));
            }
        }
        if (k != count) {
            java.util.Arrays.fill(out, true); // could not align: do not filter
        }
        return out;
    }

    /** The single name of the first match; a first match with several names becomes a clarification. */
    private static String pickOne(String entity, List<NameMatcher.Match> matches, List<Clarification> out) {
        if (matches.isEmpty()) {
            return null;
        }
        NameMatcher.Match m = matches.get(0);
        if (m.names().size() == 1) {
            return m.names().get(0);
        }
        List<String> options = m.names().stream().sorted().limit(MAX_OPTIONS).toList();
        out.add(new Clarification(entity, m.mention(), options));
        return null;
    }

    private static String stage(String[] words, boolean[] used, NameMatcher stages, EntityCatalog catalog) {
        List<NameMatcher.Match> exact = stages.exact(words, used);
        if (!exact.isEmpty()) {
            return exact.get(0).names().get(0);
        }
        String joined = String.join(" ", words);
        String[][] synonyms = {{"closed won", "won"}, {"closed lost", "lost"}, {"negotiat", "negotiation"},
                {"won", "won"}, {"lost", "lost"}, {"prospect", "prospecting"}, {"qualif", "qualification"},
                {"proposal", "proposal"}, {"quote", "quote"}, {"decision maker", "decision"},
                {"needs analysis", "needs analysis"}, {"value proposition", "value proposition"},
                {"perception", "perception"}};
        for (String[] s : synonyms) {
            if (joined.matches(".*\\b" + s[0] + ".*")) {
                List<String> hits = catalog.stages().stream()
                        .filter(st -> st.toLowerCase(Locale.ROOT).contains(s[1])).toList();
                if (hits.size() == 1) {
                    return hits.get(0);
                }
            }
        }
        return null;
    }

    static String status(String text) {
        Matcher m = STATUS.matcher(text);
        while (m.find()) {
            String s = m.group(1);
            if (s.startsWith("partial")) {
                return "partially_fulfilled";
            }
            if (s.startsWith("cancel")) {
                return "cancelled";
            }
            if (s.equals("open") && !text.matches(".*\\bopen\\s+(sales\\s+)?orders?\\b.*")) {
                continue;
            }
            if (s.matches("pending|unfulfilled|not .*|unshipped|outstanding|open|awaiting|backordered")) {
                return "pending";
            }
            if (s.matches("completed?") && !text.matches(".*\\bcompleted?\\s+(sales\\s+)?orders?\\b.*|.*orders?\\s+"
                    + "(that are |which are )?completed?\\b.*")) {
                continue;
            }
            return "fulfilled";
        }
        return null;
    }

    static String metric(String t) {
        String[][] table = {
                {"\\b(anomal\\w*|unusual|spikes?|dips?|outliers?|irregular)\\b", "anomalies"},
                {"\\b(executive summary|summary|summari[sz]e|overview|highlights?|how are we doing|how did we do)\\b",
                        "summary"},
                {"\\b(stalled|stuck)\\b", "stuck"},
                {"\\b(win rate|close rate|conversion rate|win ratio)\\b", "win_rate"},
                {"\\b(weighted forecast|forecast|weighted pipeline|expected revenue)\\b", "weighted_forecast"},
                {"\\b(average order value|aov|average order size|avg order value|average order)\\b",
                        "average_order_value"},
                {"\\b(average selling price|asp|avg selling price|average price)\\b", "average_selling_price"},
                {"\\b(declin\\w*|dropp\\w*|churn\\w*|decreas\\w*|fell|falling)\\b", "decline"},
                {"\\b(aging|ageing|how old|oldest|days open|overdue|late)\\b", "aging"},
                {"\\b(inventory|in stock|stock levels?|stock|on hand)\\b", "inventory"},
                {"\\b(units sold|units|quantity sold|volume|how many .*sold)\\b", "units"},
                {"\\b(profit|margin)\\b", "profit"},
                {"\\bby (product )?(categor(y|ies)|sub-?categor(y|ies))\\b", "category"},
                {"\\b(how many|number of|count)\\b", "count"},
                {"\\b(revenue|sales|total|turnover|spend|spent|worth|value|amount|income|earn\\w*|best[- ]?sell\\w*|"
                        + "top)\\b", "revenue"}};
        for (String[] row : table) {
            if (Pattern.compile(row[0]).matcher(t).find()) {
                return row[1];
            }
        }
        return null;
    }

    private static void blank(StringBuilder sb, int from, int to) {
        for (int i = Math.max(0, from); i < Math.min(to, sb.length()); i++) {
            sb.setCharAt(i, ' ');
        }
    }

    /** Only for diagnostics. */
    @Override
    public String toString() {
        return "RulesQueryRouter";
    }

    static Set<String> stopWords() {
        return new LinkedHashSet<>(STOP);
    }
}
