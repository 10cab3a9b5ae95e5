package dev.salesagent.crm;

import java.util.List;

/** Stock levels; read-only. */
public interface InventoryOperations {

    /**
     * Stock of the item per location (one {@link InventoryLevel} per location; a vendor without
     * locations returns one level with {@code location == null}).
     *
     * @param sku the item's SKU, exact match
     * @return the levels, one per location; never empty for an existing item
     * @throws CrmNotFoundException if no item has this SKU
     */
    List<InventoryLevel> availability(String sku);
}
