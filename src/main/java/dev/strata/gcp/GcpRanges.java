package dev.strata.gcp;

import dev.strata.config.Cidr;

/**
 * Carves the VPC range for GKE: a node subnet, secondary ranges for pods (half the VPC: alias IPs give
 * every pod an address) and services, the range reserved for private services access (Cloud SQL), and
 * the /28 of the private control plane. None overlap.
 */
record GcpRanges(Cidr nodes, Cidr pods, Cidr services, Cidr privateServices, Cidr controlPlane) {

    static GcpRanges carve(Cidr vpc) {
        if (vpc.prefix() > 20) {
            throw new IllegalArgumentException(vpc + " is too small; use /20 or larger");
        }
        int sixteenth = vpc.prefix() + 4;
        return new GcpRanges(
                vpc.subnet(sixteenth, 0),
                vpc.subnet(vpc.prefix() + 1, 1),
                vpc.subnet(sixteenth, 1),
                vpc.subnet(sixteenth, 2),
                vpc.subnet(sixteenth, 3).subnet(28, 0));
    }
}
