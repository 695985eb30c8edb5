package dev.strata.gcp;

import com.pulumi.core.Output;
import com.pulumi.gcp.compute.Firewall;
import com.pulumi.gcp.compute.FirewallArgs;
import com.pulumi.gcp.compute.GlobalAddress;
import com.pulumi.gcp.compute.GlobalAddressArgs;
import com.pulumi.gcp.compute.Network;
import com.pulumi.gcp.compute.NetworkArgs;
import com.pulumi.gcp.compute.Router;
import com.pulumi.gcp.compute.RouterArgs;
import com.pulumi.gcp.compute.RouterNat;
import com.pulumi.gcp.compute.RouterNatArgs;
import com.pulumi.gcp.compute.Subnetwork;
import com.pulumi.gcp.compute.SubnetworkArgs;
import com.pulumi.gcp.compute.inputs.FirewallAllowArgs;
import com.pulumi.gcp.compute.inputs.FirewallDenyArgs;
import com.pulumi.gcp.compute.inputs.FirewallLogConfigArgs;
import com.pulumi.gcp.compute.inputs.RouterNatLogConfigArgs;
import com.pulumi.gcp.compute.inputs.SubnetworkLogConfigArgs;
import com.pulumi.gcp.compute.inputs.SubnetworkSecondaryIpRangeArgs;
import com.pulumi.gcp.dns.ManagedZone;
import com.pulumi.gcp.dns.ManagedZoneArgs;
import com.pulumi.gcp.dns.RecordSet;
import com.pulumi.gcp.dns.RecordSetArgs;
import com.pulumi.gcp.dns.inputs.ManagedZonePrivateVisibilityConfigArgs;
import com.pulumi.gcp.dns.inputs.ManagedZonePrivateVisibilityConfigNetworkArgs;
import com.pulumi.gcp.servicenetworking.Connection;
import com.pulumi.gcp.servicenetworking.ConnectionArgs;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import dev.strata.platform.ResourceOpts;

import java.util.List;
import java.util.Map;

/**
 * The custom-mode VPC: one regional subnet for the nodes with secondary ranges for pods and services
 * ({@link GcpRanges}), flow logs on the subnet and Private Google Access; a Cloud Router with Cloud NAT
 * (logging errors) for the private nodes' egress; private services access (an allocated range and the
 * service networking peering) so Cloud SQL gets a private IP only. Firewall: deny all ingress (logged) at
 * the lowest priority, and allow only Google's front ends and health checkers to reach the nodes on the
 * application port. A private DNS zone sends {@code *.googleapis.com} to {@code private.googleapis.com}, so
 * Google API traffic (the Cloud SQL connector's, for one) stays on {@link #GOOGLE_APIS_CIDR}. The private services range is handed out ready: after the peering exists.
 */
public final class GcpNetwork extends ComponentResource {
    public static final String TYPE = "strata:gcp:GcpNetwork";
    /** Google front ends and health checkers of global external load balancers. */
    public static final List<String> GOOGLE_FRONT_ENDS = List.of("35.191.0.0/16", "130.211.0.0/22");
    static final String NODE_TAG = "strata-node";
    /**
     * private.googleapis.com: Private Google Access VIPs, reachable without internet egress; *.googleapis.com
     * resolves to them inside the VPC, so pods' egress to Google APIs is one narrow range
     * (https://cloud.google.com/vpc/docs/configure-private-google-access#config-domain).
     */
    public static final String GOOGLE_APIS_CIDR = "199.36.153.8/30";
    static final List<String> GOOGLE_APIS_IPS = List.of("199.36.153.8", "199.36.153.9", "199.36.153.10",
            "199.36.153.11");

    record Args(GcpProject project, GcpRanges ranges, int appPort) {
    }

    private final Network network;
    private final Subnetwork subnet;
    private final Output<String> privateServicesRange;

    GcpNetwork(String name, Args args, ComponentResourceOptions opts) {
        super(TYPE, name, opts);
        var child = ResourceOpts.child(this);
        var r = args.ranges();
        this.network = new Network(name + "-vpc", NetworkArgs.builder()
                .autoCreateSubnetworks(false).routingMode("REGIONAL").build(), child);
        this.subnet = new Subnetwork(name + "-nodes", SubnetworkArgs.builder()
                .network(network.id())
                .region(args.project().region())
                .ipCidrRange(r.nodes().toString())
                .privateIpGoogleAccess(true)
                .secondaryIpRanges(
                        SubnetworkSecondaryIpRangeArgs.builder().rangeName("pods").ipCidrRange(r.pods().toString()).build(),
                        SubnetworkSecondaryIpRangeArgs.builder().rangeName("services")
                                .ipCidrRange(r.services().toString()).build())
                .logConfig(SubnetworkLogConfigArgs.builder()
                        .aggregationInterval("INTERVAL_1_MIN").flowSampling(0.5).metadata("INCLUDE_ALL_METADATA").build())
                .build(), child);

        var router = new Router(name + "-router", RouterArgs.builder()
                .network(network.id()).region(args.project().region()).build(), child);
        new RouterNat(name + "-nat", RouterNatArgs.builder()
                .router(router.name())
                .region(args.project().region())
                .natIpAllocateOption("AUTO_ONLY")
                .sourceSubnetworkIpRangesToNat("ALL_SUBNETWORKS_ALL_IP_RANGES")
                .enableEndpointIndependentMapping(false)
                .minPortsPerVm(64)
                .logConfig(RouterNatLogConfigArgs.builder().enable(true).filter("ERRORS_ONLY").build())
                .build(), child);

        var psaRange = new GlobalAddress(name + "-private-services", GlobalAddressArgs.builder()
                .purpose("VPC_PEERING").addressType("INTERNAL")
                .address(addressOf(r.privateServices().toString()))
                .prefixLength(r.privateServices().prefix())
                .network(network.id())
                .build(), child);
        var peering = new Connection(name + "-private-services", ConnectionArgs.builder()
                .network(network.id())
                .service("servicenetworking.googleapis.com")
                .reservedPeeringRanges(Output.all(psaRange.name()))
                .build(), child);
        this.privateServicesRange = Output.tuple(psaRange.name(), peering.id()).applyValue(t -> t.t1);

        var apis = new ManagedZone(name + "-googleapis", ManagedZoneArgs.builder()
                .dnsName("googleapis.com.").visibility("private")
                .description("Google APIs through Private Google Access (private.googleapis.com)")
                .privateVisibilityConfig(ManagedZonePrivateVisibilityConfigArgs.builder().networks(
                        ManagedZonePrivateVisibilityConfigNetworkArgs.builder().networkUrl(network.id()).build())
                        .build())
                .build(), child);
        new RecordSet(name + "-googleapis-vip", RecordSetArgs.builder().managedZone(apis.name())
                .name("private.googleapis.com.").type("A").ttl(300).rrdatas(GOOGLE_APIS_IPS).build(), child);
        new RecordSet(name + "-googleapis-all", RecordSetArgs.builder().managedZone(apis.name())
                .name("*.googleapis.com.").type("CNAME").ttl(300).rrdatas("private.googleapis.com.").build(), child);

        new Firewall(name + "-deny-all-ingress", FirewallArgs.builder()
                .network(network.id())
                .description("Default deny of all ingress, logged")
                .direction("INGRESS").priority(65534)
                .sourceRanges("0.0.0.0/0")
                .denies(FirewallDenyArgs.builder().protocol("all").build())
                .logConfig(FirewallLogConfigArgs.builder().metadata("INCLUDE_ALL_METADATA").build())
                .build(), child);
        new Firewall(name + "-allow-google-front-ends", FirewallArgs.builder()
                .network(network.id())
                .description("Google front ends and health checkers to the workload port of the nodes")
                .direction("INGRESS").priority(1000)
                .sourceRanges(GOOGLE_FRONT_ENDS)
                .targetTags(NODE_TAG)
                .allows(FirewallAllowArgs.builder().protocol("tcp").ports(String.valueOf(args.appPort())).build())
                .logConfig(FirewallLogConfigArgs.builder().metadata("EXCLUDE_ALL_METADATA").build())
                .build(), child);
        registerOutputs(Map.of("network", network.id(), "subnet", subnet.id()));
    }

    private static String addressOf(String cidr) {
        return cidr.substring(0, cidr.indexOf('/'));
    }

    public Output<String> networkId() {
        return network.id();
    }

    public Output<String> subnetId() {
        return subnet.id();
    }

    /** The allocated private services range, ready once the peering exists. */
    public Output<String> privateServicesRange() {
        return privateServicesRange;
    }
}
