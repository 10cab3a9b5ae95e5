package dev.salesagent.crm;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * Stock of one item at one location.
 *
 * @param productId the item's CRM id
 * @param sku       the item's SKU
 * @param location  the location (warehouse) name, or {@code null} for the total over all locations
 * @param available quantity that can be promised (on hand minus committed), in the item's unit
 * @param onHand    quantity physically on hand, in the item's unit
 * @param asOf      when the CRM computed the figures
 */
public record InventoryLevel(CrmId productId, String sku, String location, BigDecimal available, BigDecimal onHand,
                             Instant asOf) {
}
