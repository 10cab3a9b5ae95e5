package dev.salesagent.server.platform.security;

import java.util.Arrays;
import java.util.Optional;

/**
 * The roles a user can hold. A user holds one or more; their permissions are the union of the roles' rows in
 * {@link RolePermissions}. {@link #scope()} is the slice of the tenant's sales records a role sees.
 */
public enum Role {
    /** Owns the tenant: everything, including granting {@code owner}. */
    OWNER("owner", DataScope.TENANT),
    /** Administers users and settings. */
    ADMIN("admin", DataScope.TENANT),
    /** Sales executive: reads the whole tenant's sales data. */
    SALES_EXEC("sales_exec", DataScope.TENANT),
    /** Sales manager: the records of their territory. */
    SALES_MANAGER("sales_manager", DataScope.TERRITORY),
    /** Sales rep: their own records. */
    SALES_REP("sales_rep", DataScope.OWN),
    /** Finance: read-only, the whole tenant's costs and figures. */
    FINANCE_VIEWER("finance_viewer", DataScope.TENANT),
    /** Operator of the platform (admin tier tenants only): manages tenants. */
    PLATFORM_ADMIN("platform_admin", DataScope.TENANT);

    private final String id;
    private final DataScope scope;

    Role(String id, DataScope scope) {
        this.id = id;
        this.scope = scope;
    }

    /** The role's name in the API, tokens and database. */
    public String id() {
        return id;
    }

    /** Which records of the tenant the role sees. */
    public DataScope scope() {
        return scope;
    }

    /** The role with this id, if any. */
    public static Optional<Role> ofId(String id) {
        return Arrays.stream(values()).filter(r -> r.id.equals(id)).findFirst();
    }

    /** The slice of a tenant's records a user sees; the widest of the user's roles wins. */
    public enum DataScope {
        /** Records the user owns. */
        OWN,
        /** Records of the user's territory. */
        TERRITORY,
        /** All of the tenant's records. */
        TENANT
    }
}
