package com.beiying.gateway.worker;

import com.beiying.gateway.persistence.LeaseStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes a table of committed rows to Kafka (an outbox), one relay at a time across all
 * instances (a lease): read a batch in order, send it, wait for the broker to acknowledge every
 * record, then confirm the batch in a transaction that first checks the lease is still held.
 * Delivery is at least once: a crash or a lost lease between sending and confirming sends the
 * batch again. It runs at once when {@link #wake woken} by a local commit, and otherwise looks
 * every {@code idle}, which also sweeps up whatever a crashed instance left behind.
 *
 * @param <T> one row to publish
 */
public abstract class LeasedRelay<T> implements Runnable {
    private static final Logger log = LoggerFactory.getLogger(LeasedRelay.class);

    private final Jdbi jdbi;
    private final LeaseStore leases;
    private final String leaseName;
    private final String holder;
    private final Duration leaseTime;
    private final Duration idle;
    private final int batchSize;
    private final Semaphore wake = new Semaphore(0);
    private volatile LeaseStore.Lease lease;

    protected LeasedRelay(Jdbi jdbi, LeaseStore leases, String leaseName, String holder, Duration leaseTime, Duration idle,
                          int batchSize) {
        this.jdbi = jdbi;
        this.leases = leases;
        this.leaseName = leaseName;
        this.holder = holder;
        this.leaseTime = leaseTime;
        this.idle = idle;
        this.batchSize = batchSize;
    }

    /** The next rows to publish, in order, at most {@code limit}. */
    protected abstract List<T> next(int limit);

    /** Sends one row; the future completes when the broker acknowledged it. */
    protected abstract CompletableFuture<?> send(T row);

    /** Pushes out what the producer still holds. */
    protected abstract void flush();

    /** Records, within the lease-checked transaction, that the rows are published. */
    protected abstract void confirm(Handle handle, List<T> rows);

    /** Housekeeping while holding the lease (pruning), called once per pass. */
    protected void tidy() {
    }

    /** Something was committed here: publish now rather than at the next look. */
    public void wake() {
        wake.release();
    }

    /** The lease while held, for an orderly release. */
    public Optional<LeaseStore.Lease> lease() {
        return Optional.ofNullable(lease);
    }

    /** Gives the lease up if held (an orderly stop), so that another instance takes over at once. */
    public void release() {
        LeaseStore.Lease held = lease;
        if (held != null) {
            leases.release(held);
            lease = null;
        }
    }

    /** Runs until interrupted. */
    @Override
    public void run() {
        while (!Thread.currentThread().isInterrupted()) {
            boolean more;
            try {
                more = relayOnce();
            } catch (RuntimeException e) {
                log.warn("relay {}: {}; trying again", leaseName, e.toString());
                more = false;
            }
            if (!more) {
                try {
                    wake.tryAcquire(idle.toMillis(), TimeUnit.MILLISECONDS);
                    wake.drainPermits();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    /** One batch, if this instance holds the lease; whether a full batch suggests more. */
    public boolean relayOnce() {
        Optional<LeaseStore.Lease> held = leases.acquire(leaseName, holder, leaseTime);
        lease = held.orElse(null);
        if (held.isEmpty()) {
            return false;
        }
        tidy();
        List<T> batch = next(batchSize);
        if (batch.isEmpty()) {
            return false;
        }
        List<CompletableFuture<?>> sends = new ArrayList<>(batch.size());
        for (T row : batch) {
            sends.add(send(row));
        }
        flush();
        CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new)).orTimeout(30, TimeUnit.SECONDS).join();
        LeaseStore.Lease mine = held.get();
        boolean confirmed = jdbi.inTransaction(h -> {
            if (!LeaseStore.holds(h, mine)) {
                return false;
            }
            confirm(h, batch);
            return true;
        });
        if (confirmed) {
            published(batch.size());
        }
        return confirmed && batch.size() == batchSize;
    }

    /** Counts what was published (metrics). */
    protected abstract void published(int rows);
}
