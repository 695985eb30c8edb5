package dev.strata.gcp;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.strata.support.Props.list;
import static dev.strata.support.Props.map;

/**
 * GCP rules the mock engine does not know, written down once and applied by component and whole-plan tests.
 */
final class GcpCloudRules {
    private GcpCloudRules() {
    }

    /**
     * TTL fields Cloud CDN accepts per cache mode (compute API BackendServiceCdnPolicy: maxTtl only with
     * CACHE_ALL_STATIC, terraform-provider-google#16935; USE_ORIGIN_HEADERS takes no TTL at all).
     */
    static final Map<String, Set<String>> CDN_TTL_FIELDS = Map.of(
            "CACHE_ALL_STATIC", Set.of("defaultTtl", "maxTtl", "clientTtl"),
            "USE_ORIGIN_HEADERS", Set.of(),
            "FORCE_CACHE_ALL", Set.of("defaultTtl", "clientTtl"));

    /** Problems of one cdnPolicy: a TTL its mode refuses, or a mode that caches private/no-store responses. */
    static List<String> cdnPolicyViolations(Map<String, Object> cdn) {
        var problems = new ArrayList<String>();
        String mode = String.valueOf(cdn.get("cacheMode"));
        var allowed = CDN_TTL_FIELDS.get(mode);
        if (allowed == null) {
            return List.of("unknown cacheMode " + mode);
        }
        for (String ttl : List.of("defaultTtl", "maxTtl", "clientTtl")) {
            if (cdn.containsKey(ttl) && !allowed.contains(ttl)) {
                problems.add(ttl + " is refused with " + mode);
            }
        }
        if (mode.equals("FORCE_CACHE_ALL")) {
            problems.add("FORCE_CACHE_ALL caches responses marked private or no-store");
        }
        return problems;
    }

    private static final Pattern AT_LEAST = Pattern.compile("(\\d+) or more .+ in (\\d+) minutes");
    private static final Pattern MORE_THAN_IN = Pattern.compile("(?i).*more than (\\d+) .+ in (\\d+) minutes");
    private static final Pattern FOR = Pattern.compile(".+ for (\\d+) minutes");

    /**
     * What an alert policy's condition computes against what its text claims. "N or more X in M minutes" (or
     * "more than N-1 X in M minutes") must be the delta over one M-minute window compared with N-1, firing at
     * once; "X for M minutes" must hold for M minutes on windows no longer than that. A text that claims
     * neither is itself a problem: every alert says what it means.
     */
    static List<String> alertClaimViolations(String name, Map<String, Object> alert) {
        var problems = new ArrayList<String>();
        for (Object c : list(alert.get("conditions"))) {
            var condition = map(c);
            String claim = String.valueOf(condition.get("displayName"));
            var threshold = condition.containsKey("conditionThreshold") ? map(condition.get("conditionThreshold")) : null;
            var promql = condition.containsKey("conditionPrometheusQueryLanguage")
                    ? map(condition.get("conditionPrometheusQueryLanguage")) : null;
            Matcher count = AT_LEAST.matcher(claim);
            Matcher more = MORE_THAN_IN.matcher(claim);
            Matcher held = FOR.matcher(claim);
            if (count.matches() || more.matches()) {
                double atLeast = count.matches() ? Double.parseDouble(count.group(1))
                        : Double.parseDouble(more.group(1)) + 1;
                int window = Integer.parseInt((count.matches() ? count : more).group(2)) * 60;
                if (threshold == null) {
                    problems.add(name + ": a count claim needs a threshold condition");
                    continue;
                }
                var agg = map(list(threshold.get("aggregations")).get(0));
                if (!List.of("ALIGN_DELTA", "ALIGN_SUM").contains(agg.get("perSeriesAligner"))) {
                    problems.add(name + ": counting needs ALIGN_DELTA/ALIGN_SUM, not " + agg.get("perSeriesAligner"));
                }
                if (!(window + "s").equals(agg.get("alignmentPeriod"))) {
                    problems.add(name + ": claims a " + window + "s window but aligns over " + agg.get("alignmentPeriod"));
                }
                if (!"0s".equals(threshold.get("duration"))) {
                    problems.add(name + ": a count in one window must fire at once, not after " + threshold.get("duration"));
                }
                boolean gt = "COMPARISON_GT".equals(threshold.get("comparison"));
                double value = ((Number) threshold.get("thresholdValue")).doubleValue();
                if (!(gt && value == atLeast - 1) && !("COMPARISON_GE".equals(threshold.get("comparison"))
                        && value == atLeast)) {
                    problems.add(name + ": claims at least " + atLeast + " but compares " + threshold.get("comparison")
                            + " " + value);
                }
            } else if (held.matches()) {
                String duration = Integer.parseInt(held.group(1)) * 60 + "s";
                var cond = threshold != null ? threshold : promql;
                if (cond == null || !duration.equals(cond.get("duration"))) {
                    problems.add(name + ": claims " + duration + " but holds for "
                            + (cond == null ? "nothing" : cond.get("duration")));
                } else if (threshold != null) {
                    var agg = map(list(threshold.get("aggregations")).get(0));
                    int period = Integer.parseInt(String.valueOf(agg.get("alignmentPeriod")).replace("s", ""));
                    if (period > Integer.parseInt(duration.replace("s", ""))) {
                        problems.add(name + ": windows of " + period + "s are longer than the claimed " + duration);
                    }
                    if ("ALIGN_DELTA".equals(agg.get("perSeriesAligner"))) {
                        problems.add(name + ": a sustained level is not a per-window delta");
                    }
                }
            } else {
                problems.add(name + ": condition text \"" + claim + "\" claims no checkable window");
            }
        }
        return problems;
    }
}
