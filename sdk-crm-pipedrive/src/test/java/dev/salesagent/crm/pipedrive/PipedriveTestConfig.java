package dev.salesagent.crm.pipedrive;

import dev.salesagent.crm.pipedrive.sim.PipedriveSimulator;
import dev.salesagent.crm.spi.CrmConfig;
import java.util.HashMap;
import java.util.Map;

/** Configurations pointing a client at a {@link PipedriveSimulator}. */
final class PipedriveTestConfig {

    private PipedriveTestConfig() {
    }

    /** API token auth, the domain field and the employee/industry mappings. */
    static CrmConfig apiToken(PipedriveSimulator sim) {
        return CrmConfig.of(base(sim, Map.of(PipedriveConfig.API_TOKEN, PipedriveSimulator.API_TOKEN)));
    }

    /** OAuth 2.0 with the simulator's token endpoint. */
    static CrmConfig oauth(PipedriveSimulator sim) {
        return CrmConfig.of(base(sim, Map.of(PipedriveConfig.CLIENT_ID, PipedriveSimulator.CLIENT_ID,
                PipedriveConfig.CLIENT_SECRET, PipedriveSimulator.CLIENT_SECRET,
                PipedriveConfig.REFRESH_TOKEN, PipedriveSimulator.REFRESH_TOKEN,
                PipedriveConfig.TOKEN_URL, sim.baseUrl() + "/oauth/token")));
    }

    private static Map<String, String> base(PipedriveSimulator sim, Map<String, String> auth) {
        Map<String, String> m = new HashMap<>(auth);
        m.put("baseUrl", sim.baseUrl());
        m.put(PipedriveConfig.ORGANIZATION_DOMAIN_FIELD, PipedriveSimulator.ORG_DOMAIN_FIELD);
        m.put("fieldMapping.account.employees", PipedriveSimulator.ORG_EMPLOYEES_FIELD);
        m.put("fieldMapping.account.industry", PipedriveSimulator.ORG_INDUSTRY_FIELD);
        m.put("rateLimitRequests", "100000");
        return m;
    }
}
