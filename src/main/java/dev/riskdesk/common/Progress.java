package dev.riskdesk.common;

/**
 * Progress of long work, reported from a worker thread. Implementations must be thread-safe;
 * {@link #isCancelled()} lets the worker stop at the next safe point.
 */
public interface Progress {
    Progress NONE = new Progress() {
        @Override
        public void update(String message, long done, long total) {
        }
    };

    void update(String message, long done, long total);

    default boolean isCancelled() {
        return false;
    }

    /** Throws {@link CancelledException} when the operator asked to stop. */
    default void checkCancelled() {
        if (isCancelled()) {
            throw new CancelledException();
        }
    }

    final class CancelledException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public CancelledException() {
            super("Cancelled by the operator");
        }
    }
}
