package org.attentionlab.lesson;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;

/**
 * Reads YAML nodes of one file, recording a {@link LessonProblem} with the node's line for
 * everything that is not what the format expects. Readers return null (or skip) after recording,
 * so that one pass finds every problem of a file.
 */
final class NodeReader {

    final Path file;
    final List<LessonProblem> problems = new ArrayList<>();

    NodeReader(Path file) {
        this.file = file;
    }

    static int line(Node n) {
        return n == null ? 0 : SafeYaml.line(n.getStartMark());
    }

    void problem(Node at, String message) {
        problems.add(new LessonProblem(file, line(at), message));
    }

    void problem(int line, String message) {
        problems.add(new LessonProblem(file, line, message));
    }

    /** "step 'x'" + ": " + rest, or just rest at the top level. */
    static String join(String where, String rest) {
        return where == null || where.isEmpty() ? rest : where + ": " + rest;
    }

    /** What a node is, for "… is X; expected Y". */
    static String found(Node n) {
        if (n instanceof ScalarNode s) {
            if (s.getTag().equals(Tag.NULL)) {
                return "empty";
            }
            String v = s.getValue();
            return "'" + (v.length() > 40 ? v.substring(0, 37) + "…" : v).replace("\n", "⏎") + "'";
        }
        if (n instanceof SequenceNode) {
            return "a list";
        }
        return "a mapping";
    }

    static boolean isNull(Node n) {
        return n instanceof ScalarNode s && s.getTag().equals(Tag.NULL);
    }

    /**
     * The fields of a mapping, in order. Reports (and drops) duplicate keys, keys that are not plain
     * text, and fields not in {@code allowed}; reports each missing required field at the mapping's
     * line. Returns null (after a problem) when the node is not a mapping.
     *
     * @param what a name for the mapping in messages, e.g. "step 'mask-2'" or "" at the top level
     */
    Map<String, Node> fields(Node node, String what, String describeAs, Collection<String> allowed, Collection<String> required) {
        if (!(node instanceof MappingNode m)) {
            problem(node, join(what, "is " + found(node) + "; expected " + describeAs));
            return null;
        }
        Map<String, Node> out = new LinkedHashMap<>();
        for (NodeTuple t : m.getValue()) {
            Node k = t.getKeyNode();
            if (!(k instanceof ScalarNode ks) || isNull(k)) {
                problem(k, join(what, "a key is " + found(k) + "; keys must be plain names"));
                continue;
            }
            String key = ks.getValue();
            if (out.containsKey(key)) {
                problem(k, join(what, "field '" + key + "' appears twice (first on line " + line(keyNode(m, key)) + ")"));
                continue;
            }
            if (allowed != null && !allowed.contains(key)) {
                problem(k, join(what, "unknown field '" + key + "' (known: " + String.join(", ", allowed) + ")"));
                continue;
            }
            out.put(key, t.getValueNode());
        }
        if (required != null) {
            for (String r : required) {
                if (!out.containsKey(r) && !hasKey(m, r)) {
                    problem(node, join(what, "missing field '" + r + "'"));
                }
            }
        }
        return out;
    }

    private static boolean hasKey(MappingNode m, String key) {
        return keyNode(m, key) != null;
    }

    private static Node keyNode(MappingNode m, String key) {
        for (NodeTuple t : m.getValue()) {
            if (t.getKeyNode() instanceof ScalarNode s && s.getValue().equals(key)) {
                return t.getKeyNode();
            }
        }
        return null;
    }

    /** A non-empty single-line-or-more text; null after a problem. */
    String text(Node node, String field) {
        if (!(node instanceof ScalarNode s) || isNull(node) || s.getValue().isBlank()) {
            problem(node, field + " is " + found(node) + "; expected a non-empty text");
            return null;
        }
        return s.getValue();
    }

    /** A list node's items; null after a problem. */
    List<Node> list(Node node, String field, String expected) {
        if (!(node instanceof SequenceNode s)) {
            problem(node, field + " is " + found(node) + "; expected " + expected);
            return null;
        }
        return s.getValue();
    }
}
