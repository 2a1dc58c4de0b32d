package com.beiying.gateway.messaging;

import com.beiying.gateway.domain.BetStatus;
import com.beiying.gateway.domain.CommandKind;
import com.beiying.gateway.domain.Game;
import com.beiying.gateway.error.Language;
import com.beiying.gateway.fields.FieldInput;
import com.beiying.gateway.messaging.avro.BetRecord;
import com.beiying.gateway.messaging.avro.BetRecordStatus;
import com.beiying.gateway.messaging.avro.Command;
import com.beiying.gateway.messaging.avro.CommandType;
import com.beiying.gateway.messaging.avro.Event;
import com.beiying.gateway.messaging.avro.EventType;
import com.beiying.gateway.messaging.avro.FieldType;
import com.beiying.gateway.messaging.avro.FieldValue;
import com.beiying.gateway.messaging.avro.MemberLocked;
import com.beiying.gateway.messaging.avro.MemberLoggedIn;
import com.beiying.gateway.messaging.avro.MemberRegistered;
import com.beiying.gateway.messaging.avro.PasswordChanged;
import com.beiying.gateway.messaging.avro.Reply;
import com.beiying.gateway.messaging.avro.ReplyStatus;
import com.beiying.gateway.messaging.avro.SettledBy;
import com.beiying.gateway.messaging.avro.TransferAction;
import com.beiying.gateway.messaging.avro.TransferOutcome;
import com.beiying.gateway.messaging.avro.TransferSettled;
import com.beiying.gateway.messaging.avro.TransferUnresolved;
import com.beiying.gateway.persistence.BetStore;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.message.SchemaStore;
import org.apache.avro.util.ClassSecurityValidator;

/**
 * Avro single-object encoding (README, "Topics") of commands and replies: marker {@code C3 01}, the
 * writer schema's 8-byte fingerprint, then the body. Every released schema version under
 * {@code avro/released/} is registered so records written by older gateways still decode.
 * Thread-safe; the only place generated Avro classes meet the domain records.
 */
public final class MessageCodec {
    static {
        // Avro 1.12.2+ refuses to instantiate generated classes it was not told to trust. Trusting
        // exactly ours here makes a plain `java -jar` work without a system property.
        ClassSecurityValidator.setGlobal(ClassSecurityValidator.composite(ClassSecurityValidator.getGlobal(),
                ClassSecurityValidator.builder().add(Command.class).add(Reply.class).add(FieldValue.class)
                        .add(CommandType.class).add(FieldType.class).add(ReplyStatus.class).add(BetRecord.class)
                        .add(BetRecordStatus.class).add(Event.class).add(EventType.class)
                        .add(MemberRegistered.class)
                        .add(MemberLoggedIn.class)
                        .add(PasswordChanged.class)
                        .add(MemberLocked.class)
                        .add(TransferSettled.class)
                        .add(TransferUnresolved.class)
                        .add(TransferAction.class).add(TransferOutcome.class)
                        .add(SettledBy.class).build()));
    }

    private final BinaryMessageEncoder<Command> commandEncoder = Command.getEncoder();
    private final BinaryMessageEncoder<Reply> replyEncoder = Reply.getEncoder();
    private final BinaryMessageDecoder<Command> commandDecoder;
    private final BinaryMessageDecoder<Reply> replyDecoder;
    private final BinaryMessageEncoder<BetRecord> betEncoder = BetRecord.getEncoder();
    private final BinaryMessageDecoder<BetRecord> betDecoder;
    private final BinaryMessageEncoder<Event> eventEncoder = Event.getEncoder();
    private final BinaryMessageDecoder<Event> eventDecoder;

    /** A codec that reads every released version of the schemas. */
    public MessageCodec() {
        commandDecoder = Command.createDecoder(releasedSchemas("Command"));
        replyDecoder = Reply.createDecoder(releasedSchemas("Reply"));
        betDecoder = BetRecord.createDecoder(releasedSchemas("BetRecord"));
        eventDecoder = Event.createDecoder(releasedSchemas("Event"));
    }

    /** The Avro record of an event, for writers of the events topic in either encoding. */
    public static Event event(EventMessage e) {
        return Event.newBuilder()
                .setEventId(e.eventId())
                .setEventType(EventType.valueOf(e.data().type()))
                .setOccurredAt(e.occurredAt())
                .setOperatorId(e.operatorId())
                .setUserName(e.userName())
                .setRequestId(e.requestId())
                .setData(eventData(e.data()))
                .build();
    }

    private static Object eventData(EventMessage.Data data) {
        if (data instanceof EventMessage.MemberRegistered d) {
            return new MemberRegistered(d.userId());
        }
        if (data instanceof EventMessage.MemberLoggedIn d) {
            return new MemberLoggedIn(d.game().code(), d.platform(), d.language(), d.gameId(),
                    d.sessionId());
        }
        if (data instanceof EventMessage.PasswordChanged) {
            return new PasswordChanged();
        }
        if (data instanceof EventMessage.MemberLocked d) {
            return new MemberLocked(d.locked());
        }
        if (data instanceof EventMessage.TransferSettled d) {
            return new TransferSettled(d.orderId(), d.game().code(),
                    TransferAction.valueOf(d.action().name()), d.amount().setScale(2), TransferOutcome.valueOf(d.status().name()),
                    d.balance() == null ? null : d.balance().setScale(2), d.failure(),
                    SettledBy.valueOf(d.settledBy().name()), d.createdAt());
        }
        EventMessage.TransferUnresolved d = (EventMessage.TransferUnresolved) data;
        return new TransferUnresolved(d.orderId(), d.game().code(),
                TransferAction.valueOf(d.action().name()), d.amount().setScale(2), d.createdAt());
    }

    /** Encodes an event (single-object encoding), as the outbox keeps it. */
    public byte[] encode(EventMessage e) {
        return write(eventEncoder, event(e));
    }

    /**
     * Decodes an event of the outbox or the events topic (single-object encoding).
     *
     * @throws IllegalArgumentException when the bytes are not an event of a known schema
     */
    public Event decodeEvent(byte[] bytes) {
        return read(eventDecoder, bytes);
    }

    /** The Avro record of a bet revision, for writers of the bets topic in either encoding. */
    public static BetRecord betRecord(BetStore.Published p) {
        BetStore.Revision r = p.revision();
        return BetRecord.newBuilder()
                .setOperatorId(p.operatorId())
                .setBetId(r.game().code() + "-" + r.providerBetId())
                .setGame(r.game().code())
                .setProviderBetId(r.providerBetId())
                .setUserName(r.userName())
                .setGameId(r.gameId())
                .setRoundId(r.roundId())
                .setCurrency(r.currency())
                .setBetAmount(r.betAmount().setScale(2))
                .setValidBet(r.validBet().setScale(2))
                .setPayout(r.payout().setScale(2))
                .setWinLoss(r.payout().subtract(r.betAmount()).setScale(2))
                .setStatus(BetRecordStatus.valueOf(r.status().name()))
                .setBetTime(r.betTime())
                .setSettledAt(r.settledAt())
                .setUpdatedAt(r.updatedAt())
                .setRevision(r.revision())
                .setTimeZone(p.timeZone().getId())
                .setPosition(r.position())
                .build();
    }

    /** Encodes a bet revision for the bets topic (single-object encoding). */
    public byte[] encode(BetStore.Published bet) {
        return write(betEncoder, betRecord(bet));
    }

    /**
     * Decodes a bet revision of the bets topic.
     *
     * @throws IllegalArgumentException when the bytes are not a bet record of a known schema
     */
    public BetStore.Published decodeBet(byte[] bytes) {
        BetRecord b = read(betDecoder, bytes);
        BetStatus status = b.getStatus() == BetRecordStatus.UNKNOWN ? null : BetStatus.valueOf(b.getStatus().name());
        return new BetStore.Published(b.getOperatorId(), ZoneId.of(b.getTimeZone()), new BetStore.Revision(
                Game.fromCode(b.getGame()).orElseThrow(() -> new IllegalArgumentException("unknown game " + b.getGame())),
                b.getProviderBetId(), b.getUserName(), b.getGameId(), b.getRoundId(), b.getCurrency(), b.getBetAmount(),
                b.getValidBet(), b.getPayout(), status, b.getBetTime(), b.getSettledAt(), b.getUpdatedAt(), b.getRevision(),
                b.getPosition()));
    }

    /** Encodes a command. */
    public byte[] encode(CommandMessage c) {
        Command avro = Command.newBuilder()
                .setRequestId(c.requestId())
                .setOperatorId(c.operatorId())
                .setType(CommandType.valueOf(c.kind().name()))
                .setLanguage(c.language().tag())
                .setFields(toAvro(c.fields()))
                .setReplyTo(c.replyTo())
                .setCreatedAt(c.createdAt())
                .build();
        return write(commandEncoder, avro);
    }

    /** Encodes a reply. */
    public byte[] encode(ReplyMessage r) {
        Reply avro = Reply.newBuilder()
                .setRequestId(r.requestId())
                .setOperatorId(r.operatorId())
                .setType(CommandType.valueOf(r.kind().name()))
                .setStatus(r.success() ? ReplyStatus.SUCCESS : ReplyStatus.ERROR)
                .setCode(r.code())
                .setMessage(r.message())
                .setErrorName(r.errorName())
                .setErrorId(r.errorId())
                .setErrorCode(r.errorCode())
                .setField(r.field())
                .setRetriable(r.retriable())
                .setResult(toAvro(r.result()))
                .setCreatedAt(r.createdAt())
                .setCompletedAt(r.completedAt())
                .build();
        return write(replyEncoder, avro);
    }

    /**
     * Decodes a command.
     *
     * @throws IllegalArgumentException when the bytes are not a command of a known schema
     */
    public CommandMessage decodeCommand(byte[] bytes) {
        Command c = read(commandDecoder, bytes);
        return new CommandMessage(c.getRequestId(), c.getOperatorId(), kind(c.getType()),
                Language.fromHeader(c.getLanguage()), fromAvro(c.getFields()), c.getReplyTo(), c.getCreatedAt());
    }

    /**
     * Decodes a reply.
     *
     * @throws IllegalArgumentException when the bytes are not a reply of a known schema
     */
    public ReplyMessage decodeReply(byte[] bytes) {
        Reply r = read(replyDecoder, bytes);
        return new ReplyMessage(r.getRequestId(), r.getOperatorId(), kind(r.getType()),
                r.getStatus() == ReplyStatus.SUCCESS, r.getCode(), r.getMessage(), r.getErrorName(),
                r.getErrorId(), r.getErrorCode(), r.getField(), r.getRetriable(), fromAvro(r.getResult()),
                r.getCreatedAt(), r.getCompletedAt());
    }

    /** The kind of a command type; types this version does not run (older or newer ones) are UNKNOWN. */
    private static CommandKind kind(CommandType type) {
        try {
            return CommandKind.valueOf(type.name());
        } catch (IllegalArgumentException e) {
            return CommandKind.UNKNOWN;
        }
    }

    private static <T> byte[] write(BinaryMessageEncoder<T> encoder, T datum) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try {
            encoder.encode(datum, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static <T> T read(BinaryMessageDecoder<T> decoder, byte[] bytes) {
        if (bytes == null) {
            throw new IllegalArgumentException("no value");
        }
        try {
            return decoder.decode(bytes);
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("not an Avro single-object record of a known schema: " + e.getMessage(), e);
        }
    }

    private static Map<String, FieldValue> toAvro(Map<String, FieldInput> fields) {
        Map<String, FieldValue> out = new HashMap<>(Math.max(4, fields.size() * 2));
        fields.forEach((name, f) -> out.put(name, new FieldValue(FieldType.valueOf(f.kind().name()), f.text(),
                f.sealed() == null ? null : ByteBuffer.wrap(f.sealed()))));
        return out;
    }

    private static Map<String, FieldInput> fromAvro(Map<String, FieldValue> fields) {
        Map<String, FieldInput> out = new LinkedHashMap<>();
        fields.forEach((name, f) -> out.put(name, new FieldInput(FieldInput.Kind.valueOf(f.getType().name()),
                f.getText(), f.getSealed() == null ? null : bytes(f.getSealed()))));
        return out;
    }

    private static byte[] bytes(ByteBuffer buffer) {
        ByteBuffer b = buffer.duplicate();
        byte[] out = new byte[b.remaining()];
        b.get(out);
        return out;
    }

    /** All released versions of a record schema, oldest first, from the classpath. */
    public static List<Schema> releasedVersions(String record) {
        List<Schema> out = new ArrayList<>();
        for (int v = 1; ; v++) {
            String path = "avro/released/" + record + "/v" + v + ".avsc";
            try (InputStream in = MessageCodec.class.getClassLoader().getResourceAsStream(path)) {
                if (in == null) {
                    return out;
                }
                out.add(new Schema.Parser().parse(in));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private static SchemaStore releasedSchemas(String record) {
        SchemaStore.Cache cache = new SchemaStore.Cache();
        releasedVersions(record).forEach(cache::addSchema);
        return cache;
    }
}
