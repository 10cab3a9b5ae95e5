package dev.salesagent.crm.netsuite;

import dev.salesagent.crm.CrmClient;
import java.util.Map;

/**
 * The compatibility kit again with token-based authentication: every request shape the adapter sends (record GET with
 * {@code expandSubResources}, PUT with {@code replace}, SuiteQL with {@code limit}/{@code offset}) must carry a
 * signature the simulator verifies independently. Smaller paging and batch sizes: the signatures, not the volume, are
 * under test here.
 */
class NetSuiteTbaCompatibilityTest extends NetSuiteCrmClientCompatibilityTest {

    @Override
    protected CrmClient createClient() {
        Map<String, String> config = fx.tba();
        config.put("fieldMapping.account.industry", "custentity_sa_industry");
        config.put("fieldMapping.account.employees", "custentity_sa_employees");
        return fx.client(config).build();
    }

    @Override
    protected int pagingRecordCount() {
        return 25;
    }

    @Override
    protected int batchRecordCount() {
        return 12;
    }
}
