package dev.salesagent.crm;

import java.util.List;

/** Stock levels; read-only. */
public interface InventoryOperations {

    /**
     * Stock of the item per location (one {@link InventoryLevel} per location; a vendor without
     * locations returns one level with {@code location == null}).
     *
     * @throws CrmNotFoundException if no item has this SKU
     */
    List<InventoryLevel> availability(String sku);
}
