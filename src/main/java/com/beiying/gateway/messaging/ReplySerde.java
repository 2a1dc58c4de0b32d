package com.beiying.gateway.messaging;

/** Kafka serializer of replies (Avro single-object encoding); readers decode with {@link MessageCodec}. */
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
}
