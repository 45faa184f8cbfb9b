package dev.riskdesk.app.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * An X display for the start benchmark: the one named, or a new Xvfb (1280 × 800) with openbox on it,
 * as an operator's desktop has a window manager. Windows are found and driven with xdotool.
 */
final class XDisplay implements AutoCloseable {
    /** A window on the display: its id and outer size in pixels. */
    record Window(String id, int width, int height) {
    }

    private final String name;
    private final List<Process> started = new ArrayList<>();

    private XDisplay(String name) {
        this.name = name;
    }

    /** The display {@code name} (":93"); when no X server runs there, an Xvfb and openbox are started on it and stopped by {@link #close()}. */
    static XDisplay open(String name) throws IOException, InterruptedException {
        XDisplay display = new XDisplay(name);
        Path socket = Path.of("/tmp/.X11-unix/X" + name.substring(name.indexOf(':') + 1));
        if (!Files.exists(socket)) {
            display.started.add(new ProcessBuilder("Xvfb", name, "-screen", "0", "1280x800x24", "-nolisten", "tcp")
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start());
            for (int i = 0; i < 100 && !Files.exists(socket); i++) {
                Thread.sleep(50);
            }
            ProcessBuilder openbox = new ProcessBuilder("openbox").redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
            openbox.environment().put("DISPLAY", name);
            display.started.add(openbox.start());
            Thread.sleep(1000); // openbox takes over the root window
        }
        return display;
    }

    String name() {
        return name;
    }

    /** The visible windows titled {@code title}, alone or followed by a space and more (the Chinese console adds 风控台), with their sizes. */
    List<Window> windows(String title) throws IOException, InterruptedException {
        List<Window> found = new ArrayList<>();
        for (String id : run("xdotool", "search", "--onlyvisible", "--name", "^" + title + "( .*)?$")) {
            int width = 0;
            int height = 0;
            for (String line : run("xdotool", "getwindowgeometry", "--shell", id)) {
                if (line.startsWith("WIDTH=")) {
                    width = Integer.parseInt(line.substring(6));
                } else if (line.startsWith("HEIGHT=")) {
                    height = Integer.parseInt(line.substring(7));
                }
            }
            found.add(new Window(id, width, height));
        }
        return found;
    }

    /** The first visible window titled {@code title} at least {@code minWidth} × {@code minHeight}, if there is one now. */
    Optional<Window> window(String title, int minWidth, int minHeight) throws IOException, InterruptedException {
        return windows(title).stream().filter(w -> w.width() >= minWidth && w.height() >= minHeight).findFirst();
    }

    /** Gives {@code window} the keyboard, then types {@code text} into it. */
    void type(Window window, String text) throws IOException, InterruptedException {
        run("xdotool", "windowactivate", "--sync", window.id());
        run("xdotool", "type", "--delay", "40", text);
    }

    /** Closes {@code window} as its close button does (the window manager's Alt+F4). */
    void close(Window window) throws IOException, InterruptedException {
        run("xdotool", "windowactivate", "--sync", window.id());
        key("alt+F4");
    }

    void key(String... keys) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("xdotool", "key"));
        command.addAll(List.of(keys));
        run(command.toArray(String[]::new));
    }

    private List<String> run(String... command) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD);
        builder.environment().put("DISPLAY", name);
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        process.waitFor(10, TimeUnit.SECONDS);
        return out.lines().filter(l -> !l.isBlank()).toList();
    }

    @Override
    public void close() {
        for (int i = started.size() - 1; i >= 0; i--) {
            started.get(i).destroy();
        }
    }
}
