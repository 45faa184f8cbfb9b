package dev.riskdesk.ui.shell;

import dev.riskdesk.security.Permission;
import java.util.function.Supplier;
import javafx.scene.Node;

/**
 * A screen of the sidebar. {@code required} is the permission a role needs to see it (null:
 * everyone). The node is built the first time the screen is opened.
 */
public record ScreenEntry(String id, String titleKey, String icon, Permission required, Supplier<Node> factory) {
}
