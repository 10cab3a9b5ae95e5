package dev.salesagent.crm.zoho.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Validates what crosses the simulated Zoho API against our schemas of Zoho's documented shapes
 * ({@code src/test/resources/contract}, sources in its README): every write body and each record in it, every
 * response body. Violations are collected; tests assert there are none.
 */
public final class ZohoContract {

    private static final String BASE = "https://salesagent.dev/contract/zoho/";
    static final Set<String> MODULES = Set.of("Contacts", "Accounts", "Deals", "Products", "Notes", "Sales_Orders");

    private final JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012,
            b -> b.schemaMappers(m -> m.mapPrefix(BASE, "classpath:contract/")));
    private final Map<String, JsonSchema> schemas = new ConcurrentHashMap<>();

    JsonSchema schema(String name) {
        return schemas.computeIfAbsent(name, n -> factory.getSchema(URI.create(BASE + n + ".json")));
    }

    /** Problems of a write request body for {@code module}. */
    List<String> writeRequest(String where, String module, JsonNode body) {
        List<String> out = new ArrayList<>(check("write-request", where, body));
        if (out.isEmpty() && MODULES.contains(module)) {
            int i = 0;
            for (JsonNode rec : body.path("data")) {
                out.addAll(check("record-" + module, where + " data[" + i++ + "]", rec));
            }
        }
        return out;
    }

    /** Problems of a response body ({@code schema} = action-response, records-response, error-response, token-response). */
    List<String> response(String schemaName, String where, JsonNode body) {
        return check(schemaName, where, body);
    }

    private List<String> check(String schemaName, String where, JsonNode node) {
        List<String> out = new ArrayList<>();
        for (ValidationMessage m : schema(schemaName).validate(node, ctx -> ctx.getExecutionConfig()
                .setFormatAssertionsEnabled(true))) {
            out.add(where + " breaks " + schemaName + ".json: " + m.getMessage());
        }
        return out;
    }
}
