package dev.riskdesk.ui.testsupport;

import dev.riskdesk.common.Messages;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import javafx.geometry.Bounds;
import javafx.geometry.Orientation;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Cell;
import javafx.scene.control.Labeled;
import javafx.scene.control.ScrollBar;
import javafx.scene.control.TextInputControl;
import javafx.scene.text.Text;
import javafx.stage.Window;

/**
 * Looks at what an operator sees in a window and collects what is wrong with it:
 * <ul>
 * <li>{@code truncated}: a label, button, column header or table cell whose rendered text is its
 * text cut short with an ellipsis, unless its tooltip holds the whole text (or, for a text of 24 characters or
 * more, says it a line per item);</li>
 * <li>{@code outside}: a visible node that lies (partly) outside its window;</li>
 * <li>{@code scrollbar}: a horizontal scroll bar shown because a pane's content is wider than the pane;</li>
 * <li>{@code raw}: a visible text that looks like a code rather than words: an UPPER_SNAKE identifier, a
 * {@code {} (JSON or a placeholder), an arrow {@code ->}, an ISO timestamp;</li>
 * <li>{@code english}: in Chinese, a text that is the English bundle's text for a key the Chinese
 * bundle translates.</li>
 * </ul>
 * Call {@link #check(Window, String)} on the FX thread for each state worth looking at (a screen, a
 * tab, a dialog), then {@link #report()}: one line per distinct problem, with the first place it was seen.
 * Nodes inside a clipping container (scroll pane, table body) are checked for text, not for position.
 */
public final class LayoutChecker {
    private static final Pattern UPPER_SNAKE = Pattern.compile("(?<![\\p{L}\\d_])[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+(?![\\p{L}\\d_])");
    private static final Pattern ISO_TIME = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}");
    private static final double SLACK = 1.0;

    /** One problem: what kind, on which node, with which text; where it was first seen. */
    public record Problem(String kind, String node, String text) {
        @Override
        public String toString() {
            return kind + " " + node + (text.isEmpty() ? "" : " «" + text + "»");
        }
    }

    private final Map<Problem, Set<String>> problems = new LinkedHashMap<>();
    private final Set<String> englishOnly = new HashSet<>();
    private final List<Pattern> allowed = new ArrayList<>();

    public LayoutChecker() {
        var en = new Messages(Messages.ENGLISH).bundle();
        var zh = new Messages(Messages.CHINESE).bundle();
        Set<String> chinese = new HashSet<>();
        zh.keySet().forEach(k -> chinese.add(zh.getString(k)));
        for (String key : en.keySet()) {
            String english = en.getString(key);
            // an English text the Chinese bundle translates (and does not also use as it is, like "RiskDesk")
            if (english.matches(".*\\p{IsLatin}{3,}.*") && zh.containsKey(key) && !zh.getString(key).equals(english) && !chinese.contains(english)) {
                englishOnly.add(english);
            }
        }
        englishOnly.remove("RiskDesk"); // the product's name, in both languages
        allowed.add(Pattern.compile("RISKDESK_[A-Z_]+")); // environment variables, named as the operator types them
    }

    /** Codes that are meant to be read as they are where they appear (e.g. an environment variable in a hint). */
    public LayoutChecker allowing(String regex) {
        allowed.add(Pattern.compile(regex));
        return this;
    }

    /** Checks what {@code window} shows now; {@code where} names the state (e.g. "manager zh dark review/queue"). */
    public void check(Window window, String where) {
        Scene scene = window.getScene();
        if (scene == null || scene.getRoot() == null) {
            return;
        }
        scene.getRoot().applyCss();
        scene.getRoot().layout();
        boolean chinese = where.contains(" zh");
        visit(scene.getRoot(), scene, where, chinese, true);
    }

    /** Checks every window that is showing (the main window and any open dialog). */
    public void checkAll(String where) {
        for (Window window : List.copyOf(Window.getWindows())) {
            if (window.isShowing() && !(window instanceof javafx.stage.PopupWindow)) {
                check(window, where);
            }
        }
    }

    /**
     * What makes a scroll pane's content wider than its viewport: from the content down, the child with the largest minimum
     * width while that minimum is beyond the viewport (a parent laid out to its widest child's minimum is not the cause).
     */
    private static String tooWide(javafx.scene.control.ScrollPane pane) {
        double room = pane.getViewportBounds().getWidth();
        Node wide = pane.getContent();
        while (wide instanceof Parent parent) {
            Node widest = null;
            for (Node child : parent.getChildrenUnmodifiable()) {
                if (child.isVisible() && child.isManaged() && child.minWidth(-1) > room + 1 && (widest == null || child.minWidth(-1) > widest.minWidth(-1))) {
                    widest = child;
                }
            }
            if (widest == null) {
                break;
            }
            wide = widest;
        }
        return wide == null ? "" : String.format("%s needs %.0f of %.0f", describe(wide), wide.minWidth(-1), room);
    }

    private void visit(Node node, Scene scene, String where, boolean chinese, boolean positionMatters) {
        if (!node.isVisible() || node.getOpacity() == 0) {
            return;
        }
        boolean inside = true;
        if (positionMatters) {
            Bounds b = node.localToScene(node.getLayoutBounds());
            if (b.getWidth() > 0 && b.getHeight() > 0 && (b.getMinX() < -SLACK || b.getMinY() < -SLACK
                    || b.getMaxX() > scene.getWidth() + SLACK || b.getMaxY() > scene.getHeight() + SLACK)) {
                add(new Problem("outside", describe(node), String.format("%.0f,%.0f-%.0f,%.0f in %.0fx%.0f",
                        b.getMinX(), b.getMinY(), b.getMaxX(), b.getMaxY(), scene.getWidth(), scene.getHeight())), where);
                inside = false;
            }
        }
        if (node instanceof ScrollBar bar && bar.getOrientation() == Orientation.HORIZONTAL && bar.getVisibleAmount() < bar.getMax() - bar.getMin()
                && !(node.getParent() != null && node.getParent().getStyleClass().contains("virtual-flow") && allowsWideTables)) {
            Node pane = node.getParent() == null ? node : node.getParent();
            add(new Problem("scrollbar", describe(pane), pane instanceof javafx.scene.control.ScrollPane sp ? tooWide(sp) : ""), where);
        }
        if (node instanceof Labeled labeled) {
            checkLabeled(labeled, where, chinese);
        } else if (node instanceof Text text && !(text.getParent() instanceof Labeled)) {
            checkText(text.getText(), node, where, chinese);
        } else if (node instanceof TextInputControl input && !input.isEditable()) {
            checkText(input.getText(), node, where, chinese);
        }
        if (node instanceof Parent parent) {
            boolean childrenPositioned = positionMatters && inside && node.getClip() == null;
            for (Node child : parent.getChildrenUnmodifiable()) {
                visit(child, scene, where, chinese, childrenPositioned);
            }
        }
    }

    private boolean allowsWideTables;

    /** Tables may scroll sideways (they have more columns than fit): their horizontal bars are not reported. */
    public LayoutChecker allowWideTables() {
        allowsWideTables = true;
        return this;
    }

    private void checkLabeled(Labeled labeled, String where, boolean chinese) {
        String text = labeled.getText();
        if (text == null || text.isBlank() || (labeled instanceof Cell<?> cell && cell.isEmpty())) {
            return;
        }
        String rendered = renderedText(labeled);
        String ellipsis = labeled.getEllipsisString();
        // a text may be read whole on hover: its tooltip holds it, or (a long text) says it a line per item
        String tip = labeled.getTooltip() == null ? null : labeled.getTooltip().getText();
        boolean readableOnHover = tip != null && (tip.contains(text) || (text.length() >= 24 && !tip.isBlank()));
        if (rendered != null && !rendered.equals(text) && !ellipsis.isEmpty() && rendered.endsWith(ellipsis)
                && !text.endsWith(ellipsis) && !readableOnHover) {
            add(new Problem("truncated", describe(labeled), text + " → " + rendered), where);
        }
        checkText(text, labeled, where, chinese);
    }

    /** The text a Labeled's skin draws (its LabeledText child), or null before it has a skin. */
    private static String renderedText(Labeled labeled) {
        for (Node child : labeled.getChildrenUnmodifiable()) {
            if (child instanceof Text text && child.getStyleClass().contains("text")) {
                return text.getText();
            }
        }
        return null;
    }

    private void checkText(String text, Node node, String where, boolean chinese) {
        if (text == null || text.isBlank()) {
            return;
        }
        String checked = text;
        for (Pattern allow : allowed) {
            checked = allow.matcher(checked).replaceAll("");
        }
        if (UPPER_SNAKE.matcher(checked).find() || checked.contains("{") || checked.contains("->") || ISO_TIME.matcher(checked).find()) {
            add(new Problem("raw", describe(node), abbreviate(text)), where);
        }
        if (chinese && englishOnly.contains(text.strip()) && !"languageEn".equals(node.getId())) {
            add(new Problem("english", describe(node), abbreviate(text)), where);
        }
    }

    private static String abbreviate(String text) {
        String one = text.replace('\n', ' ');
        return one.length() > 120 ? one.substring(0, 120) + "…" : one;
    }

    /** The node by its own id, else its class under the nearest ancestor that has an id. */
    private static String describe(Node node) {
        if (node.getId() != null) {
            return "#" + node.getId();
        }
        StringBuilder path = new StringBuilder(node.getClass().getSimpleName());
        if (!node.getStyleClass().isEmpty()) {
            path.append('.').append(node.getStyleClass().get(0));
        }
        for (Parent p = node.getParent(); p != null; p = p.getParent()) {
            if (p.getId() != null) {
                return "#" + p.getId() + " " + path;
            }
        }
        return path.toString();
    }

    /** Notes a problem when the visible nodes {@code ids} (e.g. a form's fields) do not start at one left edge. */
    public void checkAligned(Scene scene, String where, String... ids) {
        Double left = null;
        for (String id : ids) {
            Node node = scene.lookup(id);
            if (node == null || !node.isVisible()) {
                continue;
            }
            double x = node.localToScene(node.getLayoutBounds()).getMinX();
            if (left == null) {
                left = x;
            } else if (Math.abs(x - left) > SLACK) {
                add(new Problem("misaligned", String.join(" ", ids), String.format("%s at x=%.0f, %s at x=%.0f", ids[0], left, id, x)), where);
            }
        }
    }

    /** A problem the test found itself (e.g. a dialog that Esc does not close). */
    public void note(String kind, String node, String where) {
        add(new Problem(kind, node, ""), where);
    }

    private void add(Problem problem, String where) {
        problems.computeIfAbsent(problem, p -> new TreeSet<>()).add(where);
    }

    /** Leaves out of the report the problems whose text (as {@link Problem#toString()} starts) is listed: known, not yet fixed. */
    public void forgive(List<String> known) {
        problems.keySet().removeIf(p -> known.stream().anyMatch(k -> p.toString().startsWith(k)));
    }

    public List<Problem> problems() {
        return List.copyOf(problems.keySet());
    }

    /** One line per problem with the places it was seen (the first three); empty when there is none. */
    public String report() {
        List<String> lines = new ArrayList<>();
        problems.forEach((problem, places) -> lines.add(problem + "   [" + String.join("; ", places.stream().limit(3).toList())
                + (places.size() > 3 ? "; +" + (places.size() - 3) : "") + "]"));
        return String.join("\n", lines);
    }
}
