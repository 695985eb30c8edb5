package dev.strata.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Live facts from a deployed stack: the checkpoint {@code pulumi stack export} prints. Physical names
 * (node group, database identifier, vault) are left to auto-naming by the program, so the scripts look
 * them up here by the URN the offline plan gives, instead of guessing them. Secret outputs stay
 * encrypted in an export without {@code --show-secrets}; the scripts only read plain ones.
 */
public final class StateFile {
    private static final Pattern STEP = Pattern.compile("([^.\\[\\]]+)|\\[(\\d+)]");

    private final Path file;
    private final JsonNode resources;

    private StateFile(Path file, JsonNode resources) {
        this.file = file;
        this.resources = resources;
    }

    public static StateFile read(Path file) {
        try {
            JsonNode root = new ObjectMapper().readTree(file.toFile());
            JsonNode resources = root.path("deployment").path("resources");
            if (!resources.isArray()) {
                throw new IllegalArgumentException(file + " is not a stack export (no deployment.resources)");
            }
            return new StateFile(file, resources);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read stack export " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * The output at {@code path} (dots and {@code [i]}, e.g. {@code settings[0].tier}) of the resource
     * {@code urn}: its text for a scalar, its JSON otherwise.
     */
    public String output(String urn, String path) {
        JsonNode node = null;
        for (JsonNode r : resources) {
            if (r.path("urn").asText().equals(urn)) {
                node = r.path("outputs");
            }
        }
        if (node == null) {
            throw new IllegalArgumentException("the stack has no resource " + urn + " (" + file + "); is it deployed?");
        }
        if (path.equals("id")) {
            return resourceId(urn);
        }
        Matcher m = STEP.matcher(path);
        while (m.find()) {
            node = m.group(1) != null ? node.path(m.group(1)) : node.path(Integer.parseInt(m.group(2)));
        }
        if (node.isMissingNode() || node.isNull()) {
            throw new IllegalArgumentException("resource " + urn + " has no output " + path);
        }
        if (node.isObject() && node.has("4dabf18193072939515e22adb298388d")) {
            throw new IllegalArgumentException("output " + path + " of " + urn + " is a secret; it is not read here");
        }
        if (node.isArray() && java.util.stream.StreamSupport.stream(node.spliterator(), false)
                .allMatch(JsonNode::isValueNode)) {
            // a list of ids (e.g. security groups) as the CLIs take it: space separated
            var items = new java.util.ArrayList<String>();
            node.forEach(n -> items.add(n.asText()));
            return String.join(" ", items);
        }
        return node.isValueNode() ? node.asText() : node.toString();
    }

    private String resourceId(String urn) {
        for (JsonNode r : resources) {
            if (r.path("urn").asText().equals(urn)) {
                return r.path("id").asText();
            }
        }
        throw new IllegalArgumentException("the stack has no resource " + urn);
    }
}
