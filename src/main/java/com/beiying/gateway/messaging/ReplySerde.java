package com.beiying.gateway.messaging;

/** Kafka serializer and deserializer of replies (Avro single-object encoding). */
public final class ReplySerde {
    private ReplySerde() {
    }

    /** Encodes replies. */
    public static final class Serializer implements org.apache.kafka.common.serialization.Serializer<ReplyMessage> {
        @Override
        public byte[] serialize(String topic, ReplyMessage data) {
            return data == null ? null : MessageCodec.instance().encode(data);
        }
    }

    /** Decodes replies. */
    public static final class Deserializer implements org.apache.kafka.common.serialization.Deserializer<ReplyMessage> {
        @Override
        public ReplyMessage deserialize(String topic, byte[] data) {
            return MessageCodec.instance().decodeReply(data);
        }
    }
}
