package dev.salesagent.crm.netsuite.internal.mapper;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.salesagent.crm.CrmId;
import dev.salesagent.crm.SalesOrder;
import dev.salesagent.crm.SalesOrderStatus;
import dev.salesagent.crm.netsuite.internal.api.SalesOrderRecord;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class OrderMapperTest {

    private final OrderMapper mapper = new OrderMapper("netsuite");

    @Test
    @DisplayName("a record GET with a discount and a description line maps to the item lines only, keeping the total")
    void realisticRecord() throws Exception {
        String json = """
                {"links":[],"id":"7001","externalId":"run-1/quote-9","tranId":"SO1042",
                 "entity":{"id":"107","refName":"Acme"},"tranDate":"2026-11-20",
                 "orderStatus":{"id":"B","refName":"Pending Fulfillment"},"total":1700.0,
                 "currency":{"id":"1","refName":"USA"},"createdDate":"2026-11-20T09:15:00Z",
                 "lastModifiedDate":"2026-11-20T09:16:30Z","customForm":{"id":"68"},
                 "item":{"links":[],"items":[
                   {"line":1,"item":{"id":"55","refName":"EB-100"},"quantity":2,"rate":900.0,"amount":1800.0},
                   {"line":2,"item":{"id":"-6","refName":"Spring discount"},"quantity":1,"rate":-100.0,"amount":-100.0},
                   {"line":3,"item":{"id":"-3","refName":"Description"}},
                   {"line":4,"item":{"id":"56","refName":"HELMET"},"quantity":4,"amount":0}
                 ],"totalResults":4}}""";
        SalesOrder o = mapper.order(new ObjectMapper().readValue(json, SalesOrderRecord.class),
                Map.of("1", "USD")::get);
        assertThat(o.id()).isEqualTo(new CrmId("netsuite", "7001"));
        assertThat(o.customerId()).isEqualTo(new CrmId("netsuite", "107"));
        assertThat(o.idempotencyKey()).isEqualTo("run-1/quote-9");
        assertThat(o.status()).isEqualTo(SalesOrderStatus.PENDING);
        assertThat(o.total()).isEqualByComparingTo("1700");
        assertThat(o.currency()).isEqualTo("USD");
        assertThat(o.orderDate()).isEqualTo(LocalDate.of(2026, 11, 20));
        assertThat(o.createdAt()).isEqualTo(Instant.parse("2026-11-20T09:15:00Z"));
        assertThat(o.lines()).extracting(l -> l.sku()).containsExactly("EB-100", "HELMET");
        assertThat(o.lines().get(1).unitPrice()).isEqualByComparingTo("0");
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"A, PENDING", "B, PENDING", "SalesOrd:B, PENDING", "C, CANCELLED", "D, PARTIALLY_FULFILLED",
            "E, PARTIALLY_FULFILLED", "F, FULFILLED", "G, FULFILLED", "H, CANCELLED"})
    @DisplayName("status letters map to SPI statuses and back")
    void statuses(String code, SalesOrderStatus status) {
        assertThat(OrderMapper.status(code)).isEqualTo(status);
        assertThat(OrderMapper.letters(status)).contains(code.substring(code.indexOf(':') + 1));
    }
}
