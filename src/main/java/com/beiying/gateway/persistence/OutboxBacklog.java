package com.beiying.gateway.persistence;

/**
 * The hook of the {@code gateway.outbox.backlog} gauge: how many outbox rows wait to be published.
 * The outbox (built apart) implements it, or declares one as a bean, and the gauge reads it at
 * each scrape; until one exists the gauge is not registered. Keep {@link #pending} cheap (an
 * indexed count or a value the relay keeps): it runs on the scraping thread.
 */
@FunctionalInterface
public interface OutboxBacklog {
    /** Outbox rows not yet published. */
    long pending();
}
