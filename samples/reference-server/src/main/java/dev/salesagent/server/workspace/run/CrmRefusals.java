package dev.salesagent.server.workspace.run;

import dev.salesagent.crm.CrmAuthenticationException;
import dev.salesagent.crm.CrmClient;
import dev.salesagent.crm.CrmException;
import dev.salesagent.crm.CrmPermissionException;
import dev.salesagent.crm.CrmRateLimitException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Watches one run's calls to the tenant's CRM for whole-call refusals: authentication ({@link
 * CrmAuthenticationException}, HTTP 401), permission ({@link CrmPermissionException}, 403) and rate limits ({@link
 * CrmRateLimitException}, 429 after the adapter's own retries). The pipeline treats a failed read during a lead's
 * analysis (account look-up, duplicate check) as that lead's problem and carries on; a refusal of this kind says the
 * whole CRM is unusable for the tenant, so the worker ends the run {@code failed} with the provider's message
 * instead of {@code completed} with the error hidden in each lead. Per-record rejections (validation, conflict,
 * not found) are not refusals: they stay on their leads.
 *
 * <p>The exception still propagates to the caller unchanged; the watch only remembers the first refusal.
 */
final class CrmRefusals {

    private final AtomicReference<CrmException> first = new AtomicReference<>();

    /** Whether a failure refuses the whole CRM for the tenant rather than one record. */
    static boolean refusal(Throwable t) {
        return t instanceof CrmAuthenticationException || t instanceof CrmPermissionException
                || t instanceof CrmRateLimitException;
    }

    /**
     * The client seen through this watch: every call is delegated; the operation interfaces it returns (contacts,
     * accounts, notes, ...) are watched too.
     *
     * @param crm the tenant's client
     * @return the watched client
     */
    CrmClient watch(CrmClient crm) {
        return wrap(CrmClient.class, crm);
    }

    /** The first refusal seen, if any. */
    Optional<CrmException> first() {
        return Optional.ofNullable(first.get());
    }

    @SuppressWarnings("unchecked")
    private <T> T wrap(Class<T> type, T target) {
        return (T) Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type},
                (proxy, method, args) -> invoke(target, method, args));
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private Object invoke(Object target, Method method, Object[] args) throws Throwable {
        if (method.getDeclaringClass() == Object.class) {
            return switch (method.getName()) {
                case "equals" -> args[0] == target;
                case "hashCode" -> System.identityHashCode(target);
                default -> method.invoke(target, args);
            };
        }
        Object result;
        try {
            result = method.invoke(target, args);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (refusal(cause)) {
                first.compareAndSet(null, (CrmException) cause);
            }
            throw cause;
        }
        Class<?> returned = method.getReturnType();
        if (result != null && returned.isInterface() && returned.getPackageName().equals("dev.salesagent.crm")
                && returned.getSimpleName().endsWith("Operations")) {
            return wrap((Class) returned, result);
        }
        return result;
    }
}
