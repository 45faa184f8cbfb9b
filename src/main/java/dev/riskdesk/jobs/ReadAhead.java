package dev.riskdesk.jobs;

import dev.riskdesk.common.Progress;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads consecutive key ranges of a job's work on worker threads ahead of the one thread that
 * writes them, and hands the results over strictly in key order: range (after, end1], then
 * (end1, end2], and so on, each end found before its range is read, so the ranges never overlap
 * and a job's LAST_KEY always marks a prefix of the work that is completely written.
 *
 * <p>{@link #close} lets the ranges being read finish rather than interrupting them: an
 * interrupt during a read can close H2's file channel.
 *
 * @param <T> what reading one range gives
 */
public final class ReadAhead<T> implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ReadAhead.class);

    /** Where the next range ends: the range is (after, end]; null when nothing is left after {@code after}. */
    @FunctionalInterface
    public interface Ranges {
        Long endAfter(long after);
    }

    /** Reads the range (after, last]; runs on a worker thread. */
    @FunctionalInterface
    public interface RangeReader<T> {
        T read(long after, long last);
    }

    private final ExecutorService pool;
    private final int depth;
    private final Ranges ranges;
    private final RangeReader<T> reader;
    private final Deque<Future<T>> inflight = new ArrayDeque<>();
    private final String name;
    private long planned;
    private boolean exhausted;
    private long waitNanos;

    /**
     * @param threads worker threads reading at once
     * @param depth   ranges read or waiting to be taken at any time (at least {@code threads} keeps every worker busy)
     * @param after   the key the first range starts after
     */
    public ReadAhead(String name, int threads, int depth, long after, Ranges ranges, RangeReader<T> reader) {
        if (threads < 1 || depth < 1) {
            throw new IllegalArgumentException("threads and depth must be positive");
        }
        this.name = name;
        this.depth = depth;
        this.planned = after;
        this.ranges = ranges;
        this.reader = reader;
        this.pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
    }

    /** The next range's result, in key order, waiting for it if needed; null when every range was taken. */
    public T next() {
        while (!exhausted && inflight.size() < depth) {
            Long end = ranges.endAfter(planned);
            if (end == null) {
                exhausted = true;
            } else {
                long after = planned;
                inflight.add(pool.submit(() -> reader.read(after, end)));
                planned = end;
            }
        }
        Future<T> oldest = inflight.poll();
        if (oldest == null) {
            return null;
        }
        long started = System.nanoTime();
        try {
            return await(oldest);
        } finally {
            waitNanos += System.nanoTime() - started;
        }
    }

    /** How long {@link #next} waited for the readers, in nanoseconds. */
    public long waitNanos() {
        return waitNanos;
    }

    /** Lets the ranges being read finish, then ends the worker threads, so none outlives the job. */
    @Override
    public void close() {
        pool.shutdown();
        try {
            if (!pool.awaitTermination(5, TimeUnit.MINUTES)) {
                LOG.warn("The read-ahead of {} did not finish", name);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * A worker's result: its own unchecked failure comes through as it was thrown, and an
     * interrupted wait is a cancellation.
     */
    public static <V> V await(Future<V> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Progress.CancelledException();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(e.getCause());
        }
    }
}
