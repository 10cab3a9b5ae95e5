package dev.salesagent.quickstart;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.salesagent.agents.sales.scoring.IdealCustomerProfile;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The ideal customer profile as a file ({@code --icp}): JSON, or YAML when the name ends in {@code .yml} or
 * {@code .yaml}. Every key is optional; a missing key keeps the default. Shape (the output of {@code --print-icp}):
 * <pre>
 * {"industries": ["software", ...], "employees": {"min": 50, "max": null}, "countries": ["US", "Germany"],
 *  "functions": ["sales", ...], "painKeywords": ["spreadsheet", ...],
 *  "weights": {"budget": 0.25, "authority": 0.25, "need": 0.30, "timeline": 0.20},
 *  "gradeCutoffs": {"A": 75, "B": 55, "C": 35}}
 * </pre>
 * {@code "max": null} (the default) means no upper bound. Unknown keys are refused (a misspelt key must not silently
 * keep a default).
 */
final class IcpFile {

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build();
    private static final ObjectMapper YAML = new YAMLMapper();
    private static final Set<String> KEYS = Set.of("industries", "employees", "countries", "functions",
            "painKeywords", "weights", "gradeCutoffs");

    /** The file is missing, unreadable or invalid; the message names the key and the bad value. */
    static final class IcpException extends RuntimeException {
        IcpException(String message) {
            super(message);
        }
    }

    private IcpFile() {
    }

    /** @throws IcpException if the file cannot be read or a key or value is invalid */
    static IdealCustomerProfile read(Path file) {
        JsonNode root;
        try {
            String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
            ObjectMapper mapper = name.endsWith(".yml") || name.endsWith(".yaml") ? YAML : JSON;
            root = mapper.readTree(Files.newBufferedReader(file));
        } catch (NoSuchFileException e) {
            throw new IcpException("profile file not found: " + file);
        } catch (IOException e) {
            throw new IcpException("cannot read profile " + file + ": " + e.getMessage());
        }
        if (root == null || !root.isObject()) {
            throw new IcpException("profile " + file + " must be an object with keys " + KEYS);
        }
        try {
            return parse(root);
        } catch (IllegalArgumentException e) {
            throw new IcpException("profile " + file + ": " + e.getMessage());
        }
    }

    private static IdealCustomerProfile parse(JsonNode root) {
        IdealCustomerProfile d = IdealCustomerProfile.defaults();
        IdealCustomerProfile.Builder b = d.toBuilder();
        for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!KEYS.contains(k)) {
                throw new IllegalArgumentException("unknown key '" + k + "'; keys: " + String.join(", ",
                        List.of("industries", "employees", "countries", "functions", "painKeywords", "weights",
                                "gradeCutoffs")));
            }
        }
        if (root.has("industries")) {
            b.industries(strings(root, "industries"));
        }
        if (root.has("countries")) {
            b.countries(strings(root, "countries"));
        }
        if (root.has("functions")) {
            b.functions(strings(root, "functions"));
        }
        if (root.has("painKeywords")) {
            b.painKeywords(strings(root, "painKeywords"));
        }
        if (root.has("employees")) {
            JsonNode e = root.get("employees");
            long max = e.isObject() && e.has("max") && e.get("max").isNull() ? Long.MAX_VALUE
                    : number(e, "employees", "max", d.maxEmployees());
            b.employees(number(e, "employees", "min", d.minEmployees()), max);
        }
        if (root.has("weights")) {
            JsonNode w = root.get("weights");
            b.weights(decimal(w, "budget", d.budgetWeight()), decimal(w, "authority", d.authorityWeight()),
                    decimal(w, "need", d.needWeight()), decimal(w, "timeline", d.timelineWeight()));
        }
        if (root.has("gradeCutoffs")) {
            JsonNode g = root.get("gradeCutoffs");
            b.gradeCutoffs((int) number(g, "gradeCutoffs", "A", d.gradeCutoff(dev.salesagent.agents.sales.scoring.Grade.A)),
                    (int) number(g, "gradeCutoffs", "B", d.gradeCutoff(dev.salesagent.agents.sales.scoring.Grade.B)),
                    (int) number(g, "gradeCutoffs", "C", d.gradeCutoff(dev.salesagent.agents.sales.scoring.Grade.C)));
        }
        return b.build();
    }

    /** The profile as pretty JSON in the file shape (stable key and list order). */
    static String toJson(IdealCustomerProfile p) {
        ObjectNode n = JSON.createObjectNode();
        p.industries().forEach(n.putArray("industries")::add);
        ObjectNode e = n.putObject("employees");
        e.put("min", p.minEmployees());
        if (p.maxEmployees() == Long.MAX_VALUE) {
            e.putNull("max");
        } else {
            e.put("max", p.maxEmployees());
        }
        p.countries().forEach(n.putArray("countries")::add);
        p.functions().forEach(n.putArray("functions")::add);
        p.painKeywords().forEach(n.putArray("painKeywords")::add);
        ObjectNode w = n.putObject("weights");
        w.put("budget", round(p.budgetWeight()));
        w.put("authority", round(p.authorityWeight()));
        w.put("need", round(p.needWeight()));
        w.put("timeline", round(p.timelineWeight()));
        ObjectNode g = n.putObject("gradeCutoffs");
        g.put("A", p.gradeCutoff(dev.salesagent.agents.sales.scoring.Grade.A));
        g.put("B", p.gradeCutoff(dev.salesagent.agents.sales.scoring.Grade.B));
        g.put("C", p.gradeCutoff(dev.salesagent.agents.sales.scoring.Grade.C));
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(n);
        } catch (IOException ex) {
            throw new IllegalStateException(ex);
        }
    }

    private static double round(double v) {
        return Math.round(v * 10_000) / 10_000.0;
    }

    private static List<String> strings(JsonNode root, String key) {
        JsonNode a = root.get(key);
        if (!a.isArray()) {
            throw new IllegalArgumentException("'" + key + "' must be a list of strings but was " + a);
        }
        List<String> out = new ArrayList<>();
        for (JsonNode s : a) {
            if (!s.isTextual() || s.asText().isBlank()) {
                throw new IllegalArgumentException("'" + key + "' must hold non-empty strings but has " + s);
            }
            out.add(s.asText());
        }
        return out;
    }

    private static long number(JsonNode obj, String parent, String key, long dflt) {
        if (!obj.isObject()) {
            throw new IllegalArgumentException("'" + parent + "' must be an object but was " + obj);
        }
        JsonNode v = obj.get(key);
        if (v == null) {
            return dflt;
        }
        if (!v.canConvertToLong() || !v.isIntegralNumber()) {
            throw new IllegalArgumentException("'" + parent + "." + key + "' must be a whole number but was " + v);
        }
        return v.asLong();
    }

    private static double decimal(JsonNode obj, String key, double dflt) {
        if (!obj.isObject()) {
            throw new IllegalArgumentException("'weights' must be an object but was " + obj);
        }
        JsonNode v = obj.get(key);
        if (v == null) {
            return dflt;
        }
        if (!v.isNumber()) {
            throw new IllegalArgumentException("'weights." + key + "' must be a number but was " + v);
        }
        return v.asDouble();
    }
}
