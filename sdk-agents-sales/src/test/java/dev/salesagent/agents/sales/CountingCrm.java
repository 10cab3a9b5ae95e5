package dev.salesagent.agents.sales;

import dev.salesagent.crm.CrmClient;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** Wraps a CRM client and counts calls per operation, e.g. {@code contacts.upsertAll}. */
public final class CountingCrm {

    private static final Set<String> OPERATION_GROUPS = Set.of("contacts", "accounts", "notes", "opportunities",
            "salesOrders", "products", "inventory", "customers");

    public final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
    public final CrmClient client;

    public CountingCrm(CrmClient delegate) {
        this.client = (CrmClient) proxy(CrmClient.class, delegate, "");
    }

    public int count(String operation) {
        AtomicInteger n = calls.get(operation);
        return n == null ? 0 : n.get();
    }

    private Object proxy(Class<?> type, Object delegate, String prefix) {
        return Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[]{type}, (p, m, args) -> {
            try {
                Object result = m.invoke(delegate, args);
                if (prefix.isEmpty() && OPERATION_GROUPS.contains(m.getName()) && m.getReturnType().isInterface()) {
                    return proxy(m.getReturnType(), result, m.getName() + ".");
                }
                if (!prefix.isEmpty()) {
                    calls.computeIfAbsent(prefix + m.getName(), k -> new AtomicInteger()).incrementAndGet();
                }
                return result;
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        });
    }
}
