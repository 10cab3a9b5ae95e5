package dev.salesagent.crm;

import java.util.Optional;

/** Products (items); read-only through the SPI. */
public interface ProductOperations {

    /** {@return the product with this SKU (exact match), if any} */
    Optional<Product> findBySku(String sku);

    /**
     * The product with this remote id.
     *
     * @throws CrmNotFoundException if there is none
     */
    Product get(String id);

    /**
     * Products whose SKU, name or description contains {@code text} (case-insensitive; vendors may
     * use their own full-text matching). {@code null} or blank text lists all products.
     */
    Page<Product> search(String text, PageRequest page);
}
