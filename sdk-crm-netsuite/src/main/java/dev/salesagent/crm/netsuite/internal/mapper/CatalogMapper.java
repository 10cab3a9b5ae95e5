package dev.salesagent.crm.netsuite.internal.mapper;

import static dev.salesagent.crm.netsuite.internal.mapper.SuiteQl.decimal;
import static dev.salesagent.crm.netsuite.internal.mapper.SuiteQl.instant;
import static dev.salesagent.crm.netsuite.internal.mapper.SuiteQl.text;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.salesagent.crm.CrmId;
import dev.salesagent.crm.CustomerCredit;
import dev.salesagent.crm.InventoryLevel;
import dev.salesagent.crm.Product;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;

/**
 * Maps SuiteQL rows of items (with the base price, price level 1), item/location availability and customer credit.
 */
public final class CatalogMapper {

    private final String provider;
    private final ZoneId zone;

    public CatalogMapper(String provider, ZoneId zone) {
        this.provider = provider;
        this.zone = zone;
    }

    /** Select list + FROM of item queries ({@code i} = item, {@code p} = base price, {@code cur} = its currency). */
    public static String productSelect() {
        return "SELECT i.id, i.itemid, i.displayname, i.description, i.isinactive, p.unitprice, "
                + "cur.symbol AS currencysymbol, " + SuiteQl.datetimeColumn("i.createddate", EntityMapper.CREATED)
                + ", " + SuiteQl.datetimeColumn("i.lastmodifieddate", EntityMapper.MODIFIED)
                + " FROM item i LEFT JOIN pricing p ON p.item = i.id AND p.pricelevel = 1"
                + " LEFT JOIN currency cur ON cur.id = p.currency WHERE 1 = 1";
    }

    public Product product(ObjectNode row) {
        return Product.builder()
                .id(new CrmId(provider, text(row, "id")))
                .sku(text(row, "itemid"))
                .name(text(row, "displayname") != null ? text(row, "displayname") : text(row, "itemid"))
                .description(text(row, "description"))
                .unitPrice(decimal(row, "unitprice"))
                .currency(text(row, "currencysymbol"))
                .active(!SuiteQl.bool(row, "isinactive"))
                .createdAt(instant(row, EntityMapper.CREATED, zone))
                .updatedAt(instant(row, EntityMapper.MODIFIED, zone))
                .customFields(Map.of())
                .build();
    }

    /** A row of the availability query: {@code id}, {@code itemid}, {@code locationname}, quantities. */
    public InventoryLevel inventory(ObjectNode row, Instant asOf) {
        return new InventoryLevel(new CrmId(provider, text(row, "id")), text(row, "itemid"),
                text(row, "locationname"), orZero(decimal(row, "quantityavailable")),
                orZero(decimal(row, "quantityonhand")), asOf);
    }

    /**
     * A row of the credit query: {@code id}, {@code creditlimit}, {@code balancesearch}, {@code unbilledorderssearch},
     * {@code currencysymbol}. The open balance is the A/R balance plus unbilled orders (what NetSuite's credit check
     * counts when "Customer Credit Limit Includes Orders" is on); absent columns count as zero.
     */
    public CustomerCredit credit(ObjectNode row) {
        return new CustomerCredit(new CrmId(provider, text(row, "id")), decimal(row, "creditlimit"),
                orZero(decimal(row, "balancesearch")).add(orZero(decimal(row, "unbilledorderssearch"))),
                text(row, "currencysymbol"));
    }

    private static BigDecimal orZero(BigDecimal d) {
        return d == null ? BigDecimal.ZERO : d;
    }
}
