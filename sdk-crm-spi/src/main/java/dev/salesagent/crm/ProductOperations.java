package dev.salesagent.crm;

import java.util.Optional;

/** Products (items); read-only through the SPI. */
public interface ProductOperations {

    /**
     * {@return the product with this SKU (exact match), if any}
     *
     * @param sku the SKU, exact (case-sensitive) match
     */
    Optional<Product> findBySku(String sku);

    /**
     * The product with this remote id.
     *
     * @param id the vendor's remote id
     * @return the product
     * @throws CrmNotFoundException if there is none
     */
    Product get(String id);

    /**
     * Products whose SKU, name or description contains {@code text} (case-insensitive; vendors may
     * use their own full-text matching). {@code null} or blank text lists all products.
     *
     * @param text the text to look for; {@code null} or blank lists all products
     * @param page which page, e.g. {@link PageRequest#first()}
     * @return one page of matching products
     */
    Page<Product> search(String text, PageRequest page);
}
