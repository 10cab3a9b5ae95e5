package dev.salesagent.agents.sales.internal;

import dev.langchain4j.model.chat.request.json.JsonArraySchema;
import dev.langchain4j.model.chat.request.json.JsonEnumSchema;
import dev.langchain4j.model.chat.request.json.JsonIntegerSchema;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.request.json.JsonSchemaElement;
import dev.langchain4j.model.chat.request.json.JsonStringSchema;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Terse builders for the answer schemas. Every object lists all its properties as required and forbids
 * additional properties, as OpenAI's strict structured outputs require.
 */
public final class Schemas {

    private Schemas() {
    }

    /** An object schema from alternating name, element pairs. */
    public static JsonObjectSchema object(Object... nameThenElement) {
        Map<String, JsonSchemaElement> props = new LinkedHashMap<>();
        for (int i = 0; i < nameThenElement.length; i += 2) {
            props.put((String) nameThenElement[i], (JsonSchemaElement) nameThenElement[i + 1]);
        }
        return JsonObjectSchema.builder().addProperties(props).required(new ArrayList<>(props.keySet()))
                .additionalProperties(false).build();
    }

    public static JsonStringSchema string(String description) {
        return JsonStringSchema.builder().description(description).build();
    }

    public static JsonIntegerSchema integer(String description) {
        return JsonIntegerSchema.builder().description(description).build();
    }

    public static JsonArraySchema array(JsonSchemaElement items, String description) {
        return JsonArraySchema.builder().items(items).description(description).build();
    }

    public static JsonArraySchema strings(String description) {
        return array(string(null), description);
    }

    public static JsonEnumSchema enumOf(List<String> values, String description) {
        return JsonEnumSchema.builder().enumValues(values).description(description).build();
    }

    /** The schema as a JSON Schema document (for models without native structured output, given in the prompt). */
    public static Map<String, Object> toJsonSchema(JsonSchemaElement e) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (e instanceof JsonObjectSchema o) {
            m.put("type", "object");
            Map<String, Object> props = new LinkedHashMap<>();
            o.properties().forEach((k, v) -> props.put(k, toJsonSchema(v)));
            m.put("properties", props);
            m.put("required", o.required());
            m.put("additionalProperties", false);
        } else if (e instanceof JsonArraySchema a) {
            m.put("type", "array");
            m.put("items", toJsonSchema(a.items()));
        } else if (e instanceof JsonEnumSchema en) {
            m.put("type", "string");
            m.put("enum", en.enumValues());
        } else if (e instanceof JsonIntegerSchema) {
            m.put("type", "integer");
        } else {
            m.put("type", "string");
        }
        if (e.description() != null) {
            m.put("description", e.description());
        }
        return m;
    }

    /** Adds a problem when {@code value} is null or outside 0-100. */
    public static void percent(List<String> problems, String where, Integer value) {
        if (value == null) {
            problems.add(where + " is missing");
        } else if (value < 0 || value > 100) {
            problems.add(where + " must be 0-100 but was " + value);
        }
    }

    /** Adds a problem when {@code value} is null or blank. */
    public static void text(List<String> problems, String where, String value) {
        if (value == null || value.isBlank()) {
            problems.add(where + " is missing or empty");
        }
    }

    /** Adds a problem when the list is null or empty. */
    public static void nonEmpty(List<String> problems, String where, List<?> value) {
        if (value == null || value.isEmpty()) {
            problems.add(where + " must not be empty");
        }
    }
}
