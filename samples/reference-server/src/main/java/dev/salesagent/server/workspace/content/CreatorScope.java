package dev.salesagent.server.workspace.content;

import dev.salesagent.server.platform.security.CurrentUser;
import dev.salesagent.server.platform.security.Role;
import java.util.List;

/**
 * The caller's data scope over records that name their creator: a sales rep sees what they created, a sales manager
 * what their territory's users created, every other role the tenant's records.
 */
public final class CreatorScope {

    private CreatorScope() {
    }

    /**
     * A SQL condition (starting with {@code " and "}, or empty) on the creator column, its parameters appended.
     *
     * @param user the caller
     * @param creatorColumn the column holding the creator's user id, e.g. {@code i.created_by}
     * @param params the statement's parameters, appended to in order
     * @return the condition, empty for tenant-wide roles
     */
    public static String condition(CurrentUser user, String creatorColumn, List<Object> params) {
        Role.DataScope dataScope = user.dataScope();
        if (dataScope == Role.DataScope.OWN) {
            params.add(user.id());
            return " and " + creatorColumn + " = ?";
        }
        if (dataScope == Role.DataScope.TERRITORY) {
            params.add(user.id());
            params.add(user.tenantId());
            params.add(user.territory());
            return " and (" + creatorColumn + " = ? or " + creatorColumn + " in (select u.id from app_user u"
                    + " where u.tenant_id = ? and u.territory is not distinct from ?))";
        }
        return "";
    }
}
