package dev.kontor.channels.mirakl;

import dev.kontor.channels.mirakl.MarketplaceAccounts.Account;
import dev.kontor.orders.OrderData;
import dev.kontor.orders.OrderErrors.OrderActionRejected;
import dev.kontor.orders.OrderErrors.OrderSourceUnavailable;
import dev.kontor.orders.OrderSource;
import dev.kontor.shared.NotFound;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;

/** Orders of Mirakl accounts: OR11 to read, OR29 to cancel, OR21 to refuse (and accept) lines. */
@Component
class MiraklOrders implements OrderSource {

    private final MarketplaceAccounts accounts;
    private final MiraklClient client;

    MiraklOrders(MarketplaceAccounts accounts, MiraklClient client) {
        this.accounts = accounts;
        this.client = client;
    }

    @Override
    public boolean serves(long channelId) {
        return accounts.servesChannel(channelId);
    }

    @Override
    public Optional<OrderData> fetch(long channelId, String orderId) {
        Account account = account(channelId);
        return call(() -> client.orders(account.target(), List.of(orderId))).stream()
                .filter(o -> orderId.equals(o.orderId()))
                .findFirst()
                .map(MiraklOrders::toOrderData);
    }

    @Override
    public void cancel(long channelId, String orderId) {
        Account account = account(channelId);
        call(() -> {
            client.cancel(account.target(), orderId);
            return null;
        });
    }

    @Override
    public void refuseLines(long channelId, String orderId, List<String> lineIds, boolean acceptOthers) {
        Account account = account(channelId);
        Map<String, Boolean> decisions = new LinkedHashMap<>();
        if (acceptOthers) {
            fetch(channelId, orderId)
                    .ifPresent(order -> order.lines().stream()
                            .filter(OrderData.Line::awaitsAcceptance)
                            .forEach(l -> decisions.put(l.lineId(), true)));
        }
        lineIds.forEach(id -> decisions.put(id, false));
        call(() -> {
            client.accept(account.target(), orderId, decisions);
            return null;
        });
    }

    /** The account to call; a marketplace that refused the key or asked to wait is not called again now. */
    private Account account(long channelId) {
        Account account = accounts.accountOfChannel(channelId)
                .orElseThrow(() -> new NotFound("marketplace account of channel " + channelId));
        accounts.unavailable(account.id()).ifPresent(reason -> {
            throw new OrderSourceUnavailable(reason, null);
        });
        return account;
    }

    /** The marketplace's refusals become the agent's answer; everything else means "try later". */
    private static <T> T call(Supplier<T> call) {
        try {
            return call.get();
        } catch (MiraklFailure f) {
            throw switch (f.kind()) {
                case REJECTED, NOT_FOUND -> new OrderActionRejected(f.getMessage());
                default -> new OrderSourceUnavailable(f.getMessage(), f);
            };
        }
    }

    static OrderData toOrderData(MiraklApi.Order o) {
        String customer = o.customer() == null
                ? null
                : (nullToEmpty(o.customer().firstname()) + " "
                                + nullToEmpty(o.customer().lastname()))
                        .strip();
        List<OrderData.Line> lines = o.orderLines() == null
                ? List.of()
                : o.orderLines().stream()
                        .map(l -> new OrderData.Line(
                                l.orderLineId(),
                                l.offerSku(),
                                l.productTitle(),
                                l.quantity(),
                                l.priceUnit(),
                                l.price(),
                                l.orderLineState()))
                        .toList();
        return new OrderData(
                o.orderId(),
                o.commercialId(),
                o.orderState(),
                o.canCancel(),
                o.currencyIsoCode(),
                o.totalPrice(),
                o.shippingPrice(),
                o.shippingCompany() != null ? o.shippingCompany() : o.shippingCarrierCode(),
                o.shippingTracking(),
                o.shippingTrackingUrl(),
                o.shippingDeadline(),
                customer == null || customer.isEmpty() ? null : customer,
                o.customerNotificationEmail(),
                o.createdDate(),
                o.lastUpdatedDate(),
                lines);
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
