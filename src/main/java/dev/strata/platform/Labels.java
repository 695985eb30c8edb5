package dev.strata.platform;

import dev.strata.config.StackConfig;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The tags (AWS) and labels (GCP, Kubernetes) every resource carries: {@code project}, {@code stack},
 * {@code environment}, {@code owner}, {@code cost-center}, {@code managed-by}. Applied once as provider
 * defaults; components add their own on top.
 */
public final class Labels {
    /** The keys the policy pack requires on every taggable resource. */
    public static final java.util.List<String> REQUIRED = java.util.List.of("project", "stack", "owner");

    private Labels() {
    }

    /** The tag map, values as configured. Sorted, so plans are stable. */
    public static Map<String, String> of(StackConfig cfg) {
        var m = new TreeMap<String, String>();
        m.put("project", cfg.project());
        m.put("stack", cfg.stack());
        m.put("environment", cfg.environment().id());
        m.put("owner", cfg.ownership().owner());
        m.put("cost-center", cfg.ownership().costCenter());
        m.put("managed-by", "pulumi");
        return java.util.Collections.unmodifiableMap(m);
    }

    /**
     * The same map made valid for GCP labels: keys and values lower case, only {@code [a-z0-9_-]},
     * at most 63 characters, keys starting with a letter.
     */
    public static Map<String, String> gcp(Map<String, String> tags) {
        var m = new TreeMap<String, String>();
        tags.forEach((k, v) -> {
            String key = sanitize(k);
            if (key.isEmpty() || !Character.isLetter(key.charAt(0))) {
                key = "k" + key;
            }
            m.put(key.length() > 63 ? key.substring(0, 63) : key, truncate(sanitize(v)));
        });
        return java.util.Collections.unmodifiableMap(m);
    }

    private static String sanitize(String s) {
        return s.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_-]", "_");
    }

    private static String truncate(String s) {
        return s.length() > 63 ? s.substring(0, 63) : s;
    }
}
