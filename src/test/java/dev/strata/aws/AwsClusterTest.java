package dev.strata.aws;

import dev.strata.support.Props;
import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResourceOptions;
import dev.strata.config.StackConfig;
import dev.strata.support.Fixtures;
import dev.strata.support.MockRun;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static dev.strata.support.Props.num;
import static dev.strata.support.Props.list;
import static dev.strata.support.Props.map;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AwsClusterTest {
    private static final String POOLS = "{\"general\":{\"awsInstanceType\":\"m6i.large\",\"gcpMachineType\":"
            + "\"e2-standard-4\",\"minSize\":2,\"desiredSize\":3,\"maxSize\":6},\"arm\":{\"awsInstanceType\":"
            + "\"m7g.large\",\"gcpMachineType\":\"t2a-standard-2\",\"minSize\":0,\"desiredSize\":0,\"maxSize\":3}}";

    /** The control plane, its node pools and its add-ons, wired as {@link AwsPlatform} wires them. */
    static MockRun.Recorded build(StackConfig cfg, Optional<AwsRegistry.CiRoles> ciRoles) {
        return MockRun.run(cfg, ctx -> {
            var subnets = Output.of(List.of("subnet-a", "subnet-b", "subnet-c"));
            var cluster = new AwsCluster("k", new AwsCluster.Args(AwsFixture.ACCOUNT, "strata-dev-eks",
                    cfg.cluster(), subnets, AwsFixture.key("cluster"), AwsFixture.key("logs"), 30, ciRoles),
                    ComponentResourceOptions.Empty);
            var nodes = new AwsNodePools("k-nodes", new AwsNodePools.Args("strata-dev-eks", "k",
                    cluster.clusterName(),
                    cfg.cluster().kubernetesVersion(), cfg.cluster().nodePools(), subnets, AwsFixture.key("data"),
                    cluster.irsa()), ComponentResourceOptions.Empty);
            new AwsClusterAddons("k-addons", new AwsClusterAddons.Args(AwsFixture.ACCOUNT, "strata-dev-eks", "dev",
                    cfg.cluster().kubernetesVersion(), cluster.resource(), cluster.resource().arn(),
                    cluster.clusterName(), cluster.irsa(), cluster.kubernetes(), nodes.nodeGroups(),
                    nodes.networkAddons(), Output.of("vpc-1"), Output.of(List.of("subnet-e1", "subnet-e2", "subnet-e3")),
                    cluster.nodeSecurityGroupId(), AwsFixture.key("data"), "strata"), ComponentResourceOptions.Empty);
        });
    }

    @Test
    void controlPlaneIsLoggedEncryptedAndReachableByTheDeployerOnly() {
        var run = build(AwsFixture.dev(), Optional.empty());
        var eks = run.mocks().one("aws:eks/cluster:Cluster").inputs;
        assertEquals("strata-dev-eks", eks.get("name"));
        assertEquals(dev.strata.config.KubernetesVersions.DEFAULT, eks.get("version"));
        assertEquals(AwsCluster.LOG_TYPES, eks.get("enabledClusterLogTypes"));
        var encryption = map(eks.get("encryptionConfig"));
        assertEquals(List.of("secrets"), encryption.get("resources"));
        assertEquals("arn:aws:kms:us-east-1:123456789012:key/cluster", map(encryption.get("provider")).get("keyArn"));
        var vpc = map(eks.get("vpcConfig"));
        assertEquals(true, vpc.get("endpointPrivateAccess"));
        assertEquals(true, vpc.get("endpointPublicAccess"), "the shipped stacks: public, for the deployer only");
        assertEquals(List.of(dev.strata.config.DeployerEgress.PLANNER + "/32"), vpc.get("publicAccessCidrs"));
        assertEquals("API", map(eks.get("accessConfig")).get("authenticationMode"));
        var logs = run.mocks().inputs("aws:cloudwatch/logGroup:LogGroup", "k-control-plane");
        assertEquals("/aws/eks/strata-dev-eks/cluster", logs.get("name"));
        assertEquals(30, num(logs.get("retentionInDays")));
        assertEquals(List.of("sts.amazonaws.com"), run.mocks().one("aws:iam/openIdConnectProvider:OpenIdConnectProvider")
                .inputs.get("clientIdLists"));
    }

    @Test
    void publicEndpointOnlyForTheConfiguredNetworks() {
        var cfg = Fixtures.config("dev", dev.strata.config.Cloud.AWS, Map.of("clusterApiAllowedCidrs",
                "[\"203.0.113.0/24\"]"));
        var vpc = map(build(cfg, Optional.empty()).mocks().one("aws:eks/cluster:Cluster").inputs.get("vpcConfig"));
        assertEquals(true, vpc.get("endpointPublicAccess"));
        assertEquals(List.of("203.0.113.0/24", dev.strata.config.DeployerEgress.PLANNER + "/32"),
                vpc.get("publicAccessCidrs"));
        var privateOnly = Fixtures.config("dev", dev.strata.config.Cloud.AWS, Map.of("clusterApiAccess", "private"));
        var priv = map(build(privateOnly, Optional.empty()).mocks().one("aws:eks/cluster:Cluster").inputs
                .get("vpcConfig"));
        assertEquals(false, priv.get("endpointPublicAccess"));
        assertFalse(priv.containsKey("publicAccessCidrs"));
    }

    @Test
    void nodeGroupsKeyedByPoolWithImdsV2AndEncryptedVolumes() {
        var cfg = Fixtures.config("dev", dev.strata.config.Cloud.AWS, Map.of("nodePools", POOLS));
        var run = build(cfg, Optional.empty());
        var general = run.mocks().inputs("aws:eks/nodeGroup:NodeGroup", "k-general");
        var scaling = map(general.get("scalingConfig"));
        assertEquals(List.of(2, 3, 6), List.of(num(scaling.get("minSize")), num(scaling.get("desiredSize")),
                num(scaling.get("maxSize"))));
        assertEquals(List.of("m6i.large"), general.get("instanceTypes"));
        assertEquals("AL2023_x86_64_STANDARD", general.get("amiType"));
        assertEquals(List.of("subnet-a", "subnet-b", "subnet-c"), general.get("subnetIds"));
        assertEquals("AL2023_ARM_64_STANDARD", run.mocks().inputs("aws:eks/nodeGroup:NodeGroup", "k-arm")
                .get("amiType"));

        var lt = run.mocks().one("aws:ec2/launchTemplate:LaunchTemplate").inputs;
        var metadata = map(lt.get("metadataOptions"));
        assertEquals("required", metadata.get("httpTokens"));
        assertEquals(1, num(metadata.get("httpPutResponseHopLimit")));
        var ebs = map(map(list(lt.get("blockDeviceMappings")).get(0)).get("ebs"));
        assertEquals("true", ebs.get("encrypted"));
        assertEquals("arn:aws:kms:us-east-1:123456789012:key/data", ebs.get("kmsKeyId"));
    }

    @Test
    void managedAddonsWithTheirOwnIrsaRoles() {
        var run = build(AwsFixture.dev(), Optional.empty());
        var addons = run.mocks().ofType("aws:eks/addon:Addon").stream().map(a -> (String) a.inputs.get("addonName"))
                .sorted().toList();
        assertEquals(List.of("amazon-cloudwatch-observability", "aws-ebs-csi-driver", "coredns", "kube-proxy",
                "metrics-server", "vpc-cni"), addons);
        var cniRole = AwsFixture.json(run.mocks().inputs("aws:iam/role:Role", "k-nodes-vpc-cni").get("assumeRolePolicy"));
        assertTrue(cniRole.toString().contains("system:serviceaccount:kube-system:aws-node"));
        assertTrue(run.mocks().find("aws:eks/addon:Addon", "k-nodes-vpc-cni").orElseThrow().inputs
                .containsKey("serviceAccountRoleArn"));
        // the CNI policy sits on the CNI's IRSA role, not on the nodes
        assertTrue(run.mocks().ofType("aws:iam/rolePolicyAttachment:RolePolicyAttachment").stream()
                .filter(a -> String.valueOf(a.inputs.get("policyArn")).endsWith("AmazonEKS_CNI_Policy"))
                .allMatch(a -> a.name.startsWith("k-nodes-vpc-cni")));
    }

    @Test
    void loadBalancerControllerMayOnlyRegisterTargetsOfThisStack() {
        var run = build(AwsFixture.dev(), Optional.empty());
        var release = run.mocks().inputs("kubernetes:helm.sh/v3:Release", "k-addons-lb-controller");
        assertEquals("aws-load-balancer-controller", release.get("chart"));
        assertEquals(AwsClusterAddons.LBC_CHART_VERSION, release.get("version"));
        var values = map(release.get("values"));
        assertEquals(false, values.get("createIngressClassResource"));
        var policy = AwsFixture.json(run.mocks().inputs("aws:iam/rolePolicy:RolePolicy", "k-addons-lb-controller")
                .get("policy"));
        var statements = policy.path("Statement");
        for (var s : statements) {
            for (var action : s.path("Action")) {
                assertFalse(action.asText().matches(".*:(Create|Delete|Modify|Authorize|Revoke).*"),
                        "controller must not create or change load balancers: " + action);
            }
        }
        assertEquals("dev", statements.get(1).path("Condition").path("StringEquals").path("aws:ResourceTag/stack")
                .asText());
    }

    /** `pulumi up` manages namespaces and kube-system: deploy is cluster admin; preview only reads. */
    @Test
    void deployRoleAdministersTheClusterAndPreviewRoleReadsIt() {
        var run = build(AwsFixture.dev(), Optional.of(new AwsRegistry.CiRoles(
                Output.of("arn:aws:iam::123456789012:role/strata-ci/deploy"),
                Output.of("arn:aws:iam::123456789012:role/strata-ci/preview"))));
        var deploy = run.mocks().inputs("aws:eks/accessPolicyAssociation:AccessPolicyAssociation", "k-ci-deploy");
        assertEquals("arn:aws:iam::123456789012:role/strata-ci/deploy", deploy.get("principalArn"));
        assertEquals("arn:aws:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy", deploy.get("policyArn"));
        assertEquals(Map.of("type", "cluster"), deploy.get("accessScope"));
        var preview = run.mocks().inputs("aws:eks/accessPolicyAssociation:AccessPolicyAssociation", "k-ci-preview");
        assertEquals("arn:aws:iam::123456789012:role/strata-ci/preview", preview.get("principalArn"));
        assertEquals("arn:aws:eks::aws:cluster-access-policy/AmazonEKSViewPolicy", preview.get("policyArn"));
        assertEquals(2, run.mocks().ofType("aws:eks/accessEntry:AccessEntry").size());
        assertEquals(0, build(AwsFixture.dev(), Optional.empty()).mocks()
                .ofType("aws:eks/accessEntry:AccessEntry").size());
    }

    @Test
    void theDefaultStorageClassEncryptsWithTheDataKeyAndTagsVolumesForBackup() {
        var sc = build(AwsFixture.dev(), Optional.empty()).mocks().one("kubernetes:storage.k8s.io/v1:StorageClass").inputs;
        assertEquals("ebs.csi.aws.com", sc.get("provisioner"));
        var params = map(sc.get("parameters"));
        assertEquals("true", params.get("encrypted"));
        assertEquals("arn:aws:kms:us-east-1:123456789012:key/data", params.get("kmsKeyId"));
        assertEquals("backup=dev", params.get("tagSpecification_1"));
        assertEquals("Retain", sc.get("reclaimPolicy"));
    }

    @Test
    void kubeconfigCarriesNoCredential() {
        String kc = Kubeconfig.of("c", "us-east-1", "https://x", "Q0E=");
        assertTrue(kc.contains("\"command\":\"aws\""));
        assertFalse(kc.contains("token\":"), kc);
        assertEquals("AL2023_x86_64_STANDARD", AwsNodePools.amiType("c6i.xlarge"));
        assertEquals("AL2023_ARM_64_STANDARD", AwsNodePools.amiType("t4g.medium"));
        assertEquals("AL2023_x86_64_STANDARD", AwsNodePools.amiType("g5.xlarge"));
    }
}
