package dev.riskdesk.jobs;

import dev.riskdesk.common.Progress;
import dev.riskdesk.common.UserFacingException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Starts the same job twice at the same moment, on two threads (each transaction on its own pooled
 * connection). The run that gets going is held at its first progress with work done until the other
 * has ended, so the two overlap whatever the machine's speed; then it is let go to finish.
 */
public final class TwoStarts {
    /** What the two starts returned: the reports of those that ran, the refusals of those that did not. */
    public record Outcome<T>(List<T> ran, List<UserFacingException> refused) {
    }

    private TwoStarts() {
    }

    public static <T> Outcome<T> atOnce(Function<Progress, T> start) throws InterruptedException {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch firstEnded = new CountDownLatch(1);
        CountDownLatch held = new CountDownLatch(1);
        Progress holding = (message, done, total) -> {
            if (done > 0 && held.getCount() > 0) {
                held.countDown();
                awaitQuietly(release);
            }
        };
        CyclicBarrier together = new CyclicBarrier(2);
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            List<Future<T>> starts = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                starts.add(threads.submit(() -> {
                    try {
                        together.await();
                        return start.apply(holding);
                    } finally {
                        firstEnded.countDown();
                    }
                }));
            }
            // the safety bound only keeps a broken lease from hanging the build; the outcome is asserted by the caller
            firstEnded.await(5, TimeUnit.MINUTES);
            release.countDown();
            Outcome<T> outcome = new Outcome<>(new ArrayList<>(), new ArrayList<>());
            for (Future<T> f : starts) {
                try {
                    outcome.ran().add(f.get(5, TimeUnit.MINUTES));
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof UserFacingException refusal)) {
                        throw new AssertionError("a start failed otherwise than by a refusal", e.getCause());
                    }
                    outcome.refused().add(refusal);
                } catch (java.util.concurrent.TimeoutException e) {
                    throw new AssertionError("a start did not end", e);
                }
            }
            return outcome;
        } finally {
            release.countDown();
            threads.shutdownNow();
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(5, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
