package dev.riskdesk.common;

import java.util.function.Consumer;

/** Runs work at once on the calling thread: for tests and the CLI. */
public final class SameThreadTaskRunner implements TaskRunner {
    @Override
    public <T> Handle submit(Work<T> work, Consumer<T> onSuccess, Consumer<Throwable> onError, Progress progress) {
        T result;
        try {
            result = work.run(progress);
        } catch (Exception | Error e) {
            onError.accept(e);
            return () -> { };
        }
        onSuccess.accept(result);
        return () -> { };
    }

    @Override
    public void shutdown() {
    }
}
