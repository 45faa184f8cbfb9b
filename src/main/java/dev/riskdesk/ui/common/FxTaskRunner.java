package dev.riskdesk.ui.common;

import dev.riskdesk.common.Progress;
import dev.riskdesk.common.TaskRunner;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import javafx.application.Platform;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The console's {@link TaskRunner}: work runs on a small pool of named daemon threads, results
 * and errors come back on the FX thread. A cancelled task never calls back.
 */
public final class FxTaskRunner implements TaskRunner {
    private static final Logger LOG = LoggerFactory.getLogger(FxTaskRunner.class);

    private static final int SHUTDOWN_WAIT_SECONDS = 5;

    private final ExecutorService executor;

    public FxTaskRunner() {
        this(2);
    }

    public FxTaskRunner(int threads) {
        AtomicInteger counter = new AtomicInteger();
        ThreadFactory factory = runnable -> {
            Thread thread = new Thread(runnable, "riskdesk-worker-" + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
        this.executor = Executors.newFixedThreadPool(threads, factory);
    }

    @Override
    public <T> Handle submit(Work<T> work, Consumer<T> onSuccess, Consumer<Throwable> onError, Progress progress) {
        if (executor.isShutdown()) {
            // the console is closing: a late redraw or refresh (a pause transition firing after the
            // window went away) has nobody to show its result to, so it is dropped, not thrown
            LOG.debug("Work submitted after shutdown dropped");
            return () -> { };
        }
        AtomicBoolean cancelled = new AtomicBoolean();
        Future<?> future;
        try {
            future = executor.submit(() -> {
            try {
                T result = work.run(progress);
                if (!cancelled.get()) {
                    Platform.runLater(() -> {
                        if (!cancelled.get()) {
                            onSuccess.accept(result);
                        }
                    });
                }
            } catch (Exception | Error e) {
                if (!(e instanceof Progress.CancelledException) && !(e instanceof dev.riskdesk.common.UserFacingException)) {
                    LOG.error("Background task failed", e);
                }
                if (!cancelled.get()) {
                    Platform.runLater(() -> onError.accept(e));
                }
            }
            });
        } catch (java.util.concurrent.RejectedExecutionException closedMeanwhile) {
            LOG.debug("Work submitted during shutdown dropped");
            return () -> { };
        }
        return () -> {
            cancelled.set(true);
            // no interrupt: an interrupted H2 read closes the database file channel
            // ("Reading from file … failed"), which breaks the connection for everyone
            future.cancel(false);
        };
    }

    /**
     * Lets running work finish for a few seconds, without interrupting it (see {@link #submit}: an
     * interrupted H2 read breaks the file channel); the workers are daemons, so none keeps the JVM up.
     */
    @Override
    public void shutdown() {
        executor.shutdown();
        try {
            if (!executor.awaitTermination(SHUTDOWN_WAIT_SECONDS, TimeUnit.SECONDS)) {
                LOG.warn("Background work still running at shutdown; it ends with the program");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
