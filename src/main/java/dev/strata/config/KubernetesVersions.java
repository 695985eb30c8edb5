package dev.strata.config;

import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The Kubernetes minors the managed control planes offer, with the end of <b>standard</b> support on each cloud:
 * the one table the config loader validates {@code strata:kubernetesVersion} against. A minor is allowed on a
 * stack only while it is in standard support on that stack's cloud on the day of the run; past that date EKS
 * bills extended support and later force-upgrades, and GKE stops offering the minor for new clusters, so
 * {@code pulumi up} would be refused or drift.
 *
 * <p>Sources, read 2026-12-02:
 * <ul>
 *   <li>EKS: "Understand the Kubernetes version lifecycle on EKS" (docs.aws.amazon.com/eks/latest/userguide/
 *       kubernetes-versions.html): standard support is 14 months from the EKS release, then 12 months of
 *       extended support. Release dates per minor from the same page's release calendar (mirrored on
 *       endoflife.date/amazon-eks).</li>
 *   <li>GKE: "GKE release schedule" (cloud.google.com/kubernetes-engine/docs/release-schedule): end of standard
 *       support per minor (mirrored on endoflife.date/google-kubernetes-engine).</li>
 * </ul>
 * Review this table whenever a new minor reaches the GKE Regular channel and EKS (about every four months).
 * The default ({@link #DEFAULT}) must be in standard support on both clouds; a test holds that.
 */
public final class KubernetesVersions {

    /** One minor: EKS release and end of standard support, GKE Regular-channel availability and end of standard support. */
    public record Window(String minor, LocalDate eksRelease, LocalDate eksEndOfStandard, LocalDate gkeRegular,
                         LocalDate gkeEndOfStandard) {

        /**
         * The cluster-autoscaler image of this minor: its minor must equal the cluster's (kubernetes/autoscaler
         * README, "Releases": only the matching minor is tested against a control plane).
         */
        public String clusterAutoscalerTag() {
            return "v" + minor + ".0";
        }

        /** The end of standard support on {@code cloud}. */
        public LocalDate endOfStandard(Cloud cloud) {
            return cloud == Cloud.AWS ? eksEndOfStandard : gkeEndOfStandard;
        }

        /** The first day {@code cloud} offers the minor for new clusters. */
        public LocalDate available(Cloud cloud) {
            return cloud == Cloud.AWS ? eksRelease : gkeRegular;
        }

        public boolean inStandardSupport(Cloud cloud, LocalDate day) {
            return !day.isBefore(available(cloud)) && !day.isAfter(endOfStandard(cloud));
        }
    }

    /** The default minor: 1.35, in standard support on EKS until 2027-03-27 and on GKE until 2027-02-28. */
    public static final String DEFAULT = "1.35";

    /** Date the table was last checked against the sources. */
    public static final LocalDate CHECKED = LocalDate.of(2026, 12, 2);

    static final Map<String, Window> TABLE;

    static {
        var t = new TreeMap<String, Window>();
        // 1.33: EKS 2025-05-28 .. 2026-07-29; GKE Regular 2025-06-03 .. 2026-06-30
        put(t, "1.33", "2025-05-28", "2026-07-29", "2025-06-03", "2026-06-30");
        // 1.34: EKS 2025-10-06 .. 2026-12-02; GKE Regular 2025-09-30 .. 2026-08-30
        put(t, "1.34", "2025-10-06", "2026-12-02", "2025-09-30", "2026-08-30");
        // 1.35: EKS 2026-01-28 .. 2027-03-27; GKE Regular 2026-02-11 .. 2027-02-28
        put(t, "1.35", "2026-01-28", "2027-03-27", "2026-02-11", "2027-02-28");
        TABLE = java.util.Collections.unmodifiableMap(t);
    }

    private KubernetesVersions() {
    }

    private static void put(Map<String, Window> t, String minor, String eks, String eksEnd, String gke, String gkeEnd) {
        t.put(minor, new Window(minor, LocalDate.parse(eks), LocalDate.parse(eksEnd), LocalDate.parse(gke),
                LocalDate.parse(gkeEnd)));
    }

    public static Optional<Window> window(String minor) {
        return Optional.ofNullable(TABLE.get(minor));
    }

    /** Every minor of the table, oldest first. */
    public static Map<String, Window> all() {
        return TABLE;
    }

    /** The minors in standard support on {@code cloud} on {@code day}, for error messages. */
    public static java.util.List<String> supported(Cloud cloud, LocalDate day) {
        return TABLE.values().stream().filter(w -> w.inStandardSupport(cloud, day)).map(Window::minor).toList();
    }
}
