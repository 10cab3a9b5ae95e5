package dev.salesagent.crm.spi;

import dev.salesagent.common.retry.Sleeper;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;

/**
 * What the application hands every client created through a {@link CrmClientProvider}, besides the string
 * {@link CrmConfig}: its Micrometer registries, its clock and how retries wait. Immutable and thread-safe; built with
 * {@link #builder()}, or {@link #defaults()} for none. Every adapter builder takes them in one call,
 * e.g. {@code HubSpotCrmClient.builder(config).options(options)}, instead of one setter each.
 *
 * <pre>{@code
 * CrmClientOptions options = CrmClientOptions.builder().meterRegistry(meterRegistry).build();
 * CrmClient crm = CrmClients.create("hubspot", config, options);
 * }</pre>
 *
 * Providers that send HTTP through {@link dev.salesagent.crm.http.CrmHttpClient} pass the registries to it, so the
 * timer {@value dev.salesagent.crm.http.CrmHttpClient#METRIC_REQUESTS} and the observation
 * {@value dev.salesagent.crm.http.CrmHttpClient#OBSERVATION_CALL} appear in the application's registries. A provider
 * that sends no requests (the {@code memory} sandbox) uses only the clock.
 * {@link dev.salesagent.crm.http.CrmHttpClient.Builder#options(CrmClientOptions)} applies all of them to the shared
 * HTTP client at once.
 */
public final class CrmClientOptions {

    private static final Sleeper THREAD_SLEEP = Sleeper.threadSleep();
    private static final CrmClientOptions DEFAULTS = new CrmClientOptions(builder());

    private final MeterRegistry meterRegistry;
    private final ObservationRegistry observationRegistry;
    private final Clock clock;
    private final Sleeper sleeper;

    private CrmClientOptions(Builder b) {
        this.meterRegistry = b.meterRegistry;
        this.observationRegistry = b.observationRegistry;
        this.clock = b.clock;
        this.sleeper = b.sleeper;
    }

    /**
     * {@return the defaults: no meter registry, no observation registry, the UTC system clock, {@link
     *    Sleeper#threadSleep()}}
     */
    public static CrmClientOptions defaults() {
        return DEFAULTS;
    }

    /** {@return a builder starting from {@link #defaults()}} */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A builder starting from these options, to change one of them.
     *
     * @return a new builder holding these options; changing it leaves these options unchanged
     */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.meterRegistry = meterRegistry;
        b.observationRegistry = observationRegistry;
        b.clock = clock;
        b.sleeper = sleeper;
        return b;
    }

    /** {@return registry for the client's timers (e.g. {@code salesagent.crm.requests}); default empty (no metrics)} */
    public Optional<MeterRegistry> meterRegistry() {
        return Optional.ofNullable(meterRegistry);
    }

    /** {@return registry for the client's observations (e.g. {@code salesagent.crm.call}); default empty (none)} */
    public Optional<ObservationRegistry> observationRegistry() {
        return Optional.ofNullable(observationRegistry);
    }

    /**
     * {@return the clock for record timestamps, token expiry, cache expiry and quotas; default {@link
     *    Clock#systemUTC()}}
     */
    public Clock clock() {
        return clock;
    }

    /**
     * How the client waits between retry attempts (honouring {@code Retry-After}); default
     * {@link Sleeper#threadSleep()}. Tests inject one that records the waits instead of sleeping.
     *
     * @return how retries wait; never {@code null}
     */
    public Sleeper sleeper() {
        return sleeper;
    }

    @Override
    public String toString() {
        return "CrmClientOptions[meterRegistry=" + (meterRegistry == null ? "none" : meterRegistry.getClass().getSimpleName())
                + ", observationRegistry=" + (observationRegistry == null ? "none" : "set") + ", clock=" + clock + ", sleeper=" + (sleeper == THREAD_SLEEP ? "threadSleep" : "custom") + "]";
    }

    /** Builder of {@link CrmClientOptions}; not thread-safe. */
    public static final class Builder {
        private MeterRegistry meterRegistry;
        private ObservationRegistry observationRegistry;
        private Clock clock = Clock.systemUTC();
        private Sleeper sleeper = THREAD_SLEEP;

        private Builder() {
        }

        /**
         * The application's meter registry; {@code null} means none (the default).
         *
         * @param meterRegistry the registry the client's timers go to, or {@code null} for none
         * @return this builder
         */
        public Builder meterRegistry(MeterRegistry meterRegistry) {
            this.meterRegistry = meterRegistry;
            return this;
        }

        /**
         * The application's observation registry; {@code null} means none (the default).
         *
         * @param observationRegistry the registry the client's observations go to, or {@code null} for none
         * @return this builder
         */
        public Builder observationRegistry(ObservationRegistry observationRegistry) {
            this.observationRegistry = observationRegistry;
            return this;
        }

        /**
         * The clock; default {@link Clock#systemUTC()}.
         *
         * @param clock the clock for record timestamps, token expiry, cache expiry and quotas
         * @return this builder
         * @throws NullPointerException if {@code clock} is null
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * How retries wait; default {@link Sleeper#threadSleep()}.
         *
         * @param sleeper how the client waits between retry attempts
         * @return this builder
         * @throws NullPointerException if {@code sleeper} is null
         */
        public Builder sleeper(Sleeper sleeper) {
            this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
            return this;
        }

        /** {@return the immutable options} */
        public CrmClientOptions build() {
            return new CrmClientOptions(this);
        }
    }
}
