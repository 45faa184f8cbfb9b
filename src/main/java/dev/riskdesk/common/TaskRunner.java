package dev.riskdesk.common;

import java.util.function.Consumer;

/**
 * The one threading seam. Work runs off the UI thread; callbacks come back on the thread the
 * implementation promises (the FX thread in the console, the calling thread in tests).
 */
public interface TaskRunner {

    /** A unit of background work that may report progress. */
    @FunctionalInterface
    interface Work<T> {
        T run(Progress progress) throws Exception;
    }

    /** A handle on submitted work. */
    interface Handle {
        void cancel();
    }

    <T> Handle submit(Work<T> work, Consumer<T> onSuccess, Consumer<Throwable> onError, Progress progress);

    default <T> Handle submit(Work<T> work, Consumer<T> onSuccess, Consumer<Throwable> onError) {
        return submit(work, onSuccess, onError, Progress.NONE);
    }

    void shutdown();
}
