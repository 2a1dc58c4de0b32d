package com.beiying.gateway.messaging;

/** Kafka serializer of commands (Avro single-object encoding); workers decode with {@link MessageCodec}. */
public final class CommandSerde {
    private CommandSerde() {
    }

    /** Encodes commands. */
    public static final class Serializer implements org.apache.kafka.common.serialization.Serializer<CommandMessage> {
        @Override
        public byte[] serialize(String topic, CommandMessage data) {
            return data == null ? null : MessageCodec.instance().encode(data);
        }
    }
}
