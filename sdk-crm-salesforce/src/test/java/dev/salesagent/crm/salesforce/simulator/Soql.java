package dev.salesagent.crm.salesforce.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.BiFunction;
import java.util.regex.Pattern;

/**
 * A small SOQL engine: {@code SELECT f1, Rel.f2 FROM Obj [WHERE ...] [ORDER BY f [ASC|DESC] [NULLS FIRST|LAST], ...]
 * [LIMIT n] [OFFSET n]} with AND/OR/NOT, parentheses, {@code = != <> < <= > >= LIKE IN NOT IN}, quoted strings with
 * backslash escapes, unquoted date and dateTime literals, numbers, true/false/null. Typed like Salesforce: a date
 * literal only matches a date field, a dateTime literal only a dateTime field, strings must be quoted, and string
 * comparisons are case-insensitive. Errors use Salesforce's codes ({@code MALFORMED_QUERY}, {@code INVALID_FIELD}).
 */
final class Soql {

    record OrderBy(String path, boolean descending, boolean nullsLast) { }

    record Query(List<String> fields, String from, Expr where, List<OrderBy> orderBy, Integer limit, Integer offset) { }

    sealed interface Expr permits And, Or, Not, Cmp { }
    record And(Expr left, Expr right) implements Expr { }
    record Or(Expr left, Expr right) implements Expr { }
    record Not(Expr inner) implements Expr { }
    record Cmp(String path, String op, List<Literal> values) implements Expr { }

    enum Kind { STRING, NUMBER, DATE, DATETIME, BOOLEAN, NULL }
    record Literal(Kind kind, String text) { }

    private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    private static final Pattern DATETIME =
            Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,9})?(Z|[+-]\\d{2}:\\d{2})");
    private static final Pattern NUMBER = Pattern.compile("-?\\d+(\\.\\d+)?");
    static final DateTimeFormatter SF_DATETIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ");

    // ---------------------------------------------------------------- parsing

    private final List<String> tokens;
    private int pos;

    private Soql(List<String> tokens) {
        this.tokens = tokens;
    }

    static Query parse(String soql) {
        Soql p = new Soql(tokenize(soql));
        return p.query();
    }

    private static SfError malformed(String message) {
        return SfError.badRequest("MALFORMED_QUERY", message);
    }

    static List<String> tokenize(String s) {
        List<String> out = new ArrayList<>();
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '\'') {
                StringBuilder sb = new StringBuilder("'");
                i++;
                boolean closed = false;
                while (i < s.length()) {
                    char d = s.charAt(i);
                    if (d == '\\' && i + 1 < s.length()) {
                        sb.append(d).append(s.charAt(i + 1));
                        i += 2;
                    } else if (d == '\'') {
                        i++;
                        closed = true;
                        break;
                    } else {
                        sb.append(d);
                        i++;
                    }
                }
                if (!closed) {
                    throw malformed("unexpected token: unterminated string literal");
                }
                out.add(sb.toString());
            } else if (c == '(' || c == ')' || c == ',') {
                out.add(String.valueOf(c));
                i++;
            } else if (c == '<' || c == '>' || c == '=' || c == '!') {
                int j = i + 1;
                if (j < s.length() && (s.charAt(j) == '=' || (c == '<' && s.charAt(j) == '>'))) {
                    j++;
                }
                out.add(s.substring(i, j));
                i = j;
            } else {
                int j = i;
                while (j < s.length() && !Character.isWhitespace(s.charAt(j)) && "(),'<>=!".indexOf(s.charAt(j)) < 0) {
                    j++;
                }
                // dateTime literals contain +hh:mm / -hh:mm; keep them whole
                out.add(s.substring(i, j));
                i = j;
            }
        }
        return out;
    }

    private String peek() {
        return pos < tokens.size() ? tokens.get(pos) : null;
    }

    private boolean peekIs(String keyword) {
        String t = peek();
        return t != null && t.equalsIgnoreCase(keyword);
    }

    private String next() {
        if (pos >= tokens.size()) {
            throw malformed("unexpected end of query");
        }
        return tokens.get(pos++);
    }

    private void expect(String keyword) {
        String t = next();
        if (!t.equalsIgnoreCase(keyword)) {
            throw malformed("unexpected token: '" + t + "', expecting " + keyword);
        }
    }

    private Query query() {
        expect("SELECT");
        List<String> fields = new ArrayList<>();
        do {
            String f = next();
            if (f.equals("(")) {
                throw malformed("relationship subqueries are not supported by this simulator");
            }
            fields.add(f);
        } while (consume(","));
        expect("FROM");
        String from = next();
        Expr where = null;
        if (consumeKeyword("WHERE")) {
            where = orExpr();
        }
        List<OrderBy> orderBy = new ArrayList<>();
        if (consumeKeyword("ORDER")) {
            expect("BY");
            do {
                String path = next();
                boolean desc = false;
                if (consumeKeyword("DESC")) {
                    desc = true;
                } else {
                    consumeKeyword("ASC");
                }
                boolean nullsLast = desc; // Salesforce default: NULLS FIRST for ASC
                if (consumeKeyword("NULLS")) {
                    nullsLast = next().equalsIgnoreCase("LAST");
                }
                orderBy.add(new OrderBy(path, desc, nullsLast));
            } while (consume(","));
        }
        Integer limit = null;
        Integer offset = null;
        if (consumeKeyword("LIMIT")) {
            limit = integer(next());
        }
        if (consumeKeyword("OFFSET")) {
            offset = integer(next());
            if (offset > 2000) {
                throw SfError.badRequest("NUMBER_OUTSIDE_VALID_RANGE", "Maximum SOQL offset allowed is 2000");
            }
        }
        if (peek() != null) {
            throw malformed("unexpected token: '" + peek() + "'");
        }
        return new Query(fields, from, where, orderBy, limit, offset);
    }

    private static int integer(String t) {
        try {
            return Integer.parseInt(t);
        } catch (NumberFormatException e) {
            throw malformed("unexpected token: '" + t + "', expecting an integer");
        }
    }

    private boolean consume(String token) {
        if (token.equals(peek())) {
            pos++;
            return true;
        }
        return false;
    }

    private boolean consumeKeyword(String keyword) {
        if (peekIs(keyword)) {
            pos++;
            return true;
        }
        return false;
    }

    private Expr orExpr() {
        Expr left = andExpr();
        while (consumeKeyword("OR")) {
            left = new Or(left, andExpr());
        }
        return left;
    }

    private Expr andExpr() {
        Expr left = unary();
        while (consumeKeyword("AND")) {
            left = new And(left, unary());
        }
        return left;
    }

    private Expr unary() {
        if (consumeKeyword("NOT")) {
            return new Not(unary());
        }
        if (consume("(")) {
            Expr inner = orExpr();
            if (!consume(")")) {
                throw malformed("unexpected token: '" + peek() + "', expecting ')'");
            }
            return inner;
        }
        String path = next();
        String op = next().toUpperCase(Locale.ROOT);
        if (op.equals("NOT")) {
            expect("IN");
            op = "NOT IN";
        }
        List<Literal> values = new ArrayList<>();
        switch (op) {
            case "=", "!=", "<>", "<", "<=", ">", ">=", "LIKE" -> values.add(literal(next()));
            case "IN", "NOT IN" -> {
                expect("(");
                do {
                    values.add(literal(next()));
                } while (consume(","));
                expect(")");
            }
            default -> throw malformed("unexpected token: '" + op + "'");
        }
        return new Cmp(path, op.equals("<>") ? "!=" : op, values);
    }

    private static Literal literal(String t) {
        if (t.startsWith("'")) {
            return new Literal(Kind.STRING, unescape(t.substring(1)));
        }
        if (t.equalsIgnoreCase("null")) {
            return new Literal(Kind.NULL, null);
        }
        if (t.equalsIgnoreCase("true") || t.equalsIgnoreCase("false")) {
            return new Literal(Kind.BOOLEAN, t.toLowerCase(Locale.ROOT));
        }
        if (DATETIME.matcher(t).matches()) {
            return new Literal(Kind.DATETIME, t);
        }
        if (DATE.matcher(t).matches()) {
            return new Literal(Kind.DATE, t);
        }
        if (NUMBER.matcher(t).matches()) {
            return new Literal(Kind.NUMBER, t);
        }
        throw malformed("unexpected token: '" + t + "'");
    }

    private static String unescape(String s) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length()) {
                char n = s.charAt(++i);
                switch (n) {
                    case 'n' -> sb.append('\n');
                    case 't' -> sb.append('\t');
                    case '%', '_' -> sb.append('\\').append(n); // kept escaped for LIKE
                    default -> sb.append(n);
                }
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    // ---------------------------------------------------------------- evaluation

    /** Resolves a field path on a record to its type and JSON value (null node for null). */
    interface Resolver extends BiFunction<JsonNode, String, Typed> { }

    record Typed(SimSchema.Type type, JsonNode value) { }

    static boolean matches(Expr expr, JsonNode record, Resolver resolver) {
        if (expr == null) {
            return true;
        }
        if (expr instanceof And and) {
            return matches(and.left(), record, resolver) && matches(and.right(), record, resolver);
        }
        if (expr instanceof Or or) {
            return matches(or.left(), record, resolver) || matches(or.right(), record, resolver);
        }
        if (expr instanceof Not not) {
            return !matches(not.inner(), record, resolver);
        }
        Cmp cmp = (Cmp) expr;
        Typed field = resolver.apply(record, cmp.path());
        for (Literal literal : cmp.values()) {
            checkType(cmp.path(), field.type(), literal);
        }
        JsonNode v = field.value();
        boolean isNull = v == null || v.isNull();
        return switch (cmp.op()) {
            case "=" -> cmp.values().get(0).kind() == Kind.NULL ? isNull
                    : !isNull && compare(field.type(), v, cmp.values().get(0)) == 0;
            case "!=" -> cmp.values().get(0).kind() == Kind.NULL ? !isNull
                    : isNull || compare(field.type(), v, cmp.values().get(0)) != 0;
            case "<" -> !isNull && compare(field.type(), v, cmp.values().get(0)) < 0;
            case "<=" -> !isNull && compare(field.type(), v, cmp.values().get(0)) <= 0;
            case ">" -> !isNull && compare(field.type(), v, cmp.values().get(0)) > 0;
            case ">=" -> !isNull && compare(field.type(), v, cmp.values().get(0)) >= 0;
            case "LIKE" -> !isNull && like(v.asText(), cmp.values().get(0).text());
            case "IN" -> !isNull && cmp.values().stream().anyMatch(l -> compare(field.type(), v, l) == 0);
            case "NOT IN" -> isNull || cmp.values().stream().noneMatch(l -> compare(field.type(), v, l) == 0);
            default -> throw malformed("unsupported operator " + cmp.op());
        };
    }

    private static void checkType(String path, SimSchema.Type type, Literal literal) {
        if (literal.kind() == Kind.NULL) {
            return;
        }
        Kind expected = switch (type) {
            case DATE -> Kind.DATE;
            case DATETIME -> Kind.DATETIME;
            case INT, DOUBLE, CURRENCY -> Kind.NUMBER;
            case BOOLEAN -> Kind.BOOLEAN;
            default -> Kind.STRING;
        };
        if (literal.kind() != expected) {
            String typeName = switch (expected) {
                case DATE -> "date and should not be enclosed in quotes";
                case DATETIME -> "dateTime and should not be enclosed in quotes";
                case NUMBER -> "double and should not be enclosed in quotes";
                case BOOLEAN -> "boolean and should not be enclosed in quotes";
                default -> "string and should be enclosed in quotes";
            };
            throw SfError.badRequest("INVALID_QUERY_FILTER_OPERATOR",
                    "value of filter criterion for field '" + path + "' must be of type " + typeName);
        }
    }

    static int compare(SimSchema.Type type, JsonNode v, Literal literal) {
        return switch (literal.kind()) {
            case NUMBER -> new BigDecimal(v.asText()).compareTo(new BigDecimal(literal.text()));
            case DATE -> LocalDate.parse(v.asText().substring(0, 10)).compareTo(LocalDate.parse(literal.text()));
            case DATETIME -> parseDateTime(v.asText()).compareTo(OffsetDateTime.parse(literal.text()).toInstant());
            case BOOLEAN -> Boolean.compare(v.asBoolean(), Boolean.parseBoolean(literal.text()));
            case STRING -> v.asText().compareToIgnoreCase(literal.text().replace("\\%", "%").replace("\\_", "_"));
            case NULL -> 0;
        };
    }

    static Instant parseDateTime(String text) {
        return OffsetDateTime.parse(text, SF_DATETIME).toInstant();
    }

    static boolean like(String value, String pattern) {
        StringBuilder regex = new StringBuilder();
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '\\' && i + 1 < pattern.length()) {
                regex.append(Pattern.quote(String.valueOf(pattern.charAt(++i))));
            } else if (c == '%') {
                regex.append(".*");
            } else if (c == '_') {
                regex.append('.');
            } else {
                regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(regex.toString(), Pattern.CASE_INSENSITIVE | Pattern.DOTALL).matcher(value).matches();
    }

    static Comparator<JsonNode> comparator(List<OrderBy> orderBy, Resolver resolver) {
        Comparator<JsonNode> result = (a, b) -> 0;
        for (OrderBy o : orderBy) {
            Comparator<JsonNode> c = (a, b) -> {
                Typed ta = resolver.apply(a, o.path());
                Typed tb = resolver.apply(b, o.path());
                boolean an = ta.value() == null || ta.value().isNull();
                boolean bn = tb.value() == null || tb.value().isNull();
                if (an || bn) {
                    if (an && bn) {
                        return 0;
                    }
                    int nullCmp = an ? -1 : 1;
                    return o.nullsLast() ? -nullCmp : nullCmp;
                }
                int cmp = compareValues(ta.type(), ta.value(), tb.value());
                return o.descending() ? -cmp : cmp;
            };
            result = result.thenComparing(c);
        }
        return result;
    }

    private static int compareValues(SimSchema.Type type, JsonNode a, JsonNode b) {
        return switch (type) {
            case INT, DOUBLE, CURRENCY -> a.decimalValue().compareTo(b.decimalValue());
            case DATETIME -> parseDateTime(a.asText()).compareTo(parseDateTime(b.asText()));
            case BOOLEAN -> Boolean.compare(a.asBoolean(), b.asBoolean());
            case ID, REFERENCE -> a.asText().compareTo(b.asText());
            default -> a.asText().compareToIgnoreCase(b.asText());
        };
    }
}
