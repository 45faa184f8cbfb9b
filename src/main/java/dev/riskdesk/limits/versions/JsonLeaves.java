package dev.riskdesk.limits.versions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A JSON tree as its leaves by path ({@code authority.autoIncreaseMaxAmount}, {@code utilisationBands.0.factor}): what
 * the editor's form rows and the parameter differences are made of. An array of plain values (such as
 * {@code [4, 5]}) is one leaf; objects and arrays of objects are walked. Paths follow the tree, so fields that
 * another version of the policy adds appear by themselves.
 */
public final class JsonLeaves {
    private JsonLeaves() {
    }

    /** The leaves of {@code root} in document order; {@code comment} fields are notes, not parameters, and are left out. */
    public static Map<String, JsonNode> of(JsonNode root) {
        Map<String, JsonNode> leaves = new LinkedHashMap<>();
        walk("", root, leaves);
        return leaves;
    }

    private static void walk(String path, JsonNode node, Map<String, JsonNode> leaves) {
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> e = it.next();
                if (!e.getKey().equals("comment")) {
                    walk(join(path, e.getKey()), e.getValue(), leaves);
                }
            }
        } else if (node.isArray() && containsContainers(node)) {
            for (int i = 0; i < node.size(); i++) {
                walk(join(path, String.valueOf(i)), node.get(i), leaves);
            }
        } else {
            leaves.put(path, node);
        }
    }

    private static boolean containsContainers(JsonNode array) {
        for (JsonNode n : array) {
            if (n.isContainerNode()) {
                return true;
            }
        }
        return false;
    }

    private static String join(String path, String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    /** Replaces the leaf at {@code path} in {@code root} (an existing leaf: the form edits, it never adds). */
    public static void set(JsonNode root, String path, JsonNode value) {
        String[] parts = path.split("\\.");
        JsonNode parent = root;
        for (int i = 0; i < parts.length - 1; i++) {
            parent = parent.isArray() ? parent.get(Integer.parseInt(parts[i])) : parent.get(parts[i]);
            if (parent == null) {
                throw new IllegalArgumentException("no field " + path);
            }
        }
        String last = parts[parts.length - 1];
        if (parent instanceof ArrayNode array) {
            array.set(Integer.parseInt(last), value);
        } else if (parent instanceof ObjectNode object && object.has(last)) {
            object.set(last, value);
        } else {
            throw new IllegalArgumentException("no field " + path);
        }
    }

    /** True when two leaves hold the same value (numbers compared by value: 0.50 equals 0.5). */
    public static boolean same(JsonNode a, JsonNode b) {
        if (a == null || b == null) {
            return a == b;
        }
        if (a.isNumber() && b.isNumber()) {
            return a.decimalValue().compareTo(b.decimalValue()) == 0;
        }
        return a.equals(b);
    }

    /** A leaf as one line of text: numbers plainly, texts without quotes, arrays as JSON. */
    public static String text(JsonNode leaf) {
        if (leaf == null || leaf.isMissingNode()) {
            return "";
        }
        if (leaf.isNumber()) {
            return leaf.decimalValue().stripTrailingZeros().toPlainString();
        }
        return leaf.isTextual() ? leaf.asText() : leaf.toString();
    }
}
