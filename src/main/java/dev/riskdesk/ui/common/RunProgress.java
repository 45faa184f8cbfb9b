package dev.riskdesk.ui.common;

import dev.riskdesk.common.Progress;

/**
 * The progress of one background run of a screen: reports go to the window's progress, and {@link #cancel}
 * stops this run only (a new run gets a new one, so a late cancel cannot stop it).
 */
public final class RunProgress implements Progress {
    private final Progress shown;
    private volatile boolean cancelled;

    public RunProgress(Progress shown) {
        this.shown = shown;
    }

    public void cancel() {
        cancelled = true;
    }

    @Override
    public void update(String text, long done, long total) {
        shown.update(text, done, total);
    }

    @Override
    public boolean isCancelled() {
        return cancelled || shown.isCancelled();
    }
}
