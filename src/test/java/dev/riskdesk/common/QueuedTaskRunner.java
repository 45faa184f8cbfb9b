package dev.riskdesk.common;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.Consumer;

/**
 * A task runner for view-model tests that holds submitted work until the test runs it, in any
 * order: the test decides when a load "finishes" and can make an older one finish last.
 */
public final class QueuedTaskRunner implements TaskRunner {
    private final Deque<Runnable> queue = new ArrayDeque<>();

    @Override
    public <T> Handle submit(Work<T> work, Consumer<T> onSuccess, Consumer<Throwable> onError, Progress progress) {
        Runnable task = () -> {
            T result;
            try {
                result = work.run(progress);
            } catch (Exception e) {
                onError.accept(e);
                return;
            }
            onSuccess.accept(result);
        };
        queue.add(task);
        return () -> queue.remove(task);
    }

    /** Runs the oldest waiting task. */
    public void runNext() {
        queue.removeFirst().run();
    }

    /** Takes the oldest waiting task out, to run it later (after newer ones). */
    public Runnable takeNext() {
        return queue.removeFirst();
    }

    public int waiting() {
        return queue.size();
    }

    @Override
    public void shutdown() {
    }
}
