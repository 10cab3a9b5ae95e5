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

    /**
     * An operation of {@code capability} is not implemented, and the provider is not known where it is thrown (a
     * default method of an operations interface, e.g. {@link ContactOperations#delete(String)});
     * {@link #providerId()} is then {@code null}.
     *
     * @param capability the capability asked for; not {@code null}
     * @throws NullPointerException if {@code capability} is null
     */
    public UnsupportedCapabilityException(CrmCapability capability) {
        super("this CRM adapter does not support " + Objects.requireNonNull(capability, "capability"), null);
        this.capability = capability;
    }

    /** {@return the capability that was asked for} */
    public CrmCapability capability() {
        return capability;
    }
}
