package dev.salesagent.crm.netsuite.internal.client;

import dev.salesagent.crm.netsuite.internal.mapper.SuiteQl;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Currency internal id <-> ISO code ({@code currency.symbol}), loaded once per client with one SuiteQL query and
 * reloaded when an unknown code or id is asked for (a currency was added).
 */
final class CurrencyDirectory {

    private final NetSuiteApi api;
    private final Map<String, String> codeById = new ConcurrentHashMap<>();
    private final Map<String, String> idByCode = new ConcurrentHashMap<>();

    CurrencyDirectory(NetSuiteApi api) {
        this.api = api;
    }

    Optional<String> idOf(String code) {
        String key = code.toUpperCase(Locale.ROOT);
        if (!idByCode.containsKey(key)) {
            load();
        }
        return Optional.ofNullable(idByCode.get(key));
    }

    String codeOf(String id) {
        if (id == null) {
            return null;
        }
        if (!codeById.containsKey(id)) {
            load();
        }
        return codeById.get(id);
    }

    private void load() {
        for (ObjectNode row : api.suiteQlAll("SELECT cur.id, cur.symbol FROM currency cur ORDER BY cur.id",
                "currencies.list")) {
            String id = SuiteQl.text(row, "id");
            String symbol = SuiteQl.text(row, "symbol");
            if (id != null && symbol != null) {
                codeById.put(id, symbol.toUpperCase(Locale.ROOT));
                idByCode.put(symbol.toUpperCase(Locale.ROOT), id);
            }
        }
    }
}
