package dev.salesagent.server.command.readmodel;

import dev.salesagent.crm.CrmException;
import dev.salesagent.crm.CrmClient;
import dev.salesagent.crm.CrmNotFoundException;
import dev.salesagent.crm.CrmValidationException;
import dev.salesagent.crm.NewSalesOrder;
import dev.salesagent.crm.SalesOrder;
import dev.salesagent.crm.SalesOrderLine;
import dev.salesagent.server.command.CommandConfiguration;
import dev.salesagent.server.command.TenantWork;
import dev.salesagent.server.platform.audit.AuditTrail;
import dev.salesagent.server.platform.crm.TenantCrmClients;
import dev.salesagent.server.platform.security.CurrentUser;
import dev.salesagent.server.platform.security.PlatformAuthentication;
import dev.salesagent.server.platform.web.Page;
import dev.salesagent.server.platform.web.PlatformException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Dashboard, orders, customers and products over the read model, within the caller's data scope. The first call of a
 * tenant fills its read model (initial sync).
 */
@RestController
@Tag(name = "Command center: dashboard, orders, catalog")
class ReadModelController {

    private final ReadModelStore store;
    private final ReadModelSync sync;
    private final DashboardMetrics metrics;
    private final TenantWork work;
    private final CommandConfiguration command;
    private final TenantCrmClients crms;
    private final AuditTrail audit;

    ReadModelController(ReadModelStore store, ReadModelSync sync, DashboardMetrics metrics, TenantWork work,
                        CommandConfiguration command, TenantCrmClients crms, AuditTrail audit) {
        this.store = store;
        this.sync = sync;
        this.metrics = metrics;
        this.work = work;
        this.command = command;
        this.crms = crms;
        this.audit = audit;
    }

    /** One line of {@code POST /api/v1/orders}. */
    record NewLine(@NotBlank String sku, @NotNull @Positive BigDecimal quantity,
                   @NotNull @PositiveOrZero BigDecimal unitPrice) {
    }

    /** Body of {@code POST /api/v1/orders}. */
    record NewOrder(@NotBlank String customerId, @NotEmpty @Size(max = 200) List<@Valid NewLine> lines,
                    LocalDate orderDate, @Size(max = 2000) String memo) {
    }

    @GetMapping("/api/v1/dashboard/overview")
    @PreAuthorize("hasAuthority('dashboard:read')")
    @Operation(summary = "KPIs of the as-of month, the month before and the as-of day, statuses, revenue by category"
            + " and by month, top customers")
    Map<String, Object> overview(@RequestParam(name = "as_of", required = false)
                                 @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate asOf) {
        CurrentUser user = ready();
        return metrics.overview(user.tenantId(), DataScopeFilter.of(user), command.asOf(user.tenantId(), asOf));
    }

    @GetMapping("/api/v1/dashboard/pipeline")
    @PreAuthorize("hasAuthority('dashboard:read')")
    @Operation(summary = "Pipeline by stage with amounts, weighted forecast and win rate")
    Map<String, Object> pipeline() {
        CurrentUser user = ready();
        return metrics.pipeline(user.tenantId(), DataScopeFilter.of(user));
    }

    @GetMapping("/api/v1/orders")
    @PreAuthorize("hasAuthority('orders:read')")
    @Operation(summary = "Orders, newest order date first, filtered and cursor-paged")
    Page<ReadModelStore.OrderRow> orders(
            @RequestParam(required = false) String status,
            @RequestParam(name = "customer_id", required = false) String customerId,
            @RequestParam(required = false) String customer,
            @RequestParam(required = false) String region,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
            @RequestParam(name = "min_total", required = false) BigDecimal minTotal,
            @RequestParam(name = "max_total", required = false) BigDecimal maxTotal,
            @RequestParam(required = false) String cursor,
            @RequestParam(required = false) Integer limit) {
        CurrentUser user = ready();
        int size = Page.limit(limit);
        KeysetCursor after = KeysetCursor.decode(cursor);
        ReadModelStore.OrderFilter filter = new ReadModelStore.OrderFilter(blank(status), blank(customerId),
                blank(customer), blank(region), from, to, minTotal, maxTotal);
        return work.in(user.tenantId(), () -> store.orders(user.tenantId(), DataScopeFilter.of(user), filter, after,
                size));
    }

    @GetMapping("/api/v1/orders/{id}")
    @PreAuthorize("hasAuthority('orders:read')")
    @Operation(summary = "One order with its lines")
    ReadModelStore.OrderRow order(@PathVariable String id) {
        CurrentUser user = ready();
        return work.in(user.tenantId(), () -> store.order(user.tenantId(), DataScopeFilter.of(user), id))
                .orElseThrow(() -> PlatformException.notFound("order"));
    }

    @PostMapping("/api/v1/orders")
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize("hasAuthority('orders:write')")
    @Operation(summary = "Create an order in the tenant's CRM (Idempotency-Key header: the same key creates once)")
    ReadModelStore.OrderRow create(@Valid @RequestBody NewOrder body,
                                   @RequestHeader(name = "Idempotency-Key", required = false) String key) {
        CurrentUser user = ready();
        SalesOrder created;
        try {
            CrmClient crm = crms.forTenant(user.tenantId());
            NewSalesOrder.Builder order = NewSalesOrder.builder()
                    .customerId(crm.accounts().get(body.customerId()).id())
                    .idempotencyKey(key == null || key.isBlank() ? "api-" + UUID.randomUUID() : "api-" + key)
                    .currency("USD").orderDate(body.orderDate()).memo(body.memo());
            body.lines().forEach(l -> order.line(SalesOrderLine.ofSku(l.sku(), l.quantity(), l.unitPrice())));
            created = crm.salesOrders().create(order.build()).record();
        } catch (CrmNotFoundException | CrmValidationException e) {
            throw new PlatformException(HttpStatus.valueOf(422), "order-invalid", "Order refused",
                    e.getMessage());
        } catch (CrmException e) {
            throw new PlatformException(HttpStatus.BAD_GATEWAY, "crm-unavailable", "CRM unavailable",
                    "The CRM did not accept the order: " + e.getClass().getSimpleName());
        }
        sync.recordCreated(user.tenantId(), user.id(), created, "order");
        audit.record("order.created", "order", created.id().value(), Map.of("total", created.total(),
                "idempotency_key", created.idempotencyKey() == null ? "" : created.idempotencyKey()));
        return work.in(user.tenantId(), () -> store.order(user.tenantId(), DataScopeFilter.tenant(),
                created.id().value())).orElseThrow();
    }

    private CurrentUser ready() {
        CurrentUser user = PlatformAuthentication.require();
        sync.ensureSynced(user.tenantId());
        return user;
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    @GetMapping("/api/v1/customers")
    @PreAuthorize("hasAuthority('catalog:read')")
    @Operation(summary = "Customers by name with order count and revenue (q: name contains)")
    Page<ReadModelStore.CustomerRow> customers(@RequestParam(required = false) String q,
                                               @RequestParam(required = false) String cursor,
                                               @RequestParam(required = false) Integer limit) {
        CurrentUser user = ready();
        int size = Page.limit(limit);
        KeysetCursor after = KeysetCursor.decode(cursor);
        return work.in(user.tenantId(), () -> store.customers(user.tenantId(), DataScopeFilter.of(user), q, after,
                size));
    }

    @GetMapping("/api/v1/products")
    @PreAuthorize("hasAuthority('catalog:read')")
    @Operation(summary = "Products by name with list price, units sold and revenue (q: name or SKU; category)")
    Page<ReadModelStore.ProductRow> products(@RequestParam(required = false) String q,
                                             @RequestParam(required = false) String category,
                                             @RequestParam(required = false) String cursor,
                                             @RequestParam(required = false) Integer limit) {
        CurrentUser user = ready();
        int size = Page.limit(limit);
        KeysetCursor after = KeysetCursor.decode(cursor);
        return work.in(user.tenantId(), () -> store.products(user.tenantId(), q, category, after, size));
    }
}
