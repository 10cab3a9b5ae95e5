package dev.salesagent.agents.graph;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.ChatMessageDeserializer;
import dev.langchain4j.data.message.ChatMessageSerializer;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a graph's states, updates, tasks and pending writes into Jackson trees and back, using the
 * graph's {@link Key}s to know each value's type. LangChain4j {@link ChatMessage}s go through
 * LangChain4j's {@code ChatMessageSerializer}/{@code ChatMessageDeserializer}; everything else
 * through a Jackson {@link ObjectMapper} with Java time support and exact {@code BigDecimal}s (scale kept). Handed to {@link Checkpointer}s by
 * the runtime; thread-safe.
 *
 * <p>Decoding raises {@link CheckpointException} for a key the graph does not declare or JSON that
 * does not fit the key's type.
 */
public final class StateCodec {

    private static final JsonNodeFactory F = JsonNodeFactory.withExactBigDecimals(true);

    private final Map<String, Key<?>> keys;
    private final ObjectMapper mapper;

    /**
     * {@return a codec for the given keys with a default mapper}
     *
     * @param keys the graph's keys; values of other names cannot be decoded
     */
    public static StateCodec of(Collection<? extends Key<?>> keys) {
        ObjectMapper mapper = new ObjectMapper().registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .enable(com.fasterxml.jackson.databind.DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
        mapper.setNodeFactory(F); // keep BigDecimal scale (money) exactly
        return new StateCodec(keys, mapper);
    }

    StateCodec(Collection<? extends Key<?>> keys, ObjectMapper mapper) {
        Map<String, Key<?>> m = new LinkedHashMap<>();
        keys.forEach(k -> m.put(k.name(), k));
        this.keys = Map.copyOf(m);
        this.mapper = mapper;
    }

    /** {@return the mapper used for plain values (and for the stores' own JSON)} */
    public ObjectMapper mapper() {
        return mapper;
    }

    /** {@return every key of the graph by name} */
    public Map<String, Key<?>> keys() {
        return keys;
    }

    /**
     * {@code {"key": value, ...}} for every set key.
     *
     * @param state the state to encode
     * @return a JSON object with one field per set key
     */
    public ObjectNode encodeState(AgentState state) {
        ObjectNode node = F.objectNode();
        for (String name : state.keyNames()) {
            node.set(name, encodeValue(key(name), state.raw(name), false));
        }
        return node;
    }

    /**
     * Decodes what {@link #encodeState} wrote.
     *
     * @param node a JSON object with one field per set key
     * @return the state, with typed values
     * @throws CheckpointException if a key is not declared or a value cannot be decoded as its key's type
     */
    public AgentState decodeState(JsonNode node) {
        Map<String, Object> raw = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> it = node.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            Key<?> key = key(e.getKey());
            Object v = decodeValue(key, e.getValue(), false);
            raw.put(key.name(), key.kind() == Key.Kind.APPENDING ? PersistentList.from((List<?>) v) : v);
        }
        return AgentState.ofRaw(raw);
    }

    /**
     * {@code [{"k": key, "v": value}, ...]} in write order; an {@link Update#overwrite overwrite} adds {@code "o": true}.
     *
     * @param update the update (or {@link Command}) to encode
     * @return a JSON array of writes; a command's goto and graph are kept
     */
    public ArrayNode encodeUpdate(Update update) {
        ArrayNode arr = F.arrayNode();
        for (Update.Entry e : update.entries()) {
            ObjectNode w = arr.addObject();
            w.put("k", e.key().name());
            if (e.value() instanceof Update.Overwrite o) { // LangGraph's {"__overwrite__": value}
                w.put("o", true);
                w.set("v", encodeValue(key(e.key().name()), o.value(), true));
            } else if (keys.containsKey(e.key().name())) {
                w.set("v", encodeValue(key(e.key().name()), e.value(), true));
            } else { // a Send's private input key (LangGraph accepts Send args as the target's input): keep its type
                w.put("u", e.key().type().getName());
                if (e.key().elementType() != null) {
                    w.put("e", e.key().elementType().getName());
                }
                w.set("v", mapper.valueToTree(e.value()));
            }
        }
        if (update instanceof Command c && (!c.gotos().isEmpty() || c.graph() != null)) {
            ObjectNode cmd = arr.addObject(); // a command's routing travels as a last element {"goto": [...]}
            ArrayNode targets = cmd.putArray("goto");
            for (Object t : c.gotos()) {
                if (t instanceof Send send) {
                    ObjectNode sn = targets.addObject();
                    sn.put("send", send.node());
                    sn.set("input", encodeUpdate(send.input()));
                } else {
                    targets.add((String) t);
                }
            }
            if (c.graph() != null) {
                cmd.put("graph", c.graph());
            }
        }
        return arr;
    }

    /**
     * Decodes what {@link #encodeUpdate} wrote.
     *
     * @param node a JSON array of writes
     * @return the update, or a {@link Command} if one was encoded
     */
    @SuppressWarnings("unchecked")
    public Update decodeUpdate(JsonNode node) {
        Update u = Update.empty();
        List<Object> gotos = null;
        String graph = null;
        for (JsonNode w : node) {
            if (w.has("goto")) {
                gotos = new ArrayList<>();
                for (JsonNode t : w.get("goto")) {
                    gotos.add(t.isTextual() ? t.asText() : new Send(t.path("send").asText(), decodeUpdate(t.path("input"))));
                }
                graph = w.hasNonNull("graph") ? w.get("graph").asText() : null;
                continue;
            }
            if (w.has("u")) {
                u = undeclared(u, w);
                continue;
            }
            Key<?> key = key(w.path("k").asText());
            Object value = decodeValue(key, w.get("v"), true);
            u = w.path("o").asBoolean(false) ? u.andOverwrite((Key<Object>) key, value) : with(u, key, value);
        }
        return gotos == null ? u : Command.of(u, gotos, graph);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private Update undeclared(Update u, JsonNode w) {
        String name = w.path("k").asText();
        Class<?> type = load(w.path("u").asText());
        JsonNode v = w.get("v");
        if (w.has("e")) {
            Class<?> element = load(w.path("e").asText());
            Key key = Key.listOf(name, element);
            Object value = v == null || v.isNull() ? null
                    : mapper.convertValue(v, mapper.getTypeFactory().constructCollectionType(List.class, element));
            return u.and(key, value);
        }
        Key key = Key.of(name, type);
        return u.and(key, v == null || v.isNull() ? null : mapper.convertValue(v, type));
    }

    private static Class<?> load(String name) {
        try {
            return Class.forName(name, false, StateCodec.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            try {
                return Class.forName(name, false, Thread.currentThread().getContextClassLoader());
            } catch (ClassNotFoundException | RuntimeException again) {
                return Object.class;
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static <T> Update with(Update u, Key<T> key, Object value) {
        return u.and(key, (T) value);
    }

    /**
     * Encodes the tasks of a checkpoint's next step.
     *
     * @param tasks the tasks, in order
     * @return a JSON array, one object per task with its node and private input
     */
    public ArrayNode encodeTasks(List<Checkpoint.Task> tasks) {
        ArrayNode arr = F.arrayNode();
        for (Checkpoint.Task t : tasks) {
            ObjectNode n = arr.addObject();
            n.put("node", t.node());
            if (!t.input().isEmpty()) {
                n.set("input", encodeUpdate(t.input()));
            }
        }
        return arr;
    }

    /**
     * Decodes what {@link #encodeTasks} wrote.
     *
     * @param node a JSON array of tasks
     * @return the tasks, in order
     */
    public List<Checkpoint.Task> decodeTasks(JsonNode node) {
        List<Checkpoint.Task> tasks = new ArrayList<>();
        for (JsonNode n : node) {
            tasks.add(new Checkpoint.Task(n.path("node").asText(),
                    n.has("input") ? decodeUpdate(n.get("input")) : Update.empty()));
        }
        return tasks;
    }

    /**
     * Encodes the pending writes of an unfinished step.
     *
     * @param writes the pending writes, in order
     * @return a JSON array, one object per write
     */
    public ArrayNode encodePendingWrites(List<PendingWrite> writes) {
        ArrayNode arr = F.arrayNode();
        for (PendingWrite w : writes) {
            ObjectNode n = arr.addObject();
            n.put("task", w.taskIndex());
            n.put("node", w.node());
            n.put("kind", w.kind().name());
            n.set("update", encodeUpdate(w.update()));
            n.set("payload", mapper.valueToTree(w.payload()));
            if (!w.answers().isEmpty()) {
                n.set("answers", mapper.valueToTree(w.answers()));
            }
            if (w.interruptId() != null) {
                n.put("id", w.interruptId());
            }
        }
        return arr;
    }

    /**
     * Decodes what {@link #encodePendingWrites} wrote.
     *
     * @param node a JSON array of pending writes
     * @return the pending writes, in order
     */
    public List<PendingWrite> decodePendingWrites(JsonNode node) {
        List<PendingWrite> out = new ArrayList<>();
        for (JsonNode n : node) {
            JsonNode p = n.get("payload");
            List<Object> answers = new ArrayList<>();
            n.path("answers").forEach(a -> answers.add(a.isNull() ? null : convert(a, Object.class)));
            out.add(new PendingWrite(n.path("task").asInt(), n.path("node").asText(),
                    PendingWrite.Kind.valueOf(n.path("kind").asText()), decodeUpdate(n.path("update")),
                    p == null || p.isNull() ? null : convert(p, Object.class), answers,
                    n.hasNonNull("id") ? n.get("id").asText() : null));
        }
        return out;
    }

    /**
     * {@return {@code node} serialised as compact JSON text}
     *
     * @param node the JSON tree
     */
    public String toJson(JsonNode node) {
        try {
            return mapper.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new CheckpointException("Cannot write JSON", e);
        }
    }

    /**
     * {@return the JSON tree parsed from {@code json}}
     *
     * @param json JSON text as written by {@link #toJson}
     */
    public JsonNode parse(String json) {
        try {
            return mapper.readTree(json);
        } catch (JsonProcessingException e) {
            throw new CheckpointException("Cannot read stored JSON", e);
        }
    }

    private Key<?> key(String name) {
        Key<?> k = keys.get(name);
        if (k == null) {
            throw new CheckpointException("Key '" + name + "' is not part of this graph's state (known: " + keys.keySet() + ")");
        }
        return k;
    }

    private JsonNode encodeValue(Key<?> key, Object value, boolean asUpdate) {
        if (value == null) {
            return F.nullNode();
        }
        switch (key.kind()) {
            case APPENDING: {
                ArrayNode arr = F.arrayNode();
                if (value instanceof Collection<?> c) {
                    c.forEach(o -> arr.add(encodePlain(key.elementType(), o)));
                } else {
                    arr.add(encodePlain(key.elementType(), value));
                }
                return arr;
            }
            case MERGING: {
                ObjectNode obj = F.objectNode();
                ((Map<?, ?>) value).forEach((k, v) -> obj.set(String.valueOf(k), encodePlain(key.elementType(), v)));
                return obj;
            }
            default:
                if (key.elementType() != null && value instanceof Collection<?> c) {
                    ArrayNode arr = F.arrayNode();
                    c.forEach(o -> arr.add(encodePlain(key.elementType(), o)));
                    return arr;
                }
                return encodePlain(key.type(), value);
        }
    }

    private Object decodeValue(Key<?> key, JsonNode node, boolean asUpdate) {
        if (node == null || node.isNull()) {
            return null;
        }
        switch (key.kind()) {
            case APPENDING: {
                List<Object> list = new ArrayList<>(node.size());
                node.forEach(n -> list.add(decodePlain(key.elementType(), n)));
                return List.copyOf(list);
            }
            case MERGING: {
                Map<String, Object> m = new LinkedHashMap<>();
                node.fields().forEachRemaining(e -> m.put(e.getKey(), decodePlain(key.elementType(), e.getValue())));
                return java.util.Collections.unmodifiableMap(m);
            }
            default:
                if (key.elementType() != null && node.isArray()) {
                    List<Object> list = new ArrayList<>(node.size());
                    node.forEach(n -> list.add(decodePlain(key.elementType(), n)));
                    return java.util.Collections.unmodifiableList(list);
                }
                return decodePlain(key.type(), node);
        }
    }

    private JsonNode encodePlain(Class<?> type, Object value) {
        if (value instanceof ChatMessage m) {
            return parse(ChatMessageSerializer.messageToJson(m));
        }
        return mapper.valueToTree(value);
    }

    private Object decodePlain(Class<?> type, JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (ChatMessage.class.isAssignableFrom(type)) {
            return ChatMessageDeserializer.messageFromJson(toJson(node));
        }
        if (type == String.class && node.isTextual()) {
            return node.textValue(); // what treeToValue returns, without a parser and context per value
        }
        return convert(node, type);
    }

    private Object convert(JsonNode node, Class<?> type) {
        try {
            return mapper.treeToValue(node, type);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new CheckpointException("Stored value does not fit " + type.getName() + ": " + e.getMessage(), e);
        }
    }
}
