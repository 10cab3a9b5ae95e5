package dev.salesagent.server.workspace.lead;

import dev.salesagent.agents.sales.lead.Lead;
import dev.salesagent.server.platform.db.Sql;
import dev.salesagent.server.platform.security.CurrentUser;
import dev.salesagent.server.platform.security.Role;
import dev.salesagent.server.platform.web.Cursors;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Leads in PostgreSQL. Every statement names the tenant; reads of a user also apply their data scope
 * ({@link Visibility}). Inserts skip duplicates ({@code on conflict do nothing} on the e-mail and domain indexes of
 * V10) and report them as a count of 0, so single creates and batched imports share one statement.
 */
@Repository
public class LeadStore {

    private static final String INSERT = """
            insert into lead (id, tenant_id, owner_id, status, source, import_id, company, domain, website, first_name,
                              last_name, email, title, phone, industry, employees, country, notes, created_at, updated_at)
            values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            on conflict do nothing""";

    private final JdbcClient jdbc;
    private final JdbcTemplate template;
    private final JsonMapper json;

    LeadStore(JdbcClient jdbc, JdbcTemplate template, JsonMapper json) {
        this.jdbc = jdbc;
        this.template = template;
        this.json = json;
    }

    /**
     * Which of a tenant's leads a user sees: all ({@code TENANT}), those owned by users of their territory
     * ({@code TERRITORY}) or their own ({@code OWN}).
     *
     * @param userId the user
     * @param territory the user's territory, may be null
     * @param scope the user's widest data scope
     */
    public record Visibility(UUID userId, String territory, Role.DataScope scope) {
        /** The visibility of a signed-in user. */
        public static Visibility of(CurrentUser user) {
            return new Visibility(user.id(), user.territory(), user.dataScope());
        }

        /** Everything of the tenant (system work: runs, imports). */
        public static Visibility all() {
            return new Visibility(null, null, Role.DataScope.TENANT);
        }

        void apply(StringBuilder sql, List<Object> params) {
            switch (scope) {
                case TENANT -> { }
                case OWN -> {
                    sql.append(" and owner_id = ?");
                    params.add(userId);
                }
                case TERRITORY -> {
                    sql.append(" and (owner_id = ? or owner_id in (select u.id from app_user u"
                            + " where u.tenant_id = lead.tenant_id and u.territory = ?))");
                    params.add(userId);
                    params.add(territory);
                }
            }
        }
    }

    /**
     * List filters; null members do not filter.
     *
     * @param grade {@code a}..{@code d}
     * @param minScore lowest overall score, inclusive
     * @param maxScore highest overall score, inclusive
     * @param status lead status
     * @param ownerId owner
     * @param source source
     * @param createdSince created at or after
     * @param updatedSince updated at or after
     * @param query case-insensitive substring of company, name or e-mail
     */
    public record Filter(String grade, Integer minScore, Integer maxScore, String status, UUID ownerId, String source,
                         Instant createdSince, Instant updatedSince, String query) {
    }

    /**
     * Inserts leads in one JDBC batch; a lead whose e-mail (or, without e-mail, domain) the tenant already has is
     * skipped.
     *
     * @return per lead: true when inserted, false when skipped as a duplicate
     */
    public boolean[] insertAll(List<LeadRecord> leads) {
        int[][] counts = template.batchUpdate(INSERT, leads, leads.size(), LeadStore::bind);
        boolean[] inserted = new boolean[leads.size()];
        int i = 0;
        for (int[] batch : counts) {
            for (int c : batch) {
                inserted[i++] = c != 0; // SUCCESS_NO_INFO (-2) counts as inserted
            }
        }
        return inserted;
    }

    /** The id of the tenant's lead with this e-mail (case-insensitive) or, for a lead without e-mail, domain. */
    public Optional<UUID> duplicateOf(UUID tenantId, String email, String domain) {
        if (email != null) {
            return jdbc.sql("select id from lead where tenant_id = ? and lower(email) = lower(?)")
                    .params(tenantId, email).query(UUID.class).optional();
        }
        if (domain == null) {
            return Optional.empty();
        }
        return jdbc.sql("select id from lead where tenant_id = ? and email is null and domain = ?")
                .params(tenantId, domain).query(UUID.class).optional();
    }

    /** A lead of the tenant the caller sees; another tenant's id, or one outside the scope, finds nothing. */
    public Optional<LeadRecord> find(UUID tenantId, UUID id, Visibility visibility) {
        StringBuilder sql = new StringBuilder("select * from lead where tenant_id = ? and id = ?");
        List<Object> params = new ArrayList<>(List.of(tenantId, id));
        visibility.apply(sql, params);
        return jdbc.sql(sql.toString()).params(params).query(this::row).optional();
    }

    /** The tenant's leads with these ids that the caller sees, in no particular order. */
    public List<LeadRecord> findAll(UUID tenantId, Collection<UUID> ids, Visibility visibility) {
        if (ids.isEmpty()) {
            return List.of();
        }
        StringBuilder sql = new StringBuilder("select * from lead where tenant_id = ? and id = any(?::uuid[])");
        List<Object> params = new ArrayList<>(List.of(tenantId, Sql.textArray(ids.stream().map(UUID::toString).toList())));
        visibility.apply(sql, params);
        return jdbc.sql(sql.toString()).params(params).query(this::row).list();
    }

    /** Writes a lead's fields, status and owner; returns whether a row changed. */
    public boolean update(LeadRecord r) {
        Lead l = r.lead();
        return jdbc.sql("""
                update lead set owner_id = ?, status = ?, company = ?, domain = ?, website = ?, first_name = ?,
                                last_name = ?, email = ?, title = ?, phone = ?, industry = ?, employees = ?, country = ?,
                                notes = ?, updated_at = ?
                where tenant_id = ? and id = ?""")
                .params(r.ownerId(), r.status(), l.company(), l.domain(), l.website(), l.firstName(), l.lastName(),
                        l.email(), l.title(), l.phone(), l.industry(), l.employees(), l.country(), l.notes(),
                        Sql.ts(r.updatedAt()), r.tenantId(), r.id())
                .update() == 1;
    }

    /** Stores leads' latest scores (one JDBC batch). */
    public void saveScores(UUID tenantId, Map<UUID, LeadRecord.Score> scores) {
        List<Map.Entry<UUID, LeadRecord.Score>> rows = List.copyOf(scores.entrySet());
        template.batchUpdate("""
                update lead set score = ?, grade = ?, score_method = ?, score_model = ?, score_detail = ?::jsonb,
                                scored_at = ?, updated_at = ?
                where tenant_id = ? and id = ?""", rows, 500, (ps, e) -> {
            LeadRecord.Score score = e.getValue();
            ps.setInt(1, score.overall());
            ps.setString(2, score.grade());
            ps.setString(3, score.method());
            ps.setString(4, score.model());
            ps.setString(5, json.writeValueAsString(Map.of("breakdown", score.breakdown(), "reasons",
                    score.reasons())));
            ps.setObject(6, Sql.ts(score.scoredAt()));
            ps.setObject(7, Sql.ts(score.scoredAt()));
            ps.setObject(8, tenantId);
            ps.setObject(9, e.getKey());
        });
    }

    /** Deletes a lead the caller sees; returns whether a row was deleted. */
    public boolean delete(UUID tenantId, UUID id, Visibility visibility) {
        StringBuilder sql = new StringBuilder("delete from lead where tenant_id = ? and id = ?");
        List<Object> params = new ArrayList<>(List.of(tenantId, id));
        visibility.apply(sql, params);
        return jdbc.sql(sql.toString()).params(params).update() == 1;
    }

    /** A page of the tenant's leads the caller sees, in creation order. */
    public List<LeadRecord> list(UUID tenantId, Visibility visibility, Filter f, Cursors.Position after, int limit) {
        StringBuilder sql = new StringBuilder("select * from lead where tenant_id = ?");
        List<Object> params = new ArrayList<>(List.of(tenantId));
        visibility.apply(sql, params);
        condition(sql, params, "grade = ?", f.grade());
        condition(sql, params, "score >= ?", f.minScore());
        condition(sql, params, "score <= ?", f.maxScore());
        condition(sql, params, "status = ?", f.status());
        condition(sql, params, "owner_id = ?", f.ownerId());
        condition(sql, params, "source = ?", f.source());
        condition(sql, params, "created_at >= ?", Sql.ts(f.createdSince()));
        condition(sql, params, "updated_at >= ?", Sql.ts(f.updatedSince()));
        if (f.query() != null && !f.query().isBlank()) {
            String like = "%" + f.query().strip().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
            sql.append(" and (company ilike ? or email ilike ? or (coalesce(first_name, '') || ' ' ||"
                    + " coalesce(last_name, '')) ilike ?)");
            params.add(like);
            params.add(like);
            params.add(like);
        }
        Sql.keysetPage(sql, params, after, limit);
        return jdbc.sql(sql.toString()).params(params).query(this::row).list();
    }

    private static void condition(StringBuilder sql, List<Object> params, String clause, Object value) {
        if (value != null) {
            sql.append(" and ").append(clause);
            params.add(value);
        }
    }

    private static void bind(PreparedStatement ps, LeadRecord r) throws SQLException {
        Lead l = r.lead();
        ps.setObject(1, r.id());
        ps.setObject(2, r.tenantId());
        ps.setObject(3, r.ownerId());
        ps.setString(4, r.status());
        ps.setString(5, r.source());
        ps.setObject(6, r.importId());
        ps.setString(7, l.company());
        ps.setString(8, l.domain());
        ps.setString(9, l.website());
        ps.setString(10, l.firstName());
        ps.setString(11, l.lastName());
        ps.setString(12, l.email());
        ps.setString(13, l.title());
        ps.setString(14, l.phone());
        ps.setString(15, l.industry());
        if (l.employees() == null) {
            ps.setNull(16, Types.BIGINT);
        } else {
            ps.setLong(16, l.employees());
        }
        ps.setString(17, l.country());
        ps.setString(18, l.notes());
        ps.setObject(19, Sql.ts(r.createdAt()));
        ps.setObject(20, Sql.ts(r.updatedAt()));
    }

    private LeadRecord row(ResultSet rs, int n) throws SQLException {
        UUID id = rs.getObject("id", UUID.class);
        Lead lead = Lead.builder().id(id.toString()).company(rs.getString("company")).domain(rs.getString("domain"))
                .website(rs.getString("website")).firstName(rs.getString("first_name"))
                .lastName(rs.getString("last_name")).email(rs.getString("email")).title(rs.getString("title"))
                .phone(rs.getString("phone")).industry(rs.getString("industry"))
                .employees(rs.getObject("employees", Long.class)).country(rs.getString("country"))
                .notes(rs.getString("notes")).build();
        LeadRecord.Score score = null;
        Integer overall = rs.getObject("score", Integer.class);
        if (overall != null) {
            Map<String, Object> detail = json.readValue(rs.getString("score_detail"), new TypeReference<>() { });
            @SuppressWarnings("unchecked")
            Map<String, Object> breakdown = (Map<String, Object>) detail.getOrDefault("breakdown", Map.of());
            @SuppressWarnings("unchecked")
            List<String> reasons = (List<String>) detail.getOrDefault("reasons", List.of());
            score = new LeadRecord.Score(overall, rs.getString("grade"), rs.getString("score_method"),
                    rs.getString("score_model"), breakdown, reasons, Sql.instant(rs, "scored_at"));
        }
        return new LeadRecord(id, rs.getObject("tenant_id", UUID.class), rs.getObject("owner_id", UUID.class),
                rs.getString("status"), rs.getString("source"), rs.getObject("import_id", UUID.class), lead, score,
                Sql.instant(rs, "created_at"), Sql.instant(rs, "updated_at"));
    }
}
