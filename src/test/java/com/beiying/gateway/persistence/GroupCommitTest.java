package com.beiying.gateway.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class GroupCommitTest {
    private final ExecutorService callers = Executors.newFixedThreadPool(16);
    private final List<List<Integer>> batches = Collections.synchronizedList(new ArrayList<>());
    private final List<Integer> singles = Collections.synchronizedList(new ArrayList<>());

    @AfterEach
    void stop() {
        callers.shutdownNow();
    }

    @Test
    void aLoneCallRunsAtOnceOnItsOwn() {
        GroupCommit<Integer, String> commit = new GroupCommit<>(recordingBatch(i -> "b" + i), recordingSingle(i -> "s" + i), e -> true, 2, 10);

        assertThat(commit.submit(7)).isEqualTo("s7");
        assertThat(commit.submit(8)).isEqualTo("s8");
        assertThat(singles).containsExactly(7, 8);
        assertThat(batches).isEmpty();
    }

    @Test
    void callsArrivingWhileTheSlotIsBusyGoTogetherInTheNextBatchInArrivalOrder() throws Exception {
        Holder holder = new Holder();
        GroupCommit<Integer, String> commit = new GroupCommit<>(recordingBatch(i -> "b" + i), holder.single(i -> "s" + i),
                e -> true, 1, 10);

        List<Future<String>> queued = holder.queueBehindItemZero(commit, 5);

        assertThat(holder.first.get(5, TimeUnit.SECONDS)).isEqualTo("s0");
        for (int i = 0; i < queued.size(); i++) {
            assertThat(queued.get(i).get(5, TimeUnit.SECONDS)).isEqualTo("b" + (i + 1));
        }
        assertThat(batches).containsExactly(List.of(1, 2, 3, 4, 5));
        assertThat(singles).containsExactly(0);
    }

    @Test
    void aFailedBatchRunsItsItemsOnTheirOwnAndOnlyTheBadOneFails() throws Exception {
        Holder holder = new Holder();
        GroupCommit<Integer, String> commit = new GroupCommit<>(items -> {
            batches.add(List.copyOf(items));
            throw new IllegalStateException("statement refused");
        }, holder.single(i -> {
            if (i == 2) {
                throw new IllegalArgumentException("bad item");
            }
            return "s" + i;
        }), e -> true, 1, 10);

        List<Future<String>> queued = holder.queueBehindItemZero(commit, 3);

        assertThat(holder.first.get(5, TimeUnit.SECONDS)).isEqualTo("s0");
        assertThat(queued.get(0).get(5, TimeUnit.SECONDS)).isEqualTo("s1");
        assertThatThrownBy(() -> queued.get(1).get(5, TimeUnit.SECONDS)).hasCauseInstanceOf(IllegalArgumentException.class);
        assertThat(queued.get(2).get(5, TimeUnit.SECONDS)).isEqualTo("s3");
        assertThat(batches).containsExactly(List.of(1, 2, 3));
        assertThat(singles).containsExactly(0, 1, 2, 3);
    }

    @Test
    void aBatchFailureNoItemCausedIsEveryItemsAnswerWithoutRunningThemOneByOne() throws Exception {
        Holder holder = new Holder();
        IllegalStateException down = new IllegalStateException("database unreachable");
        GroupCommit<Integer, String> commit = new GroupCommit<>(items -> {
            batches.add(List.copyOf(items));
            throw down;
        }, holder.single(i -> "s" + i), e -> e != down, 1, 10);

        List<Future<String>> queued = holder.queueBehindItemZero(commit, 3);

        assertThat(holder.first.get(5, TimeUnit.SECONDS)).isEqualTo("s0");
        for (Future<String> f : queued) {
            assertThatThrownBy(() -> f.get(5, TimeUnit.SECONDS)).hasCause(down);
        }
        assertThat(batches).containsExactly(List.of(1, 2, 3));
        assertThat(singles).containsExactly(0);
    }

    @Test
    void anInterruptedCallerWaitsForItsBatchWithoutSpinningAndKeepsItsInterrupt() throws Exception {
        Holder holder = new Holder();
        GroupCommit<Integer, String> commit = new GroupCommit<>(recordingBatch(i -> "b" + i), holder.single(i -> "s" + i),
                e -> true, 1, 10);
        CountDownLatch interruptedSeen = new CountDownLatch(1);
        AtomicLong callerId = new AtomicLong();
        List<Future<String>> queued = new ArrayList<>();
        holder.holdItemZero(commit);
        queued.add(callers.submit(() -> {
            callerId.set(Thread.currentThread().getId());
            Thread.currentThread().interrupt();
            String result = commit.submit(1);
            if (Thread.currentThread().isInterrupted()) {
                interruptedSeen.countDown();
            }
            return result;
        }));
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> commit.queued() == 1);
        // While it waits, the interrupted caller parks: a spinning one would burn a core until released.
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long cpuBefore = threads.getThreadCpuTime(callerId.get());
        Thread.sleep(500);
        assertThat(threads.getThreadCpuTime(callerId.get()) - cpuBefore).as("the waiting caller's CPU over 500 ms, ns")
                .isLessThan(50_000_000L);
        holder.release.countDown();

        assertThat(queued.get(0).get(5, TimeUnit.SECONDS)).isEqualTo("s1");
        assertThat(interruptedSeen.await(5, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void underLoadEveryCallGetsItsOwnResultAndBatchesStayWithinTheirLimits() throws Exception {
        AtomicInteger running = new AtomicInteger();
        AtomicInteger mostRunning = new AtomicInteger();
        Function<Integer, String> slow = i -> {
            mostRunning.accumulateAndGet(running.incrementAndGet(), Math::max);
            try {
                Thread.sleep(1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            running.decrementAndGet();
            return "r" + i;
        };
        GroupCommit<Integer, String> commit = new GroupCommit<>(items -> {
            batches.add(List.copyOf(items));
            slow.apply(-1);
            return items.stream().map(i -> "r" + i).toList();
        }, recordingSingle(slow), e -> true, 2, 8);

        List<Future<String>> results = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            int item = i;
            results.add(callers.submit(() -> commit.submit(item)));
        }
        for (int i = 0; i < results.size(); i++) {
            assertThat(results.get(i).get(30, TimeUnit.SECONDS)).isEqualTo("r" + i);
        }
        assertThat(mostRunning.get()).isLessThanOrEqualTo(2);
        assertThat(batches).isNotEmpty().allSatisfy(b -> assertThat(b).hasSizeBetween(2, 8));
        List<Integer> seen = new ArrayList<>(singles);
        batches.forEach(seen::addAll);
        assertThat(seen).hasSize(2000).doesNotHaveDuplicates();
    }

    /**
     * Item 0 runs alone and holds the only slot until released, so that the items submitted
     * meanwhile queue up in a known order and go together into the next batch.
     */
    private final class Holder {
        private final CountDownLatch running = new CountDownLatch(1);
        private final CountDownLatch release = new CountDownLatch(1);
        private Future<String> first;

        Function<Integer, String> single(Function<Integer, String> each) {
            return i -> {
                singles.add(i);
                if (i == 0) {
                    running.countDown();
                    await(release);
                }
                return each.apply(i);
            };
        }

        /** Item 0 submitted and running, holding the only slot until {@code release}. */
        void holdItemZero(GroupCommit<Integer, String> commit) {
            first = callers.submit(() -> commit.submit(0));
            await(running);
        }

        /** Items 1..n, each queued before the next is submitted; item 0 released once all are. */
        List<Future<String>> queueBehindItemZero(GroupCommit<Integer, String> commit, int n) {
            holdItemZero(commit);
            List<Future<String>> queued = new ArrayList<>();
            for (int i = 1; i <= n; i++) {
                int item = i;
                queued.add(callers.submit(() -> commit.submit(item)));
                Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> commit.queued() == item);
            }
            release.countDown();
            return queued;
        }
    }

    private Function<List<Integer>, List<String>> recordingBatch(Function<Integer, String> each) {
        return items -> {
            batches.add(List.copyOf(items));
            return items.stream().map(each).toList();
        };
    }

    private Function<Integer, String> recordingSingle(Function<Integer, String> each) {
        return i -> {
            singles.add(i);
            return each.apply(i);
        };
    }

    private static void await(CountDownLatch latch) {
        try {
            assertThat(latch.await(5, TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
