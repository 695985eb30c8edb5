package dev.strata.aws;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.strata.config.Cloud;
import dev.strata.plan.Plan;
import dev.strata.plan.PlannedResource;
import dev.strata.plan.Planner;
import dev.strata.support.Fixtures;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The whole AWS platform for dev and prod, and what differs between them. */
class AwsPlatformTest {
    private static final Plan DEV = Planner.plan(Fixtures.config("dev", Cloud.AWS));
    private static final Plan PROD = Planner.plan(Fixtures.config("prod", Cloud.AWS));

    private static PlannedResource one(Plan p, String type) {
        var all = p.ofType(type);
        assertEquals(1, all.size(), type);
        return all.get(0);
    }

    @Test
    void everyCapabilityIsAComponentBelowThePlatform() {
        for (Plan p : List.of(DEV, PROD)) {
            var platform = one(p, AwsPlatform.TYPE);
            var components = p.childrenOf(platform.urn()).stream().filter(PlannedResource::isComponent)
                    .map(PlannedResource::type).collect(java.util.stream.Collectors.toSet());
            assertEquals(Set.of(AwsKeys.TYPE, AwsRegistry.TYPE, AwsNetwork.TYPE, AwsCluster.TYPE, AwsNodePools.TYPE,
                    AwsClusterAddons.TYPE, AwsDatabase.TYPE,
                    AwsWaf.TYPE, AwsEdge.TYPE, AwsBackups.TYPE, AwsObservability.TYPE, AwsWorkloadIdentity.TYPE),
                    components);
        }
    }

    @Test
    void devAndProdDifferWhereTheyShould() {
        assertEquals(1, DEV.ofType("aws:ec2/natGateway:NatGateway").size());
        assertEquals(3, PROD.ofType("aws:ec2/natGateway:NatGateway").size());
        assertEquals(false, one(DEV, "aws:rds/instance:Instance").props().get("multiAz"));
        assertEquals(true, one(PROD, "aws:rds/instance:Instance").props().get("multiAz"));
        assertEquals(true, one(PROD, "aws:rds/instance:Instance").props().get("deletionProtection"));
        assertEquals(7.0, one(DEV, "aws:rds/instance:Instance").props().get("backupRetentionPeriod"));
        assertEquals(14.0, one(PROD, "aws:rds/instance:Instance").props().get("backupRetentionPeriod"));
        assertEquals(1, DEV.ofType("aws:backup/vault:Vault").size());
        assertEquals(2, PROD.ofType("aws:backup/vault:Vault").size(), "prod adds the copy-region vault");
        assertEquals(true, one(PROD, "aws:lb/loadBalancer:LoadBalancer").props().get("enableDeletionProtection"));
        assertEquals(90.0, PROD.ofType("aws:cloudwatch/logGroup:LogGroup").get(0).props().get("retentionInDays"));
    }

    @Test
    void providersCarryTheRequiredTagsAndRegions() throws Exception {
        var providers = PROD.ofType("pulumi:providers:aws");
        assertEquals(Set.of("us-east-1", "us-west-2"), providers.stream().map(p -> (String) p.props().get("region"))
                .collect(java.util.stream.Collectors.toSet()));
        for (var p : providers) {
            var tags = new ObjectMapper().readTree((String) p.props().get("defaultTags")).path("tags");
            for (String key : dev.strata.platform.Labels.REQUIRED) {
                assertTrue(tags.has(key), p.name() + " misses tag " + key);
            }
        }
    }

    @Test
    void looksUpTheAccountZonesAndCloudFrontPrefixListThroughTheExplicitProvider() {
        var cfg = Fixtures.config("dev", Cloud.AWS);
        var run = dev.strata.support.MockRun.run(cfg, ctx -> new AwsPlatform("p", cfg,
                com.pulumi.resources.ComponentResourceOptions.Empty));
        var tokens = run.mocks().calls().stream().map(c -> c.token).collect(java.util.stream.Collectors.toSet());
        assertEquals(Set.of("aws:index/getCallerIdentity:getCallerIdentity",
                "aws:index/getAvailabilityZones:getAvailabilityZones", "aws:ec2/getManagedPrefixList:getManagedPrefixList",
                "aws:eks/getAddonVersion:getAddonVersion"), tokens);
        for (var call : run.mocks().calls()) {
            assertTrue(call.provider != null && call.provider.contains("p-aws::"), call.token + " via " + call.provider);
        }
        var subnets = run.mocks().ofType("aws:ec2/subnet:Subnet").stream()
                .map(r -> (String) r.inputs.get("availabilityZoneId")).collect(java.util.stream.Collectors.toSet());
        assertEquals(Set.of("use1-az1", "use1-az2", "use1-az4"), subnets, "zones come from the lookup, by id");
    }

    @Test
    void requiredOutputsArePresentAndTheKubeconfigIsSecret() {
        for (Plan p : List.of(DEV, PROD)) {
            assertTrue(p.outputs().keySet().containsAll(Set.of("publicUrl", "clusterName", "kubeconfig",
                    "databaseEndpoint", "imageRepositoryUrl", "dashboardUrl")), p.outputs().keySet().toString());
            assertEquals("[secret]", p.outputs().get("kubeconfig"));
            assertTrue(((String) p.outputs().get("publicUrl")).startsWith("https://"));
        }
    }

    @Test
    void noDatabaseIsPublicAndNoSecurityGroupRuleIsOpenToTheInternet() {
        for (Plan p : List.of(DEV, PROD)) {
            for (var r : p.ofType("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule")) {
                assertTrue(!"0.0.0.0/0".equals(r.props().get("cidrIpv4")), r.name());
            }
            assertEquals(false, one(p, "aws:rds/instance:Instance").props().get("publiclyAccessible"));
        }
    }
}
