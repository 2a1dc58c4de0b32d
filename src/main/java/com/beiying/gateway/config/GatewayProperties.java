package com.beiying.gateway.config;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * All gateway settings ({@code gateway.*}); defaults live in {@code application.yml} and every
 * setting has an environment-variable form (README, "Configuration").
 */
@ConfigurationProperties("gateway")
public record GatewayProperties(
        String roles,
        String instanceId,
        Kafka kafka,
        Embedded embedded,
        Ingress ingress,
        Worker worker,
        Security security,
        Providers providers,
        Admin admin,
        Wallet wallet,
        Bets bets,
        Events events,
        Simulator simulator) {

    /** Topic names and sizes. */
    public record Kafka(String topicPrefix, int commandPartitions, int replyPartitions, short replicationFactor,
                        String workerGroup, int betPartitions, int eventPartitions, Duration eventRetention,
                        String schemaRegistryUrl) {
    }

    /**
     * The events outbox (docs/events.md): how often the relay looks for events other instances
     * wrote (its own it relays at once), how many it publishes per batch, and how long relayed
     * rows are kept before they are pruned.
     */
    public record Events(Duration relayInterval, int relayBatch, Duration keepRelayed) {
    }

    /**
     * Bet records (docs/bets.md): whether this worker collects; how often each provider is pulled
     * and how long a collector's lease lasts without renewal; where a provider never collected
     * before starts; how far back providers selected by bet time are swept again; how many windows
     * one pull may take when behind, and the longest back-off after failures; how long revisions
     * stay readable through the feed; whether the ingress answers the reads itself or sends them
     * through Kafka; and how many revisions the bets-topic relay publishes per batch.
     */
    public record Bets(boolean collect, Duration pullInterval, Duration leaseTime, Duration firstPull, Duration sweepBack,
                       int maxWindowsPerPull, Duration maxBackoff, Duration feedRetention, QueryPath queryPath,
                       int relayBatch) {
        /** Where {@code /v1/bet/*} requests are answered. */
        public enum QueryPath {
            /** At the ingress, straight from PostgreSQL (the request id and its reply are still stored). */
            DIRECT,
            /** As commands through Kafka and a worker, like every other request. */
            KAFKA
        }
    }

    /**
     * The bundled provider simulator: where its providers' wire listens (its own HTTP server,
     * apart from the gateway's port; port 0 takes a free one, which the default provider base URL
     * follows), how many calls it serves at once, and its members' play.
     */
    public record Simulator(String address, int port, int threads, Play play) {
        /**
         * Members playing on their own: bets per second across all accounts with money, how long
         * a bet stays open before it settles, and the shares of bets voided and resettled later.
         */
        public record Play(boolean enabled, double betsPerSecond, Duration settleAfter, double voidShare,
                           double resettleShare) {
        }
    }

    /**
     * The in-process broker and database of the embedded default. They keep their data, and the
     * secrets the gateway generated, in {@code dataDir}, so that a restart (even after kill -9 or a
     * power cut) finds everything again; {@code fresh} wipes it first. {@code fsync} flushes each
     * PostgreSQL commit to disk; only throw-away data (the tests) may do without. {@code broker}
     * false starts only the database and takes Kafka from {@code spring.kafka.bootstrap-servers}
     * (a broker of its own, as the chaos suite runs one to stop it alone).
     */
    public record Embedded(boolean enabled, boolean broker, int kafkaPort, int postgresPort, boolean seedDemoOperator,
                           String dataDir, boolean fresh, boolean fsync) {
    }

    /** HTTP ingress behaviour. */
    public record Ingress(Duration replyTimeout, int maxBodyBytes, Duration clockSkew, Duration nonceTtl,
                          List<String> trustedProxies, Duration operatorRefresh, int rateLimit, int cpuBoundInFlight) {
    }

    /**
     * Money: how often the resolver runs, how old an unresolved order must be before it is the
     * resolver's (longer than any provider call), and when one is listed for a person.
     */
    public record Wallet(Duration resolveInterval, Duration settleAfter, Duration unresolvedAlert) {
    }

    /**
     * Operator administration: how long a rotated key pair keeps working, and how long the admin
     * API waits for a worker's answer to one admin command (a reconciliation page asks providers
     * for up to a few hundred balances, so longer than an operator request).
     */
    public record Admin(Duration keyOverlap, Duration replyTimeout) {
    }

    /**
     * Command workers: consumer loops per process, threads running commands (different members in
     * parallel, one member in order), and the bound of records in flight per loop.
     */
    public record Worker(int concurrency, int threads, int maxInFlight) {
    }

    /** Keys: the master key seals operator secrets and passwords in transit; the admin token guards /admin. */
    public record Security(String masterKey, String adminToken) {
    }

    /**
     * Where providers (the simulator by default) are reached, how patiently, and how much of the
     * gateway one provider may hold: concurrent calls (bulkhead) and when its circuit opens.
     */
    public record Providers(String baseUrl, Duration connectTimeout, Duration readTimeout, int maxConcurrentCalls,
                            Duration bulkheadWait, Duration slowCallThreshold, Duration openStateWait) {
    }
}
