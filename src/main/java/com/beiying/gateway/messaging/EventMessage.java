package com.beiying.gateway.messaging;

import com.beiying.gateway.domain.Direction;
import com.beiying.gateway.domain.Game;
import com.beiying.gateway.domain.OrderStatus;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

/**
 * One event of a member's history (docs/events.md), as the gateway's code makes it; the Avro
 * {@code Event} is made from it only in {@link MessageCodec}. The id is derived from what the
 * event is about, so the same change always yields the same id: a command delivered twice, or
 * settled by the request and by the resolver at once, can never produce two different events.
 */
public record EventMessage(String eventId, Instant occurredAt, String operatorId, String userName, String requestId, Data data) {

    /** The event's own fields, one record per event type. */
    public sealed interface Data permits MemberRegistered, MemberLoggedIn, PasswordChanged, MemberLocked, TransferSettled,
            TransferUnresolved {
        /** The event type's name, as {@code eventType} and the {@code ce_type} header carry it. */
        default String type() {
            return getClass().getSimpleName();
        }
    }

    /** A member was registered. */
    public record MemberRegistered(long userId) implements Data {
    }

    /** A member logged in to a game (a launch session was made). */
    public record MemberLoggedIn(Game game, String platform, String language, String gameId, String sessionId) implements Data {
    }

    /** A member's password was changed. */
    public record PasswordChanged() implements Data {
    }

    /** A member was locked ({@code locked}) or unlocked. */
    public record MemberLocked(boolean locked) implements Data {
    }

    /** Who settled a transfer: the provider's answer to the request, or the resolver later. */
    public enum SettledBy { REQUEST, RESOLVER }

    /** A transfer reached its final state, SUCCESS or FAILED. */
    public record TransferSettled(String orderId, Game game, Direction action, BigDecimal amount, OrderStatus status,
                                  BigDecimal balance, String failure, SettledBy settledBy, Instant createdAt) implements Data {
    }

    /** A transfer is still without a final state past the alert time. */
    public record TransferUnresolved(String orderId, Game game, Direction action, BigDecimal amount, Instant createdAt)
            implements Data {
    }

    /** The Kafka key: {@code <OperatorId>:<UserName>}, so one member's events stay in order. */
    public String key() {
        return Correlation.memberKey(operatorId, userName);
    }

    /**
     * An event about {@code subject} (a request id, or an order id for what befalls a transfer),
     * with an id that depends on nothing else.
     */
    public static EventMessage of(String operatorId, String userName, String requestId, String subject, Instant occurredAt,
                                  Data data) {
        String name = operatorId + '\n' + subject + '\n' + data.type();
        return new EventMessage(UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString(), occurredAt, operatorId,
                userName, requestId, data);
    }
}
