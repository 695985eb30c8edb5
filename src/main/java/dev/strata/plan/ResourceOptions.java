package dev.strata.plan;

import java.util.List;
import java.util.Map;

/**
 * The resource options the engine received with a registration: what {@code pulumi up} will do on
 * delete and replace, which input changes it ignores or turns into replacements, the aliases it follows,
 * the custom timeouts (null when unset), and the provider plugin version and download URL the SDK asked
 * for (empty when none).
 */
public record ResourceOptions(boolean protect, boolean retainOnDelete, boolean deleteBeforeReplace,
                              List<String> ignoreChanges, List<String> replaceOnChanges, List<String> aliases,
                              Map<String, String> customTimeouts, String version, String pluginDownloadURL) {
    static final ResourceOptions NONE = new ResourceOptions(false, false, false, List.of(), List.of(), List.of(),
            null, "", "");
}
