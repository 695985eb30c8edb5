package dev.strata.aws;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * Chooses the stack's availability zones by zone <b>id</b>. A zone name (us-east-1a) maps to a different physical
 * zone in each account; the id (use1-az1) does not, and EKS refuses control-plane subnets in a few ids
 * (CreateCluster: "Cannot create cluster because ... does not have sufficient capacity"; pulumi-eks#1401).
 */
final class Zones {
    /**
     * Zone ids EKS does not support for the control plane, from the EKS user guide ("Create a VPC" / "Subnet
     * requirements and considerations": us-east-1 use1-az3, us-west-1 usw1-az2, ca-central-1 cac1-az3).
     */
    static final Set<String> EKS_UNSUPPORTED = Set.of("use1-az3", "usw1-az2", "cac1-az3");

    private Zones() {
    }

    /** The first {@code count} zones by id, skipping ids EKS does not support; name -> id, in id order. */
    static Map<String, String> choose(String region, List<String> names, List<String> ids, int count) {
        if (names.size() != ids.size()) {
            throw new IllegalArgumentException("zone names " + names + " and ids " + ids + " differ in length");
        }
        var chosen = new LinkedHashMap<String, String>();
        IntStream.range(0, names.size()).boxed()
                .filter(i -> !EKS_UNSUPPORTED.contains(ids.get(i)))
                .sorted(Comparator.comparing(ids::get))
                .limit(count)
                .forEach(i -> chosen.put(names.get(i), ids.get(i)));
        if (chosen.size() < count) {
            throw new IllegalStateException("region " + region + " has only " + chosen.size() + " availability zones"
                    + " without opt-in that EKS supports (" + chosen.values() + "); the platform needs " + count);
        }
        return chosen;
    }
}
