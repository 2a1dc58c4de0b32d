package com.beiying.gateway.worker.transfer;

import com.beiying.gateway.config.ConditionalOnRole;
import com.beiying.gateway.config.GatewayProperties;
import com.beiying.gateway.config.Role;
import com.beiying.gateway.domain.CommandKind;
import com.beiying.gateway.domain.Operator;
import com.beiying.gateway.domain.OrderStatus;
import com.beiying.gateway.error.Errors;
import com.beiying.gateway.error.GatewayException;
import com.beiying.gateway.messaging.CommandMessage;
import com.beiying.gateway.messaging.Correlation;
import com.beiying.gateway.messaging.EventMessage;
import com.beiying.gateway.messaging.Replies;
import com.beiying.gateway.messaging.ReplyMessage;
import com.beiying.gateway.messaging.ReplyStore;
import com.beiying.gateway.messaging.Topics;
import com.beiying.gateway.persistence.MemberStore;
import com.beiying.gateway.persistence.OperatorDirectory;
import com.beiying.gateway.persistence.OrderStore;
import com.beiying.gateway.provider.ProviderAdapter.TransferResult;
import com.beiying.gateway.provider.ProviderAdapter.TransferState;
import com.beiying.gateway.provider.ProviderAdapter;
import com.beiying.gateway.provider.ProviderRegistry;
import com.beiying.gateway.wallet.Ledger;
import com.beiying.gateway.worker.ReplyPublisher;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Settles transfers whose outcome is unknown (a lost answer, a timeout, a worker that died between
 * the provider call and its commit) by asking the provider, on every worker, until each is final,
 * backing off per order (2 s, 4 s, 8 s … at most 5 minutes between attempts).
 * An order the provider never saw is sent again with the same key, which either applies it or
 * refuses it for good; the provider applies one key once, so racing resolvers cannot move money
 * twice, and settling an order already final changes nothing. The resolver that settles an order
 * publishes its final state as a TRANSFER reply under the order's original request id.
 */
@Component
@ConditionalOnRole(Role.WORKER)
class TransferResolver {
    private static final Logger log = LoggerFactory.getLogger(TransferResolver.class);

    private final Jdbi jdbi;
    private final OrderStore orders;
    private final MemberStore members;
    private final ProviderRegistry providers;
    private final OperatorDirectory operators;
    private final Topics topics;
    private final ReplyStore replies;
    private final ReplyPublisher publisher;
    private final Duration settleAfter;
    private final Duration unresolvedAlert;
    private final TransferEvents events;
    private final Clock clock;
    /** Orders past settle-after without a final state, as of the last pass; -1 before the first. */
    private final AtomicLong backlog = new AtomicLong(-1);

    TransferResolver(Jdbi jdbi, OrderStore orders, MemberStore members, ProviderRegistry providers, OperatorDirectory operators,
                     Topics topics, ReplyStore replies, ReplyPublisher publisher, GatewayProperties properties, TransferEvents events,
                     Clock clock, MeterRegistry meters) {
        this.jdbi = jdbi;
        this.orders = orders;
        this.members = members;
        this.providers = providers;
        this.operators = operators;
        this.topics = topics;
        this.replies = replies;
        this.publisher = publisher;
        this.settleAfter = properties.wallet().settleAfter();
        this.unresolvedAlert = properties.wallet().unresolvedAlert();
        this.events = events;
        this.clock = clock;
        // Counted by the pass rather than at each scrape, so a scrape never waits for the database.
        Gauge.builder("gateway.wallet.unresolved", backlog, b -> b.get() < 0 ? Double.NaN : b.get())
                .description("transfers older than gateway.wallet.settle-after without a final state (the resolver's backlog)")
                .register(meters);
    }

    /** One pass over the unresolved orders; scheduled. */
    @Scheduled(fixedDelayString = "${gateway.wallet.resolve-interval}")
    void resolve() {
        announceUnresolved();
        List<OrderStore.Order> due;
        try {
            backlog.set(orders.unresolvedCount(clock.instant().minus(settleAfter)));
            due = orders.dueForResolution(clock.instant().minus(settleAfter), clock.instant(), 200);
        } catch (RuntimeException e) {
            log.warn("resolver could not read unresolved orders: {}", e.toString());
            return;
        }
        for (OrderStore.Order order : due) {
            if (providers.circuitOpen(order.game())) {
                // Known to be down: the call would be refused unsent. Not an attempt, so the order's
                // backoff does not grow while nobody could ask; the first pass after the circuit
                // half-opens asks at once (a chaos run under load missed the 60 s promise when
                // refusals during a flapping circuit had pushed an order's next attempt past it).
                continue;
            }
            String unsettled;
            try {
                unsettled = resolve(order);
            } catch (RuntimeException e) {
                unsettled = e.toString();
            }
            if (unsettled != null) {
                log.info("order {}/{} still unresolved ({}), asked again after a backoff", order.operatorId(), order.orderId(),
                        unsettled);
                orders.backOff(order.operatorId(), order.orderId());
            }
        }
    }

    /** Announces, once each, the orders still unresolved past the alert time (TransferUnresolved). */
    private void announceUnresolved() {
        try {
            jdbi.useTransaction(h -> OrderStore.claimUnresolvedToReport(h, clock.instant().minus(unresolvedAlert), 200)
                    .forEach(order -> events.unresolved(h, order)));
        } catch (RuntimeException e) {
            log.warn("resolver could not announce unresolved orders: {}", e.toString());
        }
    }

    /** One attempt; null when the order is final afterwards, else why it is not. */
    private String resolve(OrderStore.Order order) {
        ProviderAdapter provider = providers.adapter(order.game());
        String account = members.providerAccount(order.memberId(), order.game())
                .orElseThrow(() -> new IllegalStateException("no provider account for member " + order.memberId()));
        TransferResult result = provider.transferStatus(account, TransferHandler.keyOf(order));
        if (result.state() == TransferState.FAILED && Errors.ORDER_NOT_FOUND.name().equals(result.failure())) {
            try {
                result = provider.transfer(account, TransferHandler.keyOf(order), order.amount(), order.action());
            } catch (GatewayException refused) {
                return "not found, sending it again refused: " + refused.error();
            }
        }
        Optional<OrderStatus> status = TransferHandler.finalStatus(result.state());
        if (status.isEmpty()) {
            return "the provider says " + result.state();
        }
        TransferResult settled = result;
        // The order, its books and the request's stored reply become final together: whoever asks
        // for the request afterwards (GET /v1/requests, a repeat) sees the final state.
        ReplyMessage finalReply = jdbi.inTransaction(h -> {
            if (!Ledger.settle(h, order, status.get(), settled.failure(), settled.balance())) {
                return null;
            }
            events.settled(h, order, status.get(), settled.failure(), settled.balance(), EventMessage.SettledBy.RESOLVER);
            ReplyMessage reply = finalReply(OrderStore.order(h, order.operatorId(), order.orderId()).orElseThrow());
            replies.supersede(h, reply);
            return reply;
        });
        if (finalReply != null) {
            // Only the resolver that moved the order publishes, so each outcome is published once.
            log.info("order {}/{} settled by the resolver: {}", order.operatorId(), order.orderId(), status.get());
            boolean kafkaNative = operators.byId(order.operatorId()).map(Operator::kafkaNative).orElse(false);
            publisher.publish(topics.repliesOf(order.operatorId(), kafkaNative),
                    Correlation.memberKey(order.operatorId(), order.userName()), finalReply);
        }
        return null;
    }

    /** The reply the order's original request gets now that the order is final, in that request's language. */
    static ReplyMessage finalReply(OrderStore.Order order) {
        CommandMessage original = new CommandMessage(order.requestId(), order.operatorId(), CommandKind.TRANSFER, order.language(),
                Map.of(), null, order.createdAt());
        return Replies.of(original, TransferAnswers.of(order));
    }
}
