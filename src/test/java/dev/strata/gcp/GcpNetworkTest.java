package dev.strata.gcp;

import dev.strata.support.Props;
import com.pulumi.resources.ComponentResourceOptions;
import dev.strata.config.Cidr;
import dev.strata.support.MockRun;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.strata.support.Props.list;
import static dev.strata.support.Props.map;
import static dev.strata.support.Props.num;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GcpNetworkTest {

    @Test
    void customVpcPrivateSubnetNatPrivateServicesAndLeastOpenFirewall() {
        var run = MockRun.run(GcpFixture.dev(), ctx -> new GcpNetwork("net", new GcpNetwork.Args(GcpFixture.PROJECT,
                GcpRanges.carve(Cidr.parse("10.40.0.0/16")), 8080), ComponentResourceOptions.Empty));
        var m = run.mocks();
        assertEquals(false, m.one("gcp:compute/network:Network").inputs.get("autoCreateSubnetworks"));
        var subnet = m.one("gcp:compute/subnetwork:Subnetwork").inputs;
        assertEquals("10.40.0.0/20", subnet.get("ipCidrRange"));
        assertEquals(true, subnet.get("privateIpGoogleAccess"));
        assertTrue(subnet.containsKey("logConfig"), "flow logs");
        var ranges = list(subnet.get("secondaryIpRanges")).toString();
        assertTrue(ranges.contains("rangeName=pods") && ranges.contains("rangeName=services"), ranges);
        var nat = m.one("gcp:compute/routerNat:RouterNat").inputs;
        assertEquals(true, map(nat.get("logConfig")).get("enable"));
        assertEquals("VPC_PEERING", m.one("gcp:compute/globalAddress:GlobalAddress").inputs.get("purpose"));
        assertEquals("servicenetworking.googleapis.com", m.one("gcp:servicenetworking/connection:Connection")
                .inputs.get("service"));

        var deny = m.inputs("gcp:compute/firewall:Firewall", "net-deny-all-ingress");
        assertEquals(65534, num(deny.get("priority")));
        assertTrue(deny.containsKey("denies") && !deny.containsKey("allows"));
        var allow = m.inputs("gcp:compute/firewall:Firewall", "net-allow-google-front-ends");
        assertEquals(GcpNetwork.GOOGLE_FRONT_ENDS, allow.get("sourceRanges"));
        assertEquals(List.of("8080"), map(list(allow.get("allows")).get(0)).get("ports"));
        assertEquals(List.of(GcpNetwork.NODE_TAG), allow.get("targetTags"));
    }
}
