package dev.salesagent.server.command.query;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.salesagent.agents.sales.Method;
import dev.salesagent.agents.sales.command.Answer;
import dev.salesagent.agents.sales.command.CommandResponse;
import dev.salesagent.agents.sales.command.Intent;
import dev.salesagent.agents.sales.command.Period;
import dev.salesagent.agents.sales.command.QueryEntities;
import dev.salesagent.agents.sales.command.RoutedQuery;
import dev.salesagent.server.command.CommandConfiguration;
import dev.salesagent.server.command.TenantCommandCenters;
import dev.salesagent.server.command.TenantWork;
import dev.salesagent.server.command.readmodel.ReadModelSync;
import dev.salesagent.server.platform.db.Sql;
import dev.salesagent.server.platform.security.CurrentUser;
import dev.salesagent.server.platform.security.PlatformAuthentication;
import dev.salesagent.server.platform.web.Cursors;
import dev.salesagent.server.platform.web.Page;
import dev.salesagent.server.platform.web.PlatformException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Natural-language questions ({@code POST /api/v1/query/ask}) answered by the SDK's command center over the tenant's
 * CRM, each user's conversation history ({@code GET /api/v1/query/history}) and the insights
 * ({@code GET /api/v1/insights}). A thread continues across calls and instances (the SDK's checkpointer on the server
 * database); a thread id is private to its user.
 */
@RestController
@Tag(name = "Command center: questions and insights")
class QueryController {

    private final TenantCommandCenters centers;
    private final ReadModelSync sync;
    private final CommandConfiguration command;
    private final TenantWork work;
    private final JdbcClient jdbc;
    private final Clock clock;

    QueryController(TenantCommandCenters centers, ReadModelSync sync, CommandConfiguration command, TenantWork work,
                    JdbcClient jdbc, Clock clock) {
        this.centers = centers;
        this.sync = sync;
        this.command = command;
        this.work = work;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Body of {@code POST /api/v1/query/ask} (keys exactly {@code query}, {@code asOf}, {@code threadId}). */
    record Ask(@JsonProperty("query") @NotBlank @Size(max = 2000) String query,
               @JsonProperty("asOf") LocalDate asOf,
               @JsonProperty("threadId") @Size(max = 100) @Pattern(regexp = "[A-Za-z0-9_.:-]*") String threadId) {
    }

    /** The answer (keys exactly as the issue names them, plus {@code asOf} and every {@code answers}). */
    record Reply(@JsonProperty("intent") String intent, @JsonProperty("intents") List<String> intents,
                 @JsonProperty("entities") Map<String, Object> entities, @JsonProperty("agents") List<String> agents,
                 @JsonProperty("answer") String answer, @JsonProperty("data") List<Map<String, Object>> data,
                 @JsonProperty("chart") Object chart, @JsonProperty("method") Method method,
                 @JsonProperty("threadId") String threadId, @JsonProperty("asOf") LocalDate asOf,
                 @JsonProperty("answers") List<Answer> answers) {
    }

    /** One remembered question of {@code GET /api/v1/query/history}. */
    record Turn(UUID id, String threadId, String question, String intent, List<String> agents, String answer,
                String method, Instant createdAt) {
    }

    @PostMapping("/api/v1/query/ask")
    @PreAuthorize("hasAuthority('query:ask')")
    @Operation(summary = "Ask a question: {query, asOf?, threadId?} -> intent, intents, entities, agents, answer, "
            + "data, chart, method, threadId")
    Reply ask(@Valid @RequestBody Ask body) {
        CurrentUser user = PlatformAuthentication.require();
        sync.ensureSynced(user.tenantId());
        String thread = body.threadId() == null || body.threadId().isBlank() ? UUID.randomUUID().toString()
                : body.threadId();
        LocalDate asOf = command.asOf(user.tenantId(), body.asOf());
        CommandResponse r = centers.center(user.tenantId()).ask(body.query(),
                TenantCommandCenters.conversationThread(user.tenantId(), user.id(), thread), asOf);
        Reply reply = new Reply(r.intent(), r.intents(), r.query().entities().toMap(), r.agents(), r.text(), r.data(),
                r.chart(), r.method(), thread, r.asOf(), r.answers());
        work.run(user.tenantId(), () -> jdbc.sql("""
                insert into cmd_conversation (tenant_id, id, user_id, thread_id, question, intent, agents, answer,
                                              method, created_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(user.tenantId(), UUID.randomUUID(), user.id(), thread, body.query(), r.intent(),
                        String.join(",", r.agents()), r.text(), r.method().id(), Sql.ts(clock.instant())).update());
        return reply;
    }

    @GetMapping("/api/v1/query/history")
    @PreAuthorize("hasAuthority('query:ask')")
    @Operation(summary = "The signed-in user's questions and answers, newest first (thread_id filters one thread)")
    Page<Turn> history(@RequestParam(name = "thread_id", required = false) String threadId,
                       @RequestParam(required = false) String cursor,
                       @RequestParam(required = false) Integer limit) {
        CurrentUser user = PlatformAuthentication.require();
        int size = Page.limit(limit);
        Cursors.Position after = Cursors.decode(cursor);
        StringBuilder sql = new StringBuilder("select * from cmd_conversation where tenant_id = ? and user_id = ?");
        List<Object> params = new ArrayList<>(List.of(user.tenantId(), user.id()));
        if (threadId != null && !threadId.isBlank()) {
            sql.append(" and thread_id = ?");
            params.add(threadId);
        }
        if (after != null) {
            sql.append(" and (created_at, id) < (?, ?)");
            params.add(Sql.ts(after.createdAt()));
            params.add(after.id());
        }
        sql.append(" order by created_at desc, id desc limit ?");
        params.add(size + 1);
        List<Turn> rows = work.in(user.tenantId(), () -> jdbc.sql(sql.toString()).params(params)
                .query((rs, n) -> new Turn(rs.getObject("id", UUID.class), rs.getString("thread_id"),
                        rs.getString("question"), rs.getString("intent"),
                        List.of(rs.getString("agents").split(",")), rs.getString("answer"), rs.getString("method"),
                        Sql.instant(rs, "created_at"))).list());
        if (rows.size() <= size) {
            return new Page<>(rows, null);
        }
        Turn last = rows.get(size - 1);
        return new Page<>(List.copyOf(rows.subList(0, size)), Cursors.encode(last.createdAt(), last.id()));
    }

    @GetMapping("/api/v1/insights")
    @PreAuthorize("hasAuthority('insights:read')")
    @Operation(summary = "Executive summary, anomalous days (trailing 28-day z-score >= 3) and stalled large deals "
            + "for the 90 days to as_of (or from..to)")
    Map<String, Object> insights(@RequestParam(name = "as_of", required = false)
                                 @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate asOfParam,
                                 @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
                                 LocalDate from,
                                 @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
                                 LocalDate to) {
        CurrentUser user = PlatformAuthentication.require();
        sync.ensureSynced(user.tenantId());
        LocalDate asOf = command.asOf(user.tenantId(), asOfParam);
        Period period;
        try {
            period = Period.of(from != null ? from : asOf.minusDays(89), to != null ? to : asOf);
        } catch (IllegalArgumentException e) {
            throw PlatformException.badRequest("from must not be after to");
        }
        var agents = centers.center(user.tenantId()).agents();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("as_of", asOf);
        out.put("period", Map.of("start", period.start(), "end", period.end()));
        List<Map<String, Object>> items = new ArrayList<>();
        for (String kind : List.of("summary", "anomalies", "stalled_deals")) {
            String metric = switch (kind) {
                case "anomalies" -> "anomalies";
                case "stalled_deals" -> "stuck";
                default -> null;
            };
            RoutedQuery q = new RoutedQuery("insights:" + kind, List.of(Intent.INSIGHT_REQUEST),
                    QueryEntities.NONE.withPeriod(period).withMetric(metric), List.of(), Method.RULES, null, false,
                    false);
            Answer a = agents.answer(Intent.INSIGHT_REQUEST, q, asOf);
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("kind", kind);
            item.put("text", a.text());
            item.put("rows", a.rows());
            item.put("chart", a.chart());
            items.add(item);
        }
        out.put("insights", items);
        return out;
    }
}
