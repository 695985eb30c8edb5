package dev.strata.config;

import dev.strata.support.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Item 2 (the access model), item 5 (the edge certificate) and item 6 (the GitHub OIDC provider) at config load. */
class ApiAccessTest {

    private static String problem(Map<String, String> overrides) {
        return assertThrows(ConfigException.class, () -> Fixtures.config("dev", Cloud.AWS, overrides)).getMessage();
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("dev.strata.support.Fixtures#stacksAndClouds")
    void theShippedStacksGiveTheirDeployerAReachableEndpoint(String stack, Cloud cloud) {
        var cluster = Fixtures.config(stack, cloud).cluster();
        assertEquals(ApiAccess.PUBLIC, cluster.apiAccess());
        assertTrue(cluster.apiAllowedCidrs().contains(Cidr.parse(DeployerEgress.PLANNER + "/32")),
                "the deployer's own address is admitted: " + cluster.apiAllowedCidrs());
        assertTrue(cluster.apiAllowedCidrs().stream().allMatch(c -> c.prefix() >= 16));
    }

    @Test
    void aPublicEndpointNeedsSomeoneToAdmitAndNeverTheInternet() {
        assertTrue(problem(Map.of("clusterApiAllowDeployer", "false")).contains("nobody could reach the API"));
        assertTrue(problem(Map.of("clusterApiAllowedCidrs", "[\"0.0.0.0/0\"]")).contains("must not be open"));
        assertTrue(problem(Map.of("clusterApiAllowedCidrs", "[\"10.0.0.0/8\"]")).contains("/16 or longer"));
        var listed = Fixtures.config("dev", Cloud.AWS, Map.of("clusterApiAllowedCidrs", "[\"198.51.100.0/24\"]",
                "clusterApiAllowDeployer", "false")).cluster();
        assertEquals(List.of(Cidr.parse("198.51.100.0/24")), listed.apiAllowedCidrs());
    }

    @Test
    void aPrivateEndpointDeclaresTheDeployerInsideAndAdmitsNoNetworks() {
        var priv = Fixtures.config("dev", Cloud.AWS, Map.of("clusterApiAccess", "private")).cluster();
        assertEquals(ApiAccess.PRIVATE, priv.apiAccess());
        assertEquals(List.of(), priv.apiAllowedCidrs(), "the deployer lookup is not even made");
        assertTrue(problem(Map.of("clusterApiAccess", "private", "clusterApiAllowedCidrs", "[\"198.51.100.0/24\"]"))
                .contains("a private endpoint admits no public networks"));
        assertTrue(problem(Map.of("clusterApiAccess", "vpn")).contains("allowed: public, private"));
    }

    @Test
    void theDeployerAddressIsReadStrictly() {
        assertEquals("198.51.100.7", DeployerEgress.parse(200, "198.51.100.7\n"));
        assertThrows(IllegalStateException.class, () -> DeployerEgress.parse(503, ""));
        var e = assertThrows(IllegalStateException.class, () -> DeployerEgress.parse(200, "<html>"));
        assertTrue(e.getMessage().contains("strata:clusterApiAllowedCidrs"), e.getMessage());
    }

    @Test
    void anAwsDomainNeedsAnIssuedCertificateOrAHostedZone() {
        assertTrue(problem(Map.of("edgeDomain", "app.example.com")).contains("CloudFront rejects a certificate that is"
                + " still pending validation"));
        assertTrue(problem(Map.of("edgeDomain", "app.example.com", "edgeCertificate", "my-cert"))
                .contains("on aws: an issued ACM certificate ARN in us-east-1"));
        var zone = Fixtures.config("dev", Cloud.AWS, Map.of("edgeDomain", "app.example.com",
                "awsHostedZoneId", "Z0123456789ABCDEFGHIJ")).edge();
        assertEquals("Z0123456789ABCDEFGHIJ", zone.route53ZoneId().orElseThrow());
        // GCP's managed certificate needs no zone
        Fixtures.config("dev", Cloud.GCP, Map.of("edgeDomain", "app.example.com"));
    }

    @Test
    void theGithubProviderIsLookedUpUnlessThisStackCreatesIt() {
        assertEquals(false, Fixtures.config("dev", Cloud.AWS).ci().createOidcProvider());
        assertEquals(true, Fixtures.config("dev", Cloud.AWS, Map.of("ciGithubOidcProvider", "create")).ci()
                .createOidcProvider());
        assertTrue(problem(Map.of("ciGithubOidcProvider", "maybe")).contains("allowed: lookup, create"));
    }
}
