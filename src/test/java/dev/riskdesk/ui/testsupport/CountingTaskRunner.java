package dev.riskdesk.ui.testsupport;

import dev.riskdesk.common.Progress;
import dev.riskdesk.common.TaskRunner;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * A task runner that counts the work still under way (submitted, and neither called back nor
 * cancelled), so a UI test can wait until a screen has loaded what it asked for.
 */
public final class CountingTaskRunner implements TaskRunner {
    private final TaskRunner inner;
    private final AtomicInteger running = new AtomicInteger();

    public CountingTaskRunner(TaskRunner inner) {
        this.inner = inner;
    }

    /** Work submitted and not yet finished: its callback has not run and it was not cancelled. */
    public int running() {
        return running.get();
    }

    @Override
    public <T> Handle submit(Work<T> work, Consumer<T> onSuccess, Consumer<Throwable> onError, Progress progress) {
        AtomicBoolean finished = new AtomicBoolean();
        Runnable finish = () -> {
            if (finished.compareAndSet(false, true)) {
                running.decrementAndGet();
            }
        };
        running.incrementAndGet();
        Handle handle = inner.submit(work, result -> {
            try {
                onSuccess.accept(result);
            } finally {
                finish.run();
            }
        }, error -> {
            try {
                onError.accept(error);
            } finally {
                finish.run();
            }
        }, progress);
        return () -> {
            handle.cancel();
            finish.run();
        };
    }

    @Override
    public void shutdown() {
        inner.shutdown();
    }
}
