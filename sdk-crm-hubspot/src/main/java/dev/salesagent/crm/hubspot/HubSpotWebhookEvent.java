package dev.salesagent.crm.hubspot;

import java.time.Instant;
import java.util.Objects;

/**
 * One event of a HubSpot webhook delivery (HubSpot sends a JSON array of up to 100 events per request).
 *
 * @param eventId HubSpot's event id (not unique across subscriptions; combine with {@code subscriptionId})
 * @param subscriptionId id of the subscription that produced the event
 * @param portalId HubSpot account (portal) id
 * @param appId id of the app that owns the subscription
 * @param subscriptionType raw type, e.g. {@code contact.propertyChange} or {@code object.creation}
 * @param objectType CRM object type in singular form: {@code contact}, {@code company}, {@code deal}, {@code ticket},
 *     {@code product}, {@code line_item}, {@code note}; derived from {@code objectTypeId} for generic
 *     {@code object.*} subscriptions; the raw id (e.g. {@code 2-123}) for custom objects
 * @param eventType the part after the dot: {@code creation}, {@code deletion}, {@code propertyChange},
 *     {@code associationChange}, {@code merge}, {@code restore}, ...
 * @param objectId id of the changed record, as a string
 * @param propertyName changed property for {@code propertyChange} events, else null
 * @param propertyValue new value for {@code propertyChange} events, else null
 * @param changeSource what caused the change (e.g. {@code CRM_UI}, {@code API}), may be null
 * @param occurredAt when the change happened
 * @param attemptNumber delivery attempt, starting at 0
 * @see <a href="https://developers.hubspot.com/docs/guides/api/app-management/webhooks">Webhooks API</a>
 */
public record HubSpotWebhookEvent(
        long eventId,
        long subscriptionId,
        long portalId,
        long appId,
        String subscriptionType,
        String objectType,
        String eventType,
        String objectId,
        String propertyName,
        String propertyValue,
        String changeSource,
        Instant occurredAt,
        int attemptNumber) {

    /**
     * Checks the required components.
     *
     * @param eventId          HubSpot's event id
     * @param subscriptionId   id of the subscription that produced the event
     * @param portalId         HubSpot account (portal) id
     * @param appId            id of the app that owns the subscription
     * @param subscriptionType raw type, e.g. {@code contact.propertyChange}
     * @param objectType       CRM object type in singular form, e.g. {@code contact}
     * @param eventType        the part after the dot, e.g. {@code creation}
     * @param objectId         id of the changed record, as a string
     * @param propertyName     changed property for {@code propertyChange} events, else null
     * @param propertyValue    new value for {@code propertyChange} events, else null
     * @param changeSource     what caused the change, may be null
     * @param occurredAt       when the change happened
     * @param attemptNumber    delivery attempt, starting at 0
     * @throws NullPointerException if {@code subscriptionType} is null
     */
    public HubSpotWebhookEvent {
        Objects.requireNonNull(subscriptionType, "subscriptionType");
    }

    /** {@return true for {@code *.propertyChange} events} */
    public boolean isPropertyChange() {
        return "propertyChange".equals(eventType);
    }
}
