package com.beiying.gateway.messaging;

/** Kafka serializer and deserializer of commands (Avro single-object encoding). */
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

    /** Decodes commands; throws on bytes that are not a command, which sends the record to the dead-letter topic. */
    public static final class Deserializer implements org.apache.kafka.common.serialization.Deserializer<CommandMessage> {
        @Override
        public CommandMessage deserialize(String topic, byte[] data) {
            return MessageCodec.instance().decodeCommand(data);
        }
    }
}
