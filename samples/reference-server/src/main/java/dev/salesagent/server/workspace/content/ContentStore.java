package dev.salesagent.server.workspace.content;

import dev.salesagent.server.platform.db.Sql;
import dev.salesagent.server.platform.db.TenantScope;
import dev.salesagent.server.platform.security.CurrentUser;
import dev.salesagent.server.platform.web.Cursors;
import dev.salesagent.server.platform.web.PlatformException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * Versioned content items of a tenant (tables {@code content_item}, {@code content_version}): proposals, battle cards
 * and conversation analyses. Every query runs under the tenant's row-level security scope, filters by tenant and by
 * the caller's data scope (a sales rep sees the items they created, a sales manager those of their territory's users,
 * every other role the tenant's); an item outside it is "not found".
 */
@Repository
class ContentStore {

    /** Kinds of content. */
    enum Kind {
        PROPOSAL("proposal"), BATTLE_CARD("battle_card"), CONVERSATION("conversation");

        final String id;

        Kind(String id) {
            this.id = id;
        }
    }

    /**
     * One version's content.
     *
     * @param title title
     * @param markdown Markdown body (proposals), or null
     * @param dataJson structured body as JSON (battle cards, analyses), or null
     * @param method rules, model or manual
     * @param model model that wrote it, or null
     */
    record Body(String title, String markdown, String dataJson, String method, String model) {
    }

    /**
     * An item with one of its versions.
     *
     * @param id item id
     * @param kind kind
     * @param leadId workspace lead, or null
     * @param requestJson what it was generated from
     * @param currentVersion number of the newest version
     * @param version number of the version in {@code body}
     * @param body that version's content
     * @param createdBy creator
     * @param createdAt creation time
     * @param updatedAt time of the newest version
     * @param versionCreatedAt time of the version in {@code body}
     */
    record Item(UUID id, Kind kind, UUID leadId, String requestJson, int currentVersion, int version, Body body,
                UUID createdBy, Instant createdAt, Instant updatedAt, Instant versionCreatedAt) {
    }

    private final JdbcClient jdbc;
    private final TenantScope scope;
    private final Clock clock;

    ContentStore(JdbcClient jdbc, TenantScope scope, Clock clock) {
        this.jdbc = jdbc;
        this.scope = scope;
        this.clock = clock;
    }

    /** Stores a new item with version 1. */
    @Transactional
    Item create(CurrentUser user, Kind kind, UUID leadId, String requestJson, Body body) {
        scope.enter(user.tenantId());
        UUID id = UUID.randomUUID();
        Instant now = now();
        jdbc.sql("""
                insert into content_item (id, tenant_id, kind, lead_id, title, request, current_version, created_by,
                                          created_at, updated_at)
                values (?, ?, ?, ?, ?, ?::jsonb, 1, ?, ?, ?)""")
                .params(id, user.tenantId(), kind.id, leadId, body.title(), requestJson, user.id(), Sql.ts(now),
                        Sql.ts(now))
                .update();
        insertVersion(user, id, 1, body, now);
        return new Item(id, kind, leadId, requestJson, 1, 1, body, user.id(), now, now, now);
    }

    /**
     * Adds a version to an item the caller can see.
     *
     * @throws PlatformException 404 if the item is not visible to the caller
     */
    @Transactional
    Item addVersion(CurrentUser user, Kind kind, UUID id, Body body) {
        Item current = get(user, kind, id, null);
        int version = jdbc.sql("update content_item set current_version = current_version + 1, title = ?, updated_at = ?"
                        + " where id = ? and tenant_id = ? returning current_version")
                .params(body.title(), Sql.ts(now()), id, user.tenantId()).query(Integer.class).single();
        Instant now = now();
        insertVersion(user, id, version, body, now);
        return new Item(id, kind, current.leadId(), current.requestJson(), version, version, body, current.createdBy(),
                current.createdAt(), now, now);
    }

    /**
     * An item with its newest version, or the given one.
     *
     * @throws PlatformException 404 if the item (or version) is not visible to the caller
     */
    @Transactional(readOnly = true)
    Item get(CurrentUser user, Kind kind, UUID id, Integer version) {
        scope.enter(user.tenantId());
        List<Object> params = new ArrayList<>(List.of(user.tenantId(), kind.id, id));
        String sql = SELECT + " where i.tenant_id = ? and i.kind = ? and i.id = ? and v.version = "
                + (version == null ? "i.current_version" : "?") + visibility(user, params);
        if (version != null) {
            params.add(3, version);
        }
        return jdbc.sql(sql).params(params).query(this::row).optional()
                .orElseThrow(() -> PlatformException.notFound(kind.id.replace('_', ' ')
                        + (version == null ? "" : " version " + version)));
    }

    /** Every version of an item, oldest first. */
    @Transactional(readOnly = true)
    List<Item> versions(CurrentUser user, Kind kind, UUID id) {
        get(user, kind, id, null);
        return jdbc.sql(SELECT + " where i.tenant_id = ? and i.kind = ? and i.id = ? order by v.version")
                .params(user.tenantId(), kind.id, id).query(this::row).list();
    }

    /** One page of the caller's visible items of a kind with their newest versions, newest first. */
    @Transactional(readOnly = true)
    List<Item> list(CurrentUser user, Kind kind, UUID leadId, Cursors.Position after, int limit) {
        scope.enter(user.tenantId());
        List<Object> params = new ArrayList<>(List.of(user.tenantId(), kind.id));
        StringBuilder sql = new StringBuilder(SELECT)
                .append(" where i.tenant_id = ? and i.kind = ? and v.version = i.current_version");
        if (leadId != null) {
            sql.append(" and i.lead_id = ?");
            params.add(leadId);
        }
        if (after != null) {
            sql.append(" and (i.created_at, i.id) < (?, ?)");
            params.add(Sql.ts(after.createdAt()));
            params.add(after.id());
        }
        sql.append(visibility(user, params)).append(" order by i.created_at desc, i.id desc limit ?");
        params.add(limit);
        return jdbc.sql(sql.toString()).params(params).query(this::row).list();
    }

    private static final String SELECT = """
            select i.id, i.kind, i.lead_id, i.request::text as request, i.current_version, i.created_by, i.created_at,
                   i.updated_at, v.version, v.title, v.markdown, v.data::text as data, v.method, v.model,
                   v.created_at as version_created_at
            from content_item i join content_version v on v.item_id = i.id""";

    private static String visibility(CurrentUser user, List<Object> params) {
        return CreatorScope.condition(user, "i.created_by", params);
    }

    private void insertVersion(CurrentUser user, UUID id, int version, Body body, Instant at) {
        jdbc.sql("""
                insert into content_version (item_id, tenant_id, version, title, markdown, data, method, model,
                                             created_by, created_at)
                values (?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?)""")
                .params(id, user.tenantId(), version, body.title(), body.markdown(), body.dataJson(), body.method(),
                        body.model(), user.id(), Sql.ts(at))
                .update();
    }

    private Item row(ResultSet rs, int n) throws SQLException {
        String kind = rs.getString("kind");
        Kind k = kind.equals("proposal") ? Kind.PROPOSAL : kind.equals("battle_card") ? Kind.BATTLE_CARD
                : Kind.CONVERSATION;
        return new Item(rs.getObject("id", UUID.class), k, rs.getObject("lead_id", UUID.class),
                rs.getString("request"), rs.getInt("current_version"), rs.getInt("version"),
                new Body(rs.getString("title"), rs.getString("markdown"), rs.getString("data"), rs.getString("method"),
                        rs.getString("model")),
                rs.getObject("created_by", UUID.class), Sql.instant(rs, "created_at"), Sql.instant(rs, "updated_at"),
                Sql.instant(rs, "version_created_at"));
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
