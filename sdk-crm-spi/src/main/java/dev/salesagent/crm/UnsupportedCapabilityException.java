package dev.salesagent.crm;

import java.util.Objects;

/** The client was asked for operations of a {@link CrmCapability} it does not declare. */
public class UnsupportedCapabilityException extends CrmException {

    /** The capability that was asked for. */
    private final CrmCapability capability;

    /**
     * The provider {@code providerId} does not support {@code capability}.
     *
     * @param providerId the provider id, e.g. {@code netsuite}
     * @param capability the capability asked for; not {@code null}
     * @throws NullPointerException if {@code capability} is null
     */
    public UnsupportedCapabilityException(String providerId, CrmCapability capability) {
        super("CRM provider '" + providerId + "' does not support " + Objects.requireNonNull(capability, "capability"),
                ErrorDetails.of(providerId));
        this.capability = capability;
    }

    /** {@return the capability that was asked for} */
    public CrmCapability capability() {
        return capability;
    }
}
