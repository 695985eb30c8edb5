package dev.strata.aws;

import dev.strata.config.Cidr;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Carves the VPC into three tiers per availability zone, keyed by zone name. The first three quarters
 * of the VPC are the private (node and pod) subnets, one per zone, because the VPC CNI gives every
 * pod a VPC address; the last quarter is cut into sixteenths, of which the first three are the public
 * subnets (NAT gateways only), the next three the isolated database subnets and the next three the edge subnets
 * (the internal ALB and the metrics collector only: the workload's NetworkPolicies admit exactly these ranges, never
 * the pod range). For a /16 that is /18 private and /22 public, database and edge per zone; for a /20, /26 edge
 * subnets, above the ALB's minimum of /27 with 8 free addresses. The rest stays free for growth.
 */
final class SubnetLayout {
    /** The subnets of one zone. */
    record Zone(String name, Cidr publicSubnet, Cidr privateSubnet, Cidr databaseSubnet, Cidr edgeSubnet) {
    }

    static final int ZONES = 3;

    private SubnetLayout() {
    }

    static Map<String, Zone> carve(Cidr vpc, List<String> zones) {
        if (zones.size() != ZONES) {
            throw new IllegalArgumentException("the layout needs exactly " + ZONES + " zones, got " + zones);
        }
        if (vpc.prefix() > 20) {
            throw new IllegalArgumentException(vpc + " is too small; use /20 or larger");
        }
        Cidr spare = vpc.subnet(vpc.prefix() + 2, 3);
        var out = new LinkedHashMap<String, Zone>();
        for (int i = 0; i < ZONES; i++) {
            out.put(zones.get(i), new Zone(zones.get(i),
                    spare.subnet(spare.prefix() + 4, i),
                    vpc.subnet(vpc.prefix() + 2, i),
                    spare.subnet(spare.prefix() + 4, ZONES + i),
                    spare.subnet(spare.prefix() + 4, 2 * ZONES + i)));
        }
        return out;
    }
}
