package com.beiying.gateway.persistence;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Group commit for blocking callers: concurrent calls are run together as one batch, at most
 * {@code maxInFlight} batches at a time. There is no timer: a caller that finds a free slot runs
 * at once with whatever is queued (alone, when the gateway is quiet), and calls arriving while
 * every slot is busy queue up for the next batch, so the batch grows with the load by itself.
 * <p>
 * The thread that runs a batch is one of its callers (leader and followers, no executor hop); a
 * finished leader wakes its followers and the thread at the head of the queue, which leads the
 * next batch. When the batch fails because of what one item holds (a constraint, a value), each of
 * its items runs on its own, so one bad item fails only its own caller; when it fails for a reason
 * no item caused (the database is down), that failure is every item's answer at once, without a
 * hundred single attempts each waiting out the pool's connection timeout.
 * <p>
 * Written here rather than taken from a library: the JDBC batching of Jdbi and the driver runs a
 * list the caller already holds; gathering the calls of many request threads into that list, without
 * a delay for a lone call, is what this class adds.
 *
 * @param <I> an item
 * @param <R> its result
 */
public final class GroupCommit<I, R> {
    private final Function<List<I>, List<R>> batch;
    private final Function<I, R> single;
    private final Predicate<RuntimeException> itemsApart;
    private final int maxInFlight;
    private final int maxBatch;
    private final ReentrantLock lock = new ReentrantLock();
    private final ArrayDeque<Slot<I, R>> queue = new ArrayDeque<>();
    private int inFlight;

    /**
     * @param batch       runs several items in one statement; its results in the items' order
     * @param single      runs one item (a batch of one, and each item of a batch that failed)
     * @param itemsApart  whether a batch's failure may be one item's fault, so each is worth running alone
     * @param maxInFlight how many batches may run at the same time
     * @param maxBatch    the largest batch
     */
    public GroupCommit(Function<List<I>, List<R>> batch, Function<I, R> single, Predicate<RuntimeException> itemsApart,
            int maxInFlight, int maxBatch) {
        if (maxInFlight < 1 || maxBatch < 1) {
            throw new IllegalArgumentException("maxInFlight and maxBatch must be at least 1");
        }
        this.batch = batch;
        this.single = single;
        this.itemsApart = itemsApart;
        this.maxInFlight = maxInFlight;
        this.maxBatch = maxBatch;
    }

    /**
     * Runs the item, possibly together with others; its result, or the exception its run threw.
     * Waits uninterruptibly (the item may already be in a running batch, which cannot leave it), and
     * keeps an interrupt for the caller to see on return.
     */
    public R submit(I item) {
        Slot<I, R> mine = new Slot<>(item, Thread.currentThread());
        lock.lock();
        try {
            queue.addLast(mine);
        } finally {
            lock.unlock();
        }
        boolean interrupted = false;
        try {
            for (;;) {
                List<Slot<I, R>> lead = List.of();
                lock.lock();
                try {
                    if (mine.done) {
                        return mine.result();
                    }
                    if (inFlight < maxInFlight && !queue.isEmpty()) {
                        lead = take();
                        inFlight++;
                    }
                } finally {
                    lock.unlock();
                }
                if (lead.isEmpty()) {
                    // Woken when this item's batch is done or a slot frees up; a spurious wake-up just loops.
                    LockSupport.park(this);
                    // An interrupted thread's park returns at once: clear the flag so the wait does not spin.
                    interrupted |= Thread.interrupted();
                } else {
                    run(lead);
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Callers waiting for a slot, not yet in a batch. */
    int queued() {
        lock.lock();
        try {
            return queue.size();
        } finally {
            lock.unlock();
        }
    }

    private List<Slot<I, R>> take() {
        List<Slot<I, R>> taken = new ArrayList<>(Math.min(queue.size(), maxBatch));
        while (taken.size() < maxBatch && !queue.isEmpty()) {
            taken.add(queue.pollFirst());
        }
        return taken;
    }

    private void run(List<Slot<I, R>> slots) {
        try {
            execute(slots);
        } finally {
            Slot<I, R> next;
            lock.lock();
            try {
                inFlight--;
                for (Slot<I, R> s : slots) {
                    if (s.value == null && s.failure == null) {
                        // execute() ended by an Error before reaching this item: its caller must not read a null.
                        s.failure = new IllegalStateException("the batch of this item did not finish");
                    }
                    s.done = true;
                }
                next = queue.peekFirst();
            } finally {
                lock.unlock();
            }
            for (Slot<I, R> s : slots) {
                LockSupport.unpark(s.thread);
            }
            if (next != null) {
                LockSupport.unpark(next.thread);
            }
        }
    }

    private void execute(List<Slot<I, R>> slots) {
        if (slots.size() > 1) {
            try {
                List<R> results = batch.apply(slots.stream().map(s -> s.item).toList());
                if (results.size() != slots.size()) {
                    throw new IllegalStateException(results.size() + " results for a batch of " + slots.size());
                }
                for (int i = 0; i < slots.size(); i++) {
                    slots.get(i).value = results.get(i);
                }
                return;
            } catch (RuntimeException e) {
                if (!itemsApart.test(e)) {
                    for (Slot<I, R> s : slots) {
                        s.failure = e;
                    }
                    return;
                }
                // Nothing of a failed statement is kept; each item on its own then fails only if it must.
            }
        }
        for (Slot<I, R> s : slots) {
            try {
                s.value = single.apply(s.item);
            } catch (RuntimeException e) {
                s.failure = e;
            }
        }
    }

    /** One caller's item; written by the batch's leader before {@code done}, read under the lock. */
    private static final class Slot<I, R> {
        private final I item;
        private final Thread thread;
        private R value;
        private RuntimeException failure;
        private boolean done;

        Slot(I item, Thread thread) {
            this.item = item;
            this.thread = thread;
        }

        R result() {
            if (failure != null) {
                throw failure;
            }
            return value;
        }
    }
}
