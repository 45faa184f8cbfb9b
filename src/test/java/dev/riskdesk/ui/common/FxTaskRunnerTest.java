package dev.riskdesk.ui.common;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Shutting the runner down never interrupts running work (an interrupted H2 read breaks the file channel). */
@Tag("ui")
class FxTaskRunnerTest {
    @Test
    void shutdownLetsRunningWorkFinishWithoutInterruptingIt() throws Exception {
        FxTaskRunner runner = new FxTaskRunner(1);
        CountDownLatch running = new CountDownLatch(1);
        AtomicBoolean interrupted = new AtomicBoolean();
        AtomicBoolean finished = new AtomicBoolean();
        runner.submit(progress -> {
            running.countDown();
            try {
                Thread.sleep(300);
                finished.set(true);
            } catch (InterruptedException e) {
                interrupted.set(true);
            }
            return null;
        }, result -> { }, error -> { });
        assertTrue(running.await(10, TimeUnit.SECONDS));
        runner.shutdown();
        assertFalse(interrupted.get(), "the worker was interrupted");
        assertTrue(finished.get(), "shutdown waited for the running work");
    }

    @Test
    void workSubmittedAfterShutdownIsDroppedNotThrown() {
        // a chart redraw timer of a closed window fires after the console shut its runner down
        FxTaskRunner runner = new FxTaskRunner(1);
        runner.shutdown();
        AtomicBoolean ran = new AtomicBoolean();
        runner.submit(progress -> {
            ran.set(true);
            return null;
        }, result -> { }, error -> { }).cancel();
        assertFalse(ran.get());
    }
}
