package dev.strata.aws;

import com.fasterxml.jackson.databind.JsonNode;
import dev.strata.config.Cloud;
import dev.strata.plan.Plan;
import dev.strata.plan.PlannedResource;
import dev.strata.plan.Planner;
import dev.strata.platform.RolloutTiming;
import dev.strata.support.Fixtures;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static dev.strata.support.Props.list;
import static dev.strata.support.Props.map;
import static dev.strata.support.Props.num;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The AWS rules of issue 12 as whole-plan checks on the real dev and prod plans: what the AWS APIs accept and what
 * then actually works. Each test names the item it guards.
 */
class AwsDeployReadinessTest {
    static final Plan DEV = Planner.plan(Fixtures.config("dev", Cloud.AWS));
    static final Plan PROD = Planner.plan(Fixtures.config("prod", Cloud.AWS));

    private static List<PlannedResource> both(String type) {
        var all = new ArrayList<>(DEV.ofType(type));
        all.addAll(PROD.ofType(type));
        return all;
    }

    private static PlannedResource named(Plan p, String type, String suffix) {
        return p.ofType(type).stream().filter(r -> r.name().endsWith(suffix)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + type + " *" + suffix));
    }

    private static PlannedResource k8s(Plan p, String kind, String name) {
        return p.resources().stream().filter(r -> kind.equals(r.props().get("kind")))
                .filter(r -> name.equals(map(r.props().get("metadata")).get("name"))).findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind + " " + name));
    }

    /** Item 3: every service principal's trust carries aws:SourceAccount exactly when that service sends it. */
    @Test
    void everyServiceTrustConditionMatchesWhatTheServiceSends() {
        int services = 0;
        for (var role : both("aws:iam/role:Role")) {
            for (JsonNode s : AwsFixture.json(role.props().get("assumeRolePolicy")).path("Statement")) {
                String service = s.path("Principal").path("Service").asText("");
                if (service.isEmpty()) {
                    continue;
                }
                services++;
                boolean conditioned = s.path("Condition").toString().contains("aws:SourceAccount");
                assertTrue(Policies.SENDS_SOURCE_ACCOUNT.contains(service) || Policies.NO_SOURCE_ACCOUNT.contains(service),
                        role.name() + ": nobody checked what " + service + " sends");
                assertEquals(Policies.SENDS_SOURCE_ACCOUNT.contains(service), conditioned, role.name() + " " + service);
            }
        }
        assertTrue(services >= 4);
        var eks = AwsFixture.json(named(DEV, "aws:iam/role:Role", "cluster-control-plane").props()
                .get("assumeRolePolicy")).path("Statement").get(0);
        assertEquals("eks.amazonaws.com", eks.path("Principal").path("Service").asText());
        assertTrue(eks.path("Condition").isMissingNode(), "EKS sends no aws:SourceAccount (prowler#4745)");
    }

    /** Item 4: no key policy names a principal ARN that may not exist yet; root and conditions only. */
    @Test
    void keyPoliciesNameNoRoleThatAFreshAccountLacks() {
        for (var key : both("aws:kms/key:Key")) {
            for (JsonNode s : AwsFixture.json(key.props().get("policy")).path("Statement")) {
                for (JsonNode p : s.path("Principal").path("AWS").isArray() ? s.path("Principal").path("AWS")
                        : List.of(s.path("Principal").path("AWS"))) {
                    String principal = p.asText("");
                    assertTrue(principal.isEmpty() || principal.equals("*") || principal.endsWith(":root"),
                            key.name() + " names " + principal + ", which KMS rejects if it does not exist");
                    if (principal.equals("*")) {
                        assertTrue(s.path("Condition").toString().contains("kms:CallerAccount"), key.name());
                        assertTrue(s.path("Condition").toString().contains("aws:PrincipalArn"), key.name());
                    }
                }
            }
        }
        var data = AwsFixture.json(named(DEV, "aws:kms/key:Key", "keys-data").props().get("policy")).toString();
        assertTrue(data.contains("AWSServiceRoleForAutoScaling"), "Auto Scaling still gets the key, by condition");
    }

    /** Item 6: the account's one GitHub OIDC provider is looked up unless this stack says create. */
    @Test
    void theGithubProviderIsLookedUpOrCreatedOnlyWhereConfigured() {
        var lookup = Planner.plan(Fixtures.config("dev", Cloud.AWS, Map.of("ciGithubRepo", "acme/strata")));
        assertEquals(0, lookup.ofType("aws:iam/openIdConnectProvider:OpenIdConnectProvider").stream()
                .filter(r -> r.name().endsWith("github")).count());
        var trust = AwsFixture.json(named(lookup, "aws:iam/role:Role", "registry-deploy").props().get("assumeRolePolicy"));
        assertTrue(trust.toString().contains(":oidc-provider/token.actions.githubusercontent.com"), trust.toString());
        var create = Planner.plan(Fixtures.config("dev", Cloud.AWS, Map.of("ciGithubRepo", "acme/strata",
                "ciGithubOidcProvider", "create")));
        assertEquals(1, create.ofType("aws:iam/openIdConnectProvider:OpenIdConnectProvider").stream()
                .filter(r -> r.name().endsWith("github")).count());
    }

    /**
     * The pod network comes before the nodes: every node group waits for the vpc-cni add-on (a node is Ready only once
     * aws-node runs with the ENI permissions), and the add-on waits for its IRSA role's CNI policy attachment. The
     * node role itself has no CNI policy.
     */
    @Test
    void nodeGroupsWaitForThePodNetworkWhichWaitsForItsPermissions() {
        for (Plan p : List.of(DEV, PROD)) {
            var cni = named(p, "aws:eks/addon:Addon", "vpc-cni");
            var cniPolicy = p.ofType("aws:iam/rolePolicyAttachment:RolePolicyAttachment").stream()
                    .filter(a -> String.valueOf(a.props().get("policyArn")).endsWith("/AmazonEKS_CNI_Policy")).toList();
            assertEquals(1, cniPolicy.size(), "the CNI policy only on the CNI's IRSA role");
            assertTrue(cni.dependsOn(cniPolicy.get(0).urn()), "vpc-cni waits for its permissions");
            var groups = p.ofType("aws:eks/nodeGroup:NodeGroup");
            assertFalse(groups.isEmpty());
            for (var group : groups) {
                assertTrue(group.dependsOn(cni.urn()), group.name() + " waits for vpc-cni");
                assertTrue(group.dependsOn(named(p, "aws:eks/addon:Addon", "kube-proxy").urn()), group.name());
            }
            for (String afterNodes : List.of("coredns", "aws-ebs-csi-driver", "metrics-server")) {
                var addon = named(p, "aws:eks/addon:Addon", afterNodes);
                assertTrue(groups.stream().allMatch(g -> addon.dependsOn(g.urn())), afterNodes + " runs pods: after the nodes");
            }
        }
    }

    /**
     * AWS Backup's daily job starts (and may start as late as its start window) outside the database's own backup
     * window and its maintenance window: a snapshot requested during either is delayed or competes with them.
     */
    @Test
    void theBackupJobRunsOutsideTheDatabasesBackupAndMaintenanceWindows() {
        for (Plan p : List.of(DEV, PROD)) {
            var rule = map(list(p.ofType("aws:backup/plan:Plan").get(0).props().get("rules")).get(0));
            var cron = String.valueOf(rule.get("schedule")).replace("cron(", "").split(" ");
            int start = Integer.parseInt(cron[1]) * 60 + Integer.parseInt(cron[0]);
            int end = start + num(rule.get("startWindow"));
            var db = p.ofType("aws:rds/instance:Instance").get(0).props();
            for (String window : List.of((String) db.get("backupWindow"),
                    ((String) db.get("maintenanceWindow")).replaceAll("[a-z]{3}:", ""))) {
                var parts = window.split("-");
                int from = minutes(parts[0]);
                int to = minutes(parts[1]);
                assertTrue(end <= from || start >= to, "backup job " + start + ".." + end + " min overlaps " + window);
            }
        }
    }

    private static int minutes(String hhmm) {
        return Integer.parseInt(hhmm.substring(0, 2)) * 60 + Integer.parseInt(hhmm.substring(3, 5));
    }

    /** Item 10: NetworkPolicies are enforced, and the load balancer range is the edge subnets, not the pods. */
    @Test
    void networkPoliciesAreEnforcedAndAdmitOnlyTheEdgeSubnets() {
        for (Plan p : List.of(DEV, PROD)) {
            var cni = named(p, "aws:eks/addon:Addon", "vpc-cni").props();
            assertEquals("true", AwsFixture.json(cni.get("configurationValues")).path("enableNetworkPolicy").asText());
            var edge = p.ofType("aws:ec2/subnet:Subnet").stream().filter(s -> s.name().contains("-edge-"))
                    .map(s -> (String) s.props().get("cidrBlock")).collect(Collectors.toSet());
            var pods = p.ofType("aws:ec2/subnet:Subnet").stream().filter(s -> s.name().contains("-private-"))
                    .map(s -> (String) s.props().get("cidrBlock")).collect(Collectors.toSet());
            assertEquals(3, edge.size());
            for (String role : List.of("web", "api")) {
                var from = list(map(list(map(k8s(p, "NetworkPolicy", role + "-ingress").props().get("spec"))
                        .get("ingress")).get(0)).get("from"));
                var blocks = from.stream().map(f -> map(f).get("ipBlock")).filter(java.util.Objects::nonNull)
                        .map(b -> (String) map(b).get("cidr")).collect(Collectors.toSet());
                assertEquals(edge, blocks, role + " admits exactly the edge subnets");
                assertTrue(blocks.stream().noneMatch(pods::contains));
            }
            var albSubnets = list(named(p, "aws:lb/loadBalancer:LoadBalancer", "edge-alb").props().get("subnets"));
            assertTrue(albSubnets.stream().allMatch(id -> String.valueOf(id).contains("-edge-")), albSubnets.toString());
        }
    }

    /** Item 11 and 12: metrics-server for the HPAs; the cluster autoscaler for the node groups' bounds. */
    @Test
    void podsAndNodesAreAutoscaled() {
        var addons = DEV.ofType("aws:eks/addon:Addon").stream().map(a -> a.props().get("addonName"))
                .collect(Collectors.toSet());
        assertTrue(addons.contains("metrics-server"), addons.toString());
        var ca = named(DEV, "kubernetes:helm.sh/v3:Release", "cluster-autoscaler").props();
        assertEquals(AwsClusterAddons.CA_CHART_VERSION, ca.get("version"));
        var values = map(ca.get("values"));
        String cluster = (String) DEV.ofType("aws:eks/cluster:Cluster").get(0).props().get("name");
        assertEquals(cluster, map(values.get("autoDiscovery")).get("clusterName"));
        assertEquals("v" + DEV.ofType("aws:eks/cluster:Cluster").get(0).props().get("version") + ".0",
                map(values.get("image")).get("tag"), "the autoscaler's minor matches the cluster's");
        var policy = AwsFixture.json(named(DEV, "aws:iam/rolePolicy:RolePolicy", "addons-cluster-autoscaler").props()
                .get("policy"));
        var scale = policy.path("Statement").get(1);
        assertEquals("owned", scale.path("Condition").path("StringEquals")
                .path("aws:ResourceTag/k8s.io/cluster-autoscaler/" + cluster).asText(), "only this cluster's groups");
        var trust = AwsFixture.json(named(DEV, "aws:iam/role:Role", "addons-cluster-autoscaler").props()
                .get("assumeRolePolicy")).toString();
        assertTrue(trust.contains("system:serviceaccount:kube-system:" + AwsClusterAddons.CA_SERVICE_ACCOUNT));
        for (var ng : DEV.ofType("aws:eks/nodeGroup:NodeGroup")) {
            var scaling = map(ng.props().get("scalingConfig"));
            assertTrue(num(scaling.get("minSize")) < num(scaling.get("maxSize")), "room to scale");
        }
    }

    /** Item 13: every StorageClass key is one the EBS CSI driver may create grants on and encrypt with. */
    @Test
    void theCsiDriverMayUseEveryStorageClassKey() {
        for (Plan p : List.of(DEV, PROD)) {
            var policy = AwsFixture.json(named(p, "aws:iam/rolePolicy:RolePolicy", "ebs-csi-kms").props().get("policy"));
            for (var sc : p.resources().stream().filter(r -> "StorageClass".equals(r.props().get("kind"))).toList()) {
                String key = (String) map(sc.props().get("parameters")).get("kmsKeyId");
                var grants = policy.path("Statement").get(0);
                assertTrue(grants.path("Action").toString().contains("kms:CreateGrant"));
                assertEquals(key, grants.path("Resource").get(0).asText());
                assertEquals(true, grants.path("Condition").path("Bool").path("kms:GrantIsForAWSResource").asBoolean());
                assertTrue(policy.path("Statement").get(1).path("Action").toString().contains("kms:GenerateDataKey*"));
                assertEquals(key, policy.path("Statement").get(1).path("Resource").get(0).asText());
            }
        }
    }

    /** Container Insights metrics and the dimension sets they are published with (CloudWatch user guide). */
    static final Map<String, Set<List<String>>> PUBLISHED = Map.of(
            "pod_number_of_container_restarts", Set.of(List.of("ClusterName", "Namespace", "PodName")),
            "pod_cpu_utilization", Set.of(List.of("ClusterName", "Namespace", "PodName"),
                    List.of("ClusterName", "Namespace"), List.of("ClusterName", "Namespace", "Service"),
                    List.of("ClusterName")),
            "node_cpu_utilization", Set.of(List.of("ClusterName", "InstanceId", "NodeName"), List.of("ClusterName")),
            "cluster_failed_node_count", Set.of(List.of("ClusterName")));

    /** Item 14: every Container Insights alarm watches a metric with a dimension set that is published. */
    @Test
    void everyContainerInsightsAlarmUsesAPublishedDimensionSet() {
        int checked = 0;
        for (var alarm : both("aws:cloudwatch/metricAlarm:MetricAlarm")) {
            if (!"ContainerInsights".equals(alarm.props().get("namespace"))) {
                continue;
            }
            var metric = (String) alarm.props().get("metricName");
            var dims = map(alarm.props().get("dimensions")).keySet().stream().sorted().toList();
            assertTrue(PUBLISHED.getOrDefault(metric, Set.of()).contains(dims),
                    alarm.name() + ": " + metric + " is not published with " + dims);
            checked++;
        }
        assertEquals(4, checked, "a crash-loop alarm per Deployment, per stack");
        var web = named(DEV, "aws:cloudwatch/metricAlarm:MetricAlarm", "web-crash-loop").props();
        assertEquals("web", map(web.get("dimensions")).get("PodName"), "PodName is the Deployment's name");
    }

    /** Item 15: application metrics are scraped for real, from the edge subnets, and the pods admit it. */
    @Test
    void applicationMetricsAreScrapedIntoManagedPrometheus() {
        var scraper = DEV.ofType("aws:amp/scraper:Scraper").get(0).props();
        var eks = map(map(scraper.get("source")).get("eks"));
        assertEquals(list(named(DEV, "aws:lb/loadBalancer:LoadBalancer", "edge-alb").props().get("subnets")),
                eks.get("subnetIds"), "the collector's interfaces sit in the edge subnets");
        assertTrue(((String) scraper.get("scrapeConfiguration")).contains("regex: \"9464\""));
        var workspace = DEV.ofType("aws:amp/workspace:Workspace").get(0).props();
        assertFalse(workspace.containsKey("kmsKeyArn"), "managed collectors do not write to CMK workspaces");
        assertEquals(443, num(named(DEV, "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule", "scraper-to-api")
                .props().get("fromPort")), "service discovery through the private endpoint");
        var rule = named(DEV, "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", "pods-from-scraper").props();
        assertEquals(9464, num(rule.get("fromPort")));
        var metrics = map(k8s(DEV, "NetworkPolicy", "metrics-ingress").props().get("spec"));
        var ingress = map(list(metrics.get("ingress")).get(0));
        assertEquals(9464, num(map(list(ingress.get("ports")).get(0)).get("port")));
        assertEquals(3, list(ingress.get("from")).size(), "the three edge subnets only");
        var annotations = map(map(map(map(k8s(DEV, "Deployment", "api").props().get("spec")).get("template"))
                .get("metadata")).get("annotations"));
        assertEquals("9464", annotations.get("prometheus.io/port"));
    }

    /** Item 16: ALB deregistration, preStop and the readiness gate follow the one timing chain. */
    @Test
    void rolloutsBehindTheAlbFollowTheTimingChain() {
        for (Plan p : List.of(DEV, PROD)) {
            var t = new RolloutTiming(Fixtures.config(p.stack(), Cloud.AWS).app().drainSeconds());
            for (String role : List.of("web", "api")) {
                var tg = named(p, "aws:lb/targetGroup:TargetGroup", "edge-" + role).props();
                int dereg = num(tg.get("deregistrationDelay"));
                var hc = map(tg.get("healthCheck"));
                var spec = map(k8s(p, "Deployment", role).props().get("spec"));
                var pod = map(map(spec.get("template")).get("spec"));
                var c = map(list(pod.get("containers")).get(0));
                var preStop = list(map(map(map(c.get("lifecycle")).get("preStop")).get("exec")).get("command"));
                int sleep = Integer.parseInt((String) preStop.get(1));
                int grace = num(pod.get("terminationGracePeriodSeconds"));
                assertEquals(t.deregistrationDelaySeconds(), dereg);
                assertTrue(sleep > dereg, "preStop outlasts the deregistration delay");
                assertTrue(grace > sleep + t.drainSeconds(), "drain fits in the grace period");
                assertTrue(num(spec.get("minReadySeconds")) >= num(hc.get("healthyThreshold"))
                        * num(hc.get("interval")), "minReadySeconds covers the target health check");
            }
            var ns = map(map(k8s(p, "Namespace", "strata").props().get("metadata")).get("labels"));
            assertEquals("enabled", ns.get(AwsWorkloadBindings.READINESS_GATE_LABEL));
            for (String role : List.of("web", "api")) {
                assertTrue(k8s(p, "Deployment", role).dependsOn(k8s(p, "TargetGroupBinding", role).urn()),
                        "pods are created after their binding, so the readiness gate is injected");
            }
        }
    }

    /** Item 12: the autoscaler (and scripts/scale) own the node groups' current size; Pulumi never resets it. */
    @Test
    void nodeGroupDesiredSizeIsLeftToTheAutoscaler() {
        for (var ng : both("aws:eks/nodeGroup:NodeGroup")) {
            assertTrue(ng.options().ignoreChanges().contains("scalingConfig.desiredSize"), ng.name());
            assertEquals(DEV.ofType("aws:eks/cluster:Cluster").get(0).props().get("version"), ng.props().get("version"),
                    "node groups follow the control plane's minor");
        }
    }

    /** Item 5: CloudFront uses the certificate only once ACM has issued it. */
    @Test
    void theDistributionWaitsForTheIssuedCertificate() {
        var p = Planner.plan(Fixtures.config("dev", Cloud.AWS, Map.of("edgeDomain", "app.example.com",
                "awsHostedZoneId", "Z0123456789ABCDEFGHIJ")));
        var validation = p.ofType("aws:acm/certificateValidation:CertificateValidation").get(0);
        var cdn = p.ofType("aws:cloudfront/distribution:Distribution").get(0);
        assertTrue(cdn.propertyDependencies().get("viewerCertificate").contains(validation.urn()),
                cdn.propertyDependencies().toString());
        var record = named(p, "aws:route53/record:Record", "cert-validation");
        assertTrue(validation.dependsOn(record.urn()), "validation waits for the DNS record");
    }

    /** Items 7 and 8 on AWS: add-ons after the nodes, the cluster after its role's policies (see EngineOrderingTest). */
    @Test
    void addOnsWaitForTheNodesAndTheClusterForItsPolicies() {
        var nodeGroups = DEV.ofType("aws:eks/nodeGroup:NodeGroup").stream().map(PlannedResource::urn).toList();
        for (String addon : List.of("coredns", "aws-ebs-csi-driver", "metrics-server", "amazon-cloudwatch-observability")) {
            assertTrue(named(DEV, "aws:eks/addon:Addon", "-" + addon).dependencies().containsAll(nodeGroups), addon);
        }
        for (String release : List.of("lb-controller", "cluster-autoscaler")) {
            assertTrue(named(DEV, "kubernetes:helm.sh/v3:Release", release).dependencies().containsAll(nodeGroups));
        }
        var cluster = DEV.ofType("aws:eks/cluster:Cluster").get(0);
        var kms = named(DEV, "aws:iam/rolePolicy:RolePolicy", "control-plane-kms");
        assertTrue(cluster.dependsOn(kms.urn()), "the secrets key grant exists before the cluster uses the key");
    }

    /** Item 9: subnets are placed by zone id. */
    @Test
    void subnetsArePlacedByZoneId() {
        for (var s : DEV.ofType("aws:ec2/subnet:Subnet")) {
            assertTrue(String.valueOf(s.props().get("availabilityZoneId")).matches("use1-az\\d"), s.name());
            assertFalse(s.props().containsKey("availabilityZone"), s.name());
            assertFalse("use1-az3".equals(s.props().get("availabilityZoneId")));
        }
    }
}
