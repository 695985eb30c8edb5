package dev.strata.plan;

import dev.strata.random.RandomPassword;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a cloud would answer, without a cloud: deterministic ids and computed outputs for resources,
 * and answers to the lookups (invokes) the program makes, by token. Pure and deterministic, so two
 * plans of the same program are byte-identical. Secret values it generates (passwords) are random
 * looking but derived from the resource name, and reported through {@link #isGenerated}.
 */
final class MockCloud {
    static final String ACCOUNT_ID = "123456789012";

    private final String region;
    private final String project;
    private final Map<String, String> generated = new java.util.concurrent.ConcurrentHashMap<>();

    MockCloud(String region, String project) {
        this.region = region;
        this.project = project;
    }

    /** Deterministic physical id for a resource. */
    String id(String type, String name) {
        if (type.startsWith("pulumi:providers:")) {
            return name + "-provider-id";
        }
        return name + "-" + hash(type + "/" + name).substring(0, 8);
    }

    /** The resource's state: its inputs plus the outputs a provider would compute. */
    Map<String, Object> state(String type, String name, Map<String, Object> inputs) {
        var state = new HashMap<String, Object>(inputs);
        String id = id(type, name);
        if (type.startsWith("aws:")) {
            state.putIfAbsent("arn", "arn:aws:" + service(type) + ":" + region + ":" + ACCOUNT_ID + ":" + id);
            state.putIfAbsent("name", id);
            awsOutputs(type, id, state);
        }
        if (type.startsWith("gcp:")) {
            state.putIfAbsent("selfLink", "https://www.googleapis.com/compute/v1/projects/" + project + "/" + id);
            state.putIfAbsent("name", id);
            state.putIfAbsent("project", project);
            gcpOutputs(type, id, state);
        }
        if (type.equals("random:index/randomId:RandomId")) {
            int bytes = inputs.get("byteLength") instanceof Number n ? n.intValue() : 8;
            state.put("hex", hash("id/" + name).substring(0, 2 * bytes));
        }
        if (type.equals(RandomPassword.TYPE)) {
            int length = inputs.get("length") instanceof Number n ? n.intValue() : 32;
            String password = password(name, length);
            generated.put(password, name);
            state.put("result", password);
            state.put("bcryptHash", "$2a$10$" + hash("bcrypt/" + password).substring(0, 53));
            generated.put((String) state.get("bcryptHash"), name);
        }
        return state;
    }

    /** The computed outputs the program reads of AWS resources, shaped as the provider returns them. */
    private void awsOutputs(String type, String id, Map<String, Object> state) {
        switch (type) {
            case "aws:eks/cluster:Cluster" -> {
                state.put("endpoint", "https://" + hash(id).substring(0, 32).toUpperCase(java.util.Locale.ROOT)
                        + ".gr7." + region + ".eks.amazonaws.com");
                state.put("certificateAuthority", Map.of("data", "LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0tCg=="));
                state.put("identities", List.of(Map.of("oidcs", List.of(Map.of("issuer", "https://oidc.eks."
                        + region + ".amazonaws.com/id/" + hash(id).substring(0, 32).toUpperCase(java.util.Locale.ROOT))))));
                var vpcConfig = new HashMap<String, Object>();
                if (state.get("vpcConfig") instanceof Map<?, ?> in) {
                    in.forEach((k, v) -> vpcConfig.put(String.valueOf(k), v));
                }
                vpcConfig.put("clusterSecurityGroupId", "sg-" + hash("cluster-sg/" + id).substring(0, 17));
                state.put("vpcConfig", vpcConfig);
            }
            case "aws:rds/instance:Instance" -> {
                state.put("identifier", id);
                state.put("address", id + ".c0ffee0c0ffe." + region + ".rds.amazonaws.com");
                state.putIfAbsent("port", 5432);
                state.put("endpoint", id + ".c0ffee0c0ffe." + region + ".rds.amazonaws.com:5432");
            }
            case "aws:lb/loadBalancer:LoadBalancer" -> {
                state.put("dnsName", "internal-" + id + "." + region + ".elb.amazonaws.com");
                state.put("arnSuffix", "app/" + id + "/" + hash(id).substring(0, 16));
            }
            case "aws:lb/targetGroup:TargetGroup" -> state.put("arnSuffix", "targetgroup/" + id + "/"
                    + hash(id).substring(0, 16));
            case "aws:cloudfront/distribution:Distribution" -> {
                state.put("domainName", "d" + hash(id).substring(0, 13) + ".cloudfront.net");
                state.put("hostedZoneId", "Z2FDTNDATAQYW2");
            }
            case "aws:acm/certificate:Certificate" -> state.put("domainValidationOptions", List.of(Map.of(
                    "domainName", String.valueOf(state.get("domainName")),
                    "resourceRecordName", "_" + hash(id).substring(0, 32) + "." + state.get("domainName") + ".",
                    "resourceRecordType", "CNAME",
                    "resourceRecordValue", "_" + hash("v/" + id).substring(0, 32) + ".acm-validations.aws.")));
            case "aws:route53/record:Record" -> state.put("fqdn", String.valueOf(state.get("name"))
                    .replaceFirst("\\.$", ""));
            case "aws:ec2/launchTemplate:LaunchTemplate" -> state.put("latestVersion", 1);
            case "aws:ecr/repository:Repository" -> state.put("repositoryUrl",
                    ACCOUNT_ID + ".dkr.ecr." + region + ".amazonaws.com/" + id);
            case "aws:s3/bucketV2:BucketV2" -> {
                state.put("bucket", id);
                state.put("bucketDomainName", id + ".s3.amazonaws.com");
                state.put("bucketRegionalDomainName", id + ".s3." + region + ".amazonaws.com");
                state.put("arn", "arn:aws:s3:::" + id);
            }
            // IAM ARNs carry the path; an OIDC provider's names its issuer (both appear in trust policies)
            case "aws:iam/role:Role" -> state.put("arn", "arn:aws:iam::" + ACCOUNT_ID + ":role"
                    + state.getOrDefault("path", "/") + id);
            case "aws:iam/openIdConnectProvider:OpenIdConnectProvider" -> state.put("arn", "arn:aws:iam::" + ACCOUNT_ID
                    + ":oidc-provider/" + String.valueOf(state.get("url")).replaceFirst("^https://", ""));
            case "aws:cloudwatch/dashboard:Dashboard" -> state.putIfAbsent("dashboardName", id);
            default -> {
            }
        }
    }

    /** The computed outputs the program reads of GCP resources. */
    private void gcpOutputs(String type, String id, Map<String, Object> state) {
        switch (type) {
            case "gcp:container/cluster:Cluster" -> {
                state.put("endpoint", "34.1." + (hash(id).charAt(0) % 200) + ".10");
                state.put("masterAuth", Map.of("clusterCaCertificate", "LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0tCg==",
                        "clientCertificateConfig", Map.of("issueClientCertificate", false)));
            }
            case "gcp:sql/databaseInstance:DatabaseInstance" -> {
                state.put("privateIpAddress", "10.40.32.3");
                state.put("serviceAccountEmailAddress", "p100000000001-abcdef@gcp-sa-cloud-sql.iam.gserviceaccount.com");
                state.put("connectionName", project + ":" + region + ":" + id);
            }
            case "gcp:serviceaccount/account:Account" -> {
                String email = state.getOrDefault("accountId", id) + "@" + project + ".iam.gserviceaccount.com";
                state.put("email", email);
                state.put("name", "projects/" + project + "/serviceAccounts/" + email);
            }
            case "gcp:compute/globalAddress:GlobalAddress" -> state.putIfAbsent("address", "34.120.10.20");
            case "gcp:iam/workloadIdentityPool:WorkloadIdentityPool" -> state.put("name",
                    "projects/100000000001/locations/global/workloadIdentityPools/" + state.get("workloadIdentityPoolId"));
            case "gcp:projects/iAMCustomRole:IAMCustomRole" -> state.put("name",
                    "projects/" + project + "/roles/" + state.get("roleId"));
            case "gcp:artifactregistry/repository:Repository" -> state.putIfAbsent("location", region);
            case "gcp:projects/serviceIdentity:ServiceIdentity" -> state.put("email", "service-100000000001@gcp-sa-"
                    + switch (String.valueOf(state.get("service"))) {
                        case "sqladmin.googleapis.com" -> "cloud-sql";
                        default -> String.valueOf(state.get("service")).replace(".googleapis.com", "");
                    } + ".iam.gserviceaccount.com");

            default -> {
            }
        }
    }

    /** Answers an invoke by token; unknown tokens answer empty, as a provider with no data would. */
    Map<String, Object> call(String token, Map<String, Object> args) {
        return switch (token) {
            case "aws:index/getAvailabilityZones:getAvailabilityZones" -> Map.of(
                    "names", List.of(region + "a", region + "b", region + "c"),
                    "zoneIds", List.of("use1-az1", "use1-az2", "use1-az4"),
                    "state", "available", "id", region);
            case "aws:index/getCallerIdentity:getCallerIdentity" -> Map.of(
                    "accountId", ACCOUNT_ID, "arn", "arn:aws:iam::" + ACCOUNT_ID + ":role/planner",
                    "userId", "AROAPLANNER", "id", ACCOUNT_ID);
            case "aws:index/getRegion:getRegion" -> Map.of("name", region, "id", region,
                    "description", region, "endpoint", "ec2." + region + ".amazonaws.com");
            case "aws:index/getPartition:getPartition" -> Map.of("partition", "aws", "dnsSuffix", "amazonaws.com",
                    "id", "aws");
            case "aws:eks/getAddonVersion:getAddonVersion" -> Map.of("addonName", args.get("addonName"),
                    "kubernetesVersion", args.get("kubernetesVersion"), "id", args.get("addonName"),
                    "version", "v" + args.get("kubernetesVersion") + ".0-eksbuild.1");
            case "aws:iam/getOpenIdConnectProvider:getOpenIdConnectProvider" -> Map.of(
                    "arn", "arn:aws:iam::" + ACCOUNT_ID + ":oidc-provider/token.actions.githubusercontent.com",
                    "url", "token.actions.githubusercontent.com", "clientIdLists", List.of("sts.amazonaws.com"),
                    "thumbprintLists", List.of(), "tags", Map.of(), "id", "github");
            case "aws:ec2/getManagedPrefixList:getManagedPrefixList" -> Map.of("id", "pl-3b927c52",
                    "name", String.valueOf(args.getOrDefault("name", "")), "addressFamily", "IPv4",
                    "arn", "arn:aws:ec2:" + region + ":aws:prefix-list/pl-3b927c52");
            case "gcp:compute/getZones:getZones" -> Map.of("names",
                    List.of(region + "-a", region + "-b", region + "-c"), "id", region);
            case "gcp:organizations/getProject:getProject" -> Map.of("number", "100000000001",
                    "projectId", String.valueOf(args.getOrDefault("projectId", "project")), "id", "project");
            case "gcp:storage/getProjectServiceAccount:getProjectServiceAccount" -> Map.of("emailAddress",
                    "service-100000000001@gs-project-accounts.iam.gserviceaccount.com", "id", "gcs-agent");
            case "gcp:logging/getProjectCmekSettings:getProjectCmekSettings" -> Map.of("serviceAccountId",
                    "service-100000000001@gcp-sa-logging.iam.gserviceaccount.com", "name",
                    "projects/" + args.getOrDefault("project", "project") + "/cmekSettings",
                    "kmsKeyVersionName", "", "project", String.valueOf(args.getOrDefault("project", "project")),
                    "id", "cmek-settings");
            case "gcp:organizations/getClientConfig:getClientConfig" -> Map.of("accessToken", "planner-token",
                    "id", "client");
            default -> Map.of();
        };
    }

    /** True when {@code value} is a secret this mock generated (e.g. a password). */
    boolean isGenerated(String value) {
        return generated.containsKey(value);
    }

    /** All secret values this mock generated so far. */
    java.util.Set<String> generatedSecrets() {
        return java.util.Set.copyOf(generated.keySet());
    }

    Optional<String> region() {
        return Optional.of(region);
    }

    private static String service(String type) {
        int colon = type.indexOf(':');
        int slash = type.indexOf('/');
        return slash > colon ? type.substring(colon + 1, slash) : "resource";
    }

    private static String password(String name, int length) {
        String alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
        String h = hash("password/" + name) + hash("more/" + name) + hash("again/" + name);
        var sb = new StringBuilder();
        for (int i = 0; sb.length() < length; i += 2) {
            int v = Integer.parseInt(h.substring(i % (h.length() - 2), i % (h.length() - 2) + 2), 16);
            sb.append(alphabet.charAt(v % alphabet.length()));
        }
        return sb.toString();
    }

    static String hash(String s) {
        try {
            var d = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(d);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
