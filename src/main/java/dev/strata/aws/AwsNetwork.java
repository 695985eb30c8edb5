package dev.strata.aws;

import dev.strata.platform.ResourceOpts;
import com.pulumi.aws.cloudwatch.LogGroup;
import com.pulumi.aws.cloudwatch.LogGroupArgs;
import com.pulumi.aws.ec2.Eip;
import com.pulumi.aws.ec2.EipArgs;
import com.pulumi.aws.ec2.FlowLog;
import com.pulumi.aws.ec2.FlowLogArgs;
import com.pulumi.aws.ec2.InternetGateway;
import com.pulumi.aws.ec2.InternetGatewayArgs;
import com.pulumi.aws.ec2.NatGateway;
import com.pulumi.aws.ec2.NatGatewayArgs;
import com.pulumi.aws.ec2.Route;
import com.pulumi.aws.ec2.RouteArgs;
import com.pulumi.aws.ec2.RouteTable;
import com.pulumi.aws.ec2.RouteTableArgs;
import com.pulumi.aws.ec2.RouteTableAssociation;
import com.pulumi.aws.ec2.RouteTableAssociationArgs;
import com.pulumi.aws.ec2.Subnet;
import com.pulumi.aws.ec2.SubnetArgs;
import com.pulumi.aws.ec2.Vpc;
import com.pulumi.aws.ec2.VpcArgs;
import com.pulumi.aws.iam.Role;
import com.pulumi.aws.iam.RoleArgs;
import com.pulumi.aws.iam.RolePolicy;
import com.pulumi.aws.iam.RolePolicyArgs;
import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import dev.strata.config.Cidr;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The VPC over three availability zones: per zone a public subnet (NAT gateways only; nothing gets a
 * public IP on launch), a private subnet for nodes and pods (tagged for internal load balancers) and an
 * isolated database subnet with no route out. One NAT gateway per zone when {@code natPerZone} (prod:
 * a zone outage does not cut the others' egress), otherwise one (dev: cost). VPC flow logs of all
 * traffic go to an encrypted CloudWatch log group with retention, through a role that may write to that
 * group only. Subnet ids are handed out keyed by zone; they are ready when the route tables are
 * associated.
 */
public final class AwsNetwork extends ComponentResource {
    public static final String TYPE = "strata:aws:AwsNetwork";

    /**
     * @param vpcCidr          the VPC range (carved by {@link SubnetLayout})
     * @param natPerZone       one NAT gateway per zone (prod) or a single one (dev)
     * @param logRetentionDays flow log retention
     * @param logKeyArn        KMS key of the flow log group
     */
    record Args(AwsAccount account, Cidr vpcCidr, boolean natPerZone, int logRetentionDays,
                Output<String> logKeyArn) {
    }

    private final Vpc vpc;
    private final Map<String, Subnet> publicSubnets = new LinkedHashMap<>();
    private final Map<String, Subnet> privateSubnets = new LinkedHashMap<>();
    private final Map<String, Subnet> databaseSubnets = new LinkedHashMap<>();
    private final Map<String, Subnet> edgeSubnets = new LinkedHashMap<>();
    private final List<String> databaseCidrs;
    private final List<String> edgeCidrs;
    private final Output<List<String>> edgeSubnetIds;
    private final Output<List<String>> privateSubnetIds;
    private final Output<List<String>> databaseSubnetIds;

    private final Map<String, String> zoneIds;

    AwsNetwork(String name, Args args, ComponentResourceOptions opts) {
        super(TYPE, name, opts);
        this.zoneIds = args.account().zoneIds();
        var child = ResourceOpts.child(this);
        var layout = SubnetLayout.carve(args.vpcCidr(), args.account().zones());
        this.databaseCidrs = layout.values().stream().map(z -> z.databaseSubnet().toString()).toList();
        this.edgeCidrs = layout.values().stream().map(z -> z.edgeSubnet().toString()).toList();

        this.vpc = new Vpc(name + "-vpc", VpcArgs.builder()
                .cidrBlock(args.vpcCidr().toString())
                .enableDnsSupport(true)
                .enableDnsHostnames(true)
                .tags(Map.of("Name", name))
                .build(), child);
        var igw = new InternetGateway(name + "-igw", InternetGatewayArgs.builder().vpcId(vpc.id()).build(), child);

        var publicRoutes = new RouteTable(name + "-public", RouteTableArgs.builder().vpcId(vpc.id())
                .tags(Map.of("Name", name + "-public")).build(), child);
        new Route(name + "-public-default", RouteArgs.builder().routeTableId(publicRoutes.id())
                .destinationCidrBlock("0.0.0.0/0").gatewayId(igw.id()).build(), child);
        var databaseRoutes = new RouteTable(name + "-database", RouteTableArgs.builder().vpcId(vpc.id())
                .tags(Map.of("Name", name + "-database")).build(), child);

        var nats = new LinkedHashMap<String, NatGateway>();
        for (var zone : layout.values()) {
            String z = zone.name();
            var pub = subnet(name + "-public-" + z, zone.publicSubnet(), z, Map.of("Name", name + "-public-" + z,
                    "tier", "public"), child);
            publicSubnets.put(z, pub);
            new RouteTableAssociation(name + "-public-" + z, RouteTableAssociationArgs.builder()
                    .subnetId(pub.id()).routeTableId(publicRoutes.id()).build(), child);
            if (args.natPerZone() || nats.isEmpty()) {
                var eip = new Eip(name + "-nat-" + z, EipArgs.builder().domain("vpc")
                        .tags(Map.of("Name", name + "-nat-" + z)).build(), child);
                nats.put(z, new NatGateway(name + "-nat-" + z, NatGatewayArgs.builder()
                        .allocationId(eip.id()).subnetId(pub.id()).tags(Map.of("Name", name + "-nat-" + z))
                        .build(), CustomResourceOptions.builder().parent(this).dependsOn(igw).build()));
            }
            var nat = nats.getOrDefault(z, nats.values().iterator().next());

            var priv = subnet(name + "-private-" + z, zone.privateSubnet(), z, Map.of("Name", name + "-private-" + z,
                    "tier", "private", "kubernetes.io/role/internal-elb", "1"), child);
            privateSubnets.put(z, priv);
            var privateRoutes = new RouteTable(name + "-private-" + z, RouteTableArgs.builder().vpcId(vpc.id())
                    .tags(Map.of("Name", name + "-private-" + z)).build(), child);
            new Route(name + "-private-" + z + "-default", RouteArgs.builder().routeTableId(privateRoutes.id())
                    .destinationCidrBlock("0.0.0.0/0").natGatewayId(nat.id()).build(), child);
            new RouteTableAssociation(name + "-private-" + z, RouteTableAssociationArgs.builder()
                    .subnetId(priv.id()).routeTableId(privateRoutes.id()).build(), child);

            var db = subnet(name + "-database-" + z, zone.databaseSubnet(), z, Map.of("Name",
                    name + "-database-" + z, "tier", "database"), child);
            databaseSubnets.put(z, db);
            new RouteTableAssociation(name + "-database-" + z, RouteTableAssociationArgs.builder()
                    .subnetId(db.id()).routeTableId(databaseRoutes.id()).build(), child);

            // the internal ALB and the metrics collector: no route out, reachable inside the VPC only
            var edge = subnet(name + "-edge-" + z, zone.edgeSubnet(), z, Map.of("Name", name + "-edge-" + z,
                    "tier", "edge"), child);
            edgeSubnets.put(z, edge);
            new RouteTableAssociation(name + "-edge-" + z, RouteTableAssociationArgs.builder()
                    .subnetId(edge.id()).routeTableId(databaseRoutes.id()).build(), child);
        }

        var flowLogs = new LogGroup(name + "-flow-logs", LogGroupArgs.builder()
                .retentionInDays(args.logRetentionDays())
                .kmsKeyId(args.logKeyArn())
                .build(), child);
        var flowRole = new Role(name + "-flow-logs", RoleArgs.builder()
                .description("VPC flow logs delivery for " + name)
                .assumeRolePolicy(Policies.assumeRoleByService("vpc-flow-logs.amazonaws.com",
                        args.account().accountId()))
                .build(), child);
        new RolePolicy(name + "-flow-logs", RolePolicyArgs.builder()
                .role(flowRole.id())
                .policy(flowLogs.arn().applyValue(arn -> Policies.json(Policies.document(List.of(Policies.allow(
                        "WriteFlowLogsToItsGroup",
                        List.of("logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogStreams"),
                        List.of(arn, arn + ":*")))))))
                .build(), child);
        new FlowLog(name + "-flow-logs", FlowLogArgs.builder()
                .vpcId(vpc.id())
                .trafficType("ALL")
                .logDestinationType("cloud-watch-logs")
                .logDestination(flowLogs.arn())
                .iamRoleArn(flowRole.arn())
                .maxAggregationInterval(60)
                .build(), child);

        this.privateSubnetIds = Output.all(privateSubnets.values().stream().map(Subnet::id).toList());
        this.databaseSubnetIds = Output.all(databaseSubnets.values().stream().map(Subnet::id).toList());
        this.edgeSubnetIds = Output.all(edgeSubnets.values().stream().map(Subnet::id).toList());
        registerOutputs(Map.of("vpcId", vpc.id(), "privateSubnetIds", privateSubnetIds,
                "databaseSubnetIds", databaseSubnetIds));
    }

    private Subnet subnet(String name, Cidr cidr, String zone, Map<String, String> tags, CustomResourceOptions opts) {
        return new Subnet(name, SubnetArgs.builder()
                .vpcId(vpc.id())
                .cidrBlock(cidr.toString())
                // by zone id: the same name maps to different zones in different accounts
                .availabilityZoneId(zoneIds.get(zone))
                .mapPublicIpOnLaunch(false)
                .tags(tags)
                .build(), opts);
    }

    public Output<String> vpcId() {
        return vpc.id();
    }

    public Output<String> vpcCidr() {
        return vpc.cidrBlock();
    }

    /** Node and pod subnets, in zone order. */
    public Output<List<String>> privateSubnetIds() {
        return privateSubnetIds;
    }

    /** Isolated database subnets, in zone order. */
    public Output<List<String>> databaseSubnetIds() {
        return databaseSubnetIds;
    }

    /** Ranges of the database subnets, for the workload's egress policy. */
    public List<String> databaseCidrs() {
        return databaseCidrs;
    }

    /** Subnets of the internal ALB and the metrics collector, in zone order. */
    public Output<List<String>> edgeSubnetIds() {
        return edgeSubnetIds;
    }

    /** Ranges of the edge subnets: where load balancer and scraper traffic to pods comes from. */
    public List<String> edgeCidrs() {
        return edgeCidrs;
    }

    Map<String, Subnet> publicSubnets() {
        return publicSubnets;
    }
}
