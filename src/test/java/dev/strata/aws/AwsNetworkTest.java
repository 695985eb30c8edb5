package dev.strata.aws;

import dev.strata.support.Props;
import com.pulumi.resources.ComponentResourceOptions;
import dev.strata.config.Cidr;
import dev.strata.support.MockRun;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static dev.strata.support.Props.num;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AwsNetworkTest {

    @ParameterizedTest(name = "natPerZone={0}")
    @CsvSource({"true,3", "false,1"})
    void threeTiersPerZoneNatPerZoneOnlyWhenAskedAndFlowLogs(boolean natPerZone, int nats) {
        var cfg = AwsFixture.dev();
        var run = MockRun.run(cfg, ctx -> new AwsNetwork("net", new AwsNetwork.Args(AwsFixture.ACCOUNT,
                Cidr.parse("10.40.0.0/16"), natPerZone, 30, AwsFixture.key("logs")), ComponentResourceOptions.Empty));
        var m = run.mocks();

        assertEquals("10.40.0.0/16", m.one("aws:ec2/vpc:Vpc").inputs.get("cidrBlock"));
        assertEquals(12, m.ofType("aws:ec2/subnet:Subnet").size());
        for (var zone : AwsFixture.ACCOUNT.zones()) {
            for (var tier : new String[] {"public", "private", "database", "edge"}) {
                var subnet = m.inputs("aws:ec2/subnet:Subnet", "net-" + tier + "-" + zone);
                assertEquals(AwsFixture.ACCOUNT.zoneIds().get(zone), subnet.get("availabilityZoneId"));
                assertEquals(false, subnet.get("mapPublicIpOnLaunch"), "no public IPs on launch, even in " + tier);
            }
            assertEquals("1", Props.map(m.inputs("aws:ec2/subnet:Subnet", "net-private-" + zone).get("tags"))
                    .get("kubernetes.io/role/internal-elb"));
        }
        assertEquals(nats, m.ofType("aws:ec2/natGateway:NatGateway").size());
        assertEquals(nats, m.ofType("aws:ec2/eip:Eip").size());
        // the database tier has a route table without any route out
        var routes = m.ofType("aws:ec2/route:Route");
        assertEquals(4, routes.size(), "public default + one per private route table");
        assertTrue(routes.stream().noneMatch(r -> r.name.startsWith("net-database") || r.name.startsWith("net-edge")));

        var flow = m.one("aws:ec2/flowLog:FlowLog").inputs;
        assertEquals("ALL", flow.get("trafficType"));
        assertEquals("cloud-watch-logs", flow.get("logDestinationType"));
        var logs = m.one("aws:cloudwatch/logGroup:LogGroup").inputs;
        assertEquals(30, num(logs.get("retentionInDays")));
        assertEquals("arn:aws:kms:us-east-1:123456789012:key/logs", logs.get("kmsKeyId"));
        var policy = AwsFixture.json(m.one("aws:iam/rolePolicy:RolePolicy").inputs.get("policy"));
        var resources = policy.path("Statement").get(0).path("Resource");
        assertTrue(resources.get(0).asText().contains(":log-group:") || resources.get(0).asText().contains("logs"),
                "the flow log role writes to its own group only: " + resources);
        assertEquals(2, resources.size());
    }
}
