package dev.strata.config;

import com.fasterxml.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Reads and validates the {@code strata:*} stack config in one pass and builds a {@link StackConfig}.
 * Every problem is collected; if there is any, one {@link ConfigException} lists them all, each with
 * key, value and what is allowed. Values of the other cloud's keys are validated too, so a stack can
 * be switched between clouds without surprises.
 */
public final class StackConfigLoader {

    static final Pattern AWS_REGION = Pattern.compile("[a-z]{2}(-gov)?-[a-z]+-\\d");
    static final Pattern GCP_REGION = Pattern.compile("[a-z]+-[a-z]+\\d+");
    static final Pattern GCP_PROJECT = Pattern.compile("[a-z][a-z0-9-]{4,28}[a-z0-9]");
    static final Pattern K8S_VERSION = Pattern.compile("1\\.\\d{2}");
    static final Pattern POOL_NAME = Pattern.compile("[a-z][a-z0-9-]{0,19}");
    static final Pattern AWS_INSTANCE_TYPE = Pattern.compile("[a-z][a-z0-9-]*\\.[a-z0-9]+");
    static final Pattern GCP_MACHINE_TYPE = Pattern.compile("[a-z][a-z0-9]*-[a-z0-9-]+");
    static final Pattern PG_VERSION = Pattern.compile("1[4-7]");
    static final Pattern RDS_CLASS = Pattern.compile("db\\.[a-z0-9]+\\.[a-z0-9]+");
    static final Pattern CLOUDSQL_TIER = Pattern.compile("db-(custom-\\d+-\\d+|perf-optimized-N-\\d+|[a-z0-9]+(-[a-z0-9]+)*)");
    /** repository[:tag][@sha256:digest], lower-case repository path, optional registry host:port. */
    static final Pattern IMAGE = Pattern.compile(
            "([a-z0-9.-]+(:\\d+)?/)?[a-z0-9]+([._-][a-z0-9]+)*(/[a-z0-9]+([._-][a-z0-9]+)*)*"
                    + "(:[A-Za-z0-9_][A-Za-z0-9_.-]{0,127})?(@sha256:[a-f0-9]{64})?");
    static final Pattern ENV_NAME = Pattern.compile("[A-Z][A-Z0-9_]*");
    /** Environment variables the workload sets itself; config may not override them. */
    static final Set<String> RESERVED_ENV = Set.of("PORT", "ROLE", "API_URL", "DATABASE_URL", "DATABASE_USER",
            "DATABASE_PASSWORD", "MIGRATE_ONLY", "DRAIN_SECONDS", "METRICS_PORT");
    static final Pattern HTTP_PATH = Pattern.compile("/[A-Za-z0-9._~/-]*");
    static final Pattern CPU = Pattern.compile("(\\d+m|\\d+(\\.\\d{1,3})?)");
    static final Pattern MEMORY = Pattern.compile("\\d+(Ki|Mi|Gi)");
    static final Pattern HOSTNAME = Pattern.compile(
            "(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]{2,63}");
    static final Pattern CERTIFICATE = Pattern.compile(
            "arn:aws:acm:us-east-1:\\d{12}:certificate/[a-f0-9-]{36}|[a-z]([a-z0-9-]{0,61}[a-z0-9])?");
    static final Pattern ACM_ARN = Pattern.compile("arn:aws:acm:us-east-1:\\d{12}:certificate/[a-f0-9-]{36}");
    static final Pattern ROUTE53_ZONE_ID = Pattern.compile("Z[A-Z0-9]{1,31}");
    static final Pattern EMAIL = Pattern.compile("[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,}");
    static final Pattern LABEL_VALUE = Pattern.compile("[a-z0-9][a-z0-9_-]{0,62}");
    static final Pattern GITHUB_REPO = Pattern.compile("[A-Za-z0-9](-?[A-Za-z0-9])*/[A-Za-z0-9._-]+");
    static final Pattern GIT_BRANCH = Pattern.compile("[A-Za-z0-9._/-]+");
    static final Pattern GITHUB_ID = Pattern.compile("[1-9][0-9]{0,19}");
    /** Cloud SQL editions; ENTERPRISE_PLUS runs only the performance-optimized tiers. */
    static final Set<String> CLOUDSQL_EDITIONS = Set.of("ENTERPRISE", "ENTERPRISE_PLUS");
    static final Pattern ENTERPRISE_PLUS_TIER = Pattern.compile("db-perf-optimized-N-\\d+");

    /** The values CloudWatch Logs accepts for a retention period (GCP log buckets accept them all). */
    static final Set<Integer> LOG_RETENTION_DAYS = Set.of(1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365,
            400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653);

    static final Set<String> POOL_FIELDS = Set.of("awsInstanceType", "gcpMachineType", "minSize", "desiredSize",
            "maxSize");

    private StackConfigLoader() {
    }

    /**
     * Loads and validates the config.
     *
     * @throws ConfigException listing every problem found
     */
    public static StackConfig load(ConfigSource source) {
        return load(source, source.today());
    }

    /** As {@link #load(ConfigSource)}, judging the Kubernetes support window on {@code today}. */
    public static StackConfig load(ConfigSource source, java.time.LocalDate today) {
        var r = new ConfigReader(source.get(), source.secretKeys());
        unknownKeys(r, source.namespaceKeys());

        Cloud cloud = r.enumeration(ConfigKey.CLOUD, Cloud.class, Cloud.AWS);
        Environment env = r.enumeration(ConfigKey.ENVIRONMENT, Environment.class, Environment.DEV);
        boolean prod = env.isProd();

        String awsRegion = r.matching(ConfigKey.AWS_REGION, AWS_REGION, "allowed: an AWS region such as us-east-1",
                "us-east-1");
        String gcpRegion = r.matching(ConfigKey.GCP_REGION, GCP_REGION, "allowed: a GCP region such as europe-west1",
                "us-central1");
        Optional<String> gcpProject = r.optionalMatching(ConfigKey.GCP_PROJECT, GCP_PROJECT,
                "allowed: a GCP project id, 6-30 lower-case letters, digits and hyphens, starting with a letter");
        if (cloud == Cloud.GCP && r.optional(ConfigKey.GCP_PROJECT).isEmpty()) {
            r.problem(ConfigKey.GCP_PROJECT.qualified() + " is not set: it is required when strata:cloud is gcp");
        }

        NetworkConfig network = network(r);
        ClusterConfig cluster = cluster(r, cloud, prod, today, source.deployerEgress());
        DatabaseConfig database = database(r, cloud, prod);
        AppConfig app = app(r, prod, source.secretKeys().contains(ConfigKey.APP_ENV.key()));
        EdgeConfig edge = edge(r, cloud);
        BackupConfig backup = backup(r, cloud, prod, cloud == Cloud.AWS ? awsRegion : gcpRegion);
        ObservabilityConfig observability = observability(r, prod);
        Ownership ownership = new Ownership(
                r.matching(ConfigKey.OWNER, LABEL_VALUE, labelRule(), "unknown"),
                r.matching(ConfigKey.COST_CENTER, LABEL_VALUE, labelRule(), "unknown"));
        CiConfig ci = new CiConfig(
                r.optionalMatching(ConfigKey.CI_GITHUB_REPO, GITHUB_REPO, "allowed: a GitHub repository as owner/name"),
                r.matching(ConfigKey.CI_GITHUB_BRANCH, GIT_BRANCH, "allowed: a branch name such as main", "main"),
                r.optionalMatching(ConfigKey.CI_GITHUB_REPO_ID, GITHUB_ID, "allowed: GitHub's numeric repository id"
                        + " (gh api repos/OWNER/NAME --jq .id)"),
                r.optionalMatching(ConfigKey.CI_GITHUB_OWNER_ID, GITHUB_ID, "allowed: GitHub's numeric owner id"
                        + " (gh api repos/OWNER/NAME --jq .owner.id)"),
                r.enumeration(ConfigKey.CI_GITHUB_OIDC_PROVIDER, OidcProviderMode.class, OidcProviderMode.LOOKUP)
                        == OidcProviderMode.CREATE);
        if (cloud == Cloud.GCP) {
            gcpRules(r, prod, ci);
        }

        if (!r.problems().isEmpty()) {
            throw new ConfigException(source.stack(), r.problems());
        }
        return new StackConfig(source.project(), source.stack(), cloud, env,
                cloud == Cloud.AWS ? awsRegion : gcpRegion, gcpProject, network, cluster, database, app, edge,
                backup, observability, ownership, ci);
    }

    private static String labelRule() {
        return "allowed: 1-63 lower-case letters, digits, '_' or '-', starting with a letter or digit (it becomes a"
                + " tag and a GCP label)";
    }

    private static void unknownKeys(ConfigReader r, Set<String> present) {
        present.stream().sorted().filter(k -> ConfigKey.byKey(k).isEmpty()).forEach(k -> r.problem(
                ConfigKey.NAMESPACE + ":" + k + ": unknown key" + ConfigKey.closest(k)
                        .map(c -> "; did you mean " + c.qualified() + "?")
                        .orElse("; see docs/configuration.md for the keys")));
    }

    private static NetworkConfig network(ConfigReader r) {
        var cidr = r.cidr(ConfigKey.VPC_CIDR);
        if (cidr.isPresent()) {
            Cidr c = cidr.get();
            if (!c.isPrivate()) {
                r.problem(ConfigKey.VPC_CIDR, c.toString(), "must lie in a private range (10.0.0.0/8, 172.16.0.0/12,"
                        + " 192.168.0.0/16)");
            } else if (c.prefix() < 16 || c.prefix() > 20) {
                r.problem(ConfigKey.VPC_CIDR, c.toString(), "allowed: a prefix from /16 to /20 (room for 3 zones x 3"
                        + " subnet tiers, within the VPC size limits of both clouds)");
            }
        }
        return new NetworkConfig(cidr.orElse(Cidr.parse("10.0.0.0/16")));
    }

    private static ClusterConfig cluster(ConfigReader r, Cloud cloud, boolean prod, java.time.LocalDate today,
                                         java.util.function.Supplier<String> deployerEgress) {
        String version = kubernetesVersion(r, cloud, today);
        ApiAccess access = r.enumeration(ConfigKey.CLUSTER_API_ACCESS, ApiAccess.class, ApiAccess.PUBLIC);
        boolean allowDeployer = r.bool(ConfigKey.CLUSTER_API_ALLOW_DEPLOYER, access == ApiAccess.PUBLIC);
        List<Cidr> apiCidrs = new ArrayList<>();
        r.json(ConfigKey.CLUSTER_API_ALLOWED_CIDRS, false).ifPresent(list -> {
            for (int i = 0; i < list.size(); i++) {
                String path = ConfigKey.CLUSTER_API_ALLOWED_CIDRS.key() + "[" + i + "]";
                JsonNode item = list.get(i);
                if (!item.isTextual()) {
                    r.problem(path, item.toString(), "allowed: a CIDR string");
                    continue;
                }
                r.cidrIn(path, item.asText()).ifPresent(c -> {
                    if (c.prefix() < MIN_API_PREFIX) {
                        r.problem(path, c.toString(), "the API endpoint must not be open to the whole internet or a"
                                + " large part of it (prefix /" + MIN_API_PREFIX + " or longer); list the networks"
                                + " that administer the cluster");
                    } else {
                        apiCidrs.add(c);
                    }
                });
            }
        });
        if (access == ApiAccess.PRIVATE) {
            if (!apiCidrs.isEmpty()) {
                r.problem(ConfigKey.CLUSTER_API_ALLOWED_CIDRS.qualified() + " lists " + apiCidrs + " but "
                        + ConfigKey.CLUSTER_API_ACCESS.qualified() + " is private: a private endpoint admits no public"
                        + " networks; remove the list, or choose public");
            }
            // clusterApiAllowDeployer is meaningless without a public endpoint; the deployer runs inside
        } else {
            if (allowDeployer && r.problems().isEmpty()) {
                String ip = deployerEgress.get();
                var deployer = Cidr.parse(ip + "/32");
                if (!apiCidrs.contains(deployer)) {
                    apiCidrs.add(deployer);
                }
            }
            if (apiCidrs.isEmpty() && !allowDeployer) {
                r.problem(ConfigKey.CLUSTER_API_ALLOWED_CIDRS.qualified() + " is empty and "
                        + ConfigKey.CLUSTER_API_ALLOW_DEPLOYER.qualified() + " is false with "
                        + ConfigKey.CLUSTER_API_ACCESS.qualified() + " public: nobody could reach the API the program"
                        + " deploys through; list the deployer's egress ranges, allow the deployer, or choose private"
                        + " and deploy from inside the network");
            }
            if (apiCidrs.size() > MAX_API_CIDRS) {
                r.problem(ConfigKey.CLUSTER_API_ALLOWED_CIDRS, apiCidrs.size() + " networks", "at most "
                        + MAX_API_CIDRS + " including the deployer (the limit of GKE authorized networks is higher,"
                        + " EKS public access CIDRs allow 40)");
            }
        }
        var pools = new TreeMap<String, NodePoolConfig>();
        r.json(ConfigKey.NODE_POOLS, true).ifPresent(map -> {
            if (map.isEmpty()) {
                r.problem(ConfigKey.NODE_POOLS, "{}", "at least one node pool is required");
            }
            map.fields().forEachRemaining(e -> pool(r, e, cloud, prod).ifPresent(p -> pools.put(p.name(), p)));
        });
        if (!r.problems().isEmpty()) {
            apiCidrs.clear();
            access = ApiAccess.PRIVATE;
        }
        return new ClusterConfig(version, access, apiCidrs, pools);
    }

    /** The smallest public-endpoint range accepted: a /16 or longer, never "the internet". */
    static final int MIN_API_PREFIX = 16;
    static final int MAX_API_CIDRS = 40;

    /** AWS: whether this stack creates the account's GitHub OIDC provider or looks it up. */
    enum OidcProviderMode { LOOKUP, CREATE }

    private static String kubernetesVersion(ConfigReader r, Cloud cloud, java.time.LocalDate today) {
        String version = r.matching(ConfigKey.KUBERNETES_VERSION, K8S_VERSION,
                "allowed: a Kubernetes minor version such as \"" + KubernetesVersions.DEFAULT + "\", quoted",
                KubernetesVersions.DEFAULT);
        if (r.optional(ConfigKey.KUBERNETES_VERSION).isPresent() && !K8S_VERSION.matcher(version).matches()) {
            return KubernetesVersions.DEFAULT;
        }
        var window = KubernetesVersions.window(version);
        var supported = KubernetesVersions.supported(cloud, today);
        if (window.isEmpty()) {
            r.problem(ConfigKey.KUBERNETES_VERSION, version, "allowed on " + cloud.id() + " on " + today + ": "
                    + supported + " (minors in standard support, table in config.KubernetesVersions, checked "
                    + KubernetesVersions.CHECKED + ")");
        } else if (!window.get().inStandardSupport(cloud, today)) {
            var w = window.get();
            r.problem(ConfigKey.KUBERNETES_VERSION, version, "is in standard support on " + cloud.id() + " only from "
                    + w.available(cloud) + " to " + w.endOfStandard(cloud) + ", not on " + today + "; allowed: "
                    + supported + (supported.isEmpty() ? " (none: update config.KubernetesVersions from the providers'"
                    + " release calendars)" : ""));
        }
        return version;
    }

    private static Optional<NodePoolConfig> pool(ConfigReader r, Map.Entry<String, JsonNode> e, Cloud cloud,
                                                 boolean prod) {
        String name = e.getKey();
        String base = ConfigKey.NODE_POOLS.key() + "." + name;
        String qualifiedBase = ConfigKey.NAMESPACE + ":" + base;
        int before = r.problems().size();
        if (!POOL_NAME.matcher(name).matches()) {
            r.problem(ConfigKey.NODE_POOLS.key(), name, "pool names allow 1-20 lower-case letters, digits and '-',"
                    + " starting with a letter");
        }
        JsonNode spec = e.getValue();
        if (!spec.isObject()) {
            r.problem(base, spec.toString(), "must be a map with " + String.join(", ", new java.util.TreeSet<>(POOL_FIELDS)));
            return Optional.empty();
        }
        spec.fieldNames().forEachRemaining(f -> {
            if (!POOL_FIELDS.contains(f)) {
                r.problem(qualifiedBase + "." + f + ": unknown field; allowed: " + String.join(", ", new java.util.TreeSet<>(POOL_FIELDS)));
            }
        });
        String awsType = text(r, spec, base, "awsInstanceType", AWS_INSTANCE_TYPE, "an EC2 instance type such as m6i.large");
        String gcpType = text(r, spec, base, "gcpMachineType", GCP_MACHINE_TYPE, "a machine type such as e2-standard-4");
        int min = number(r, spec, base, "minSize", 0, 100);
        int desired = number(r, spec, base, "desiredSize", 0, 100);
        int max = number(r, spec, base, "maxSize", 1, 100);
        if (r.problems().size() == before) {
            if (!(min <= desired && desired <= max)) {
                r.problem(qualifiedBase + ": minSize " + min + ", desiredSize " + desired + ", maxSize " + max
                        + ": must satisfy minSize <= desiredSize <= maxSize");
            }
            if (prod && min < 2) {
                r.problem(base + ".minSize", min, "must be at least 2 in prod, so losing a node or a zone keeps"
                        + " capacity");
            }
        }
        if (r.problems().size() != before) {
            return Optional.empty();
        }
        return Optional.of(new NodePoolConfig(name, cloud == Cloud.AWS ? awsType : gcpType, min, desired, max));
    }

    private static String text(ConfigReader r, JsonNode spec, String base, String field, Pattern p, String allowed) {
        JsonNode v = spec.get(field);
        if (v == null) {
            r.problem(ConfigKey.NAMESPACE + ":" + base + "." + field + " is not set: it is required (" + allowed + ")");
            return "";
        }
        if (!v.isTextual() || !p.matcher(v.asText()).matches()) {
            r.problem(base + "." + field, v.asText(), "allowed: " + allowed);
            return "";
        }
        return v.asText();
    }

    private static int number(ConfigReader r, JsonNode spec, String base, String field, int min, int max) {
        JsonNode v = spec.get(field);
        if (v == null) {
            r.problem(ConfigKey.NAMESPACE + ":" + base + "." + field + " is not set: it is required (an integer from "
                    + min + " to " + max + ")");
            return min;
        }
        return r.integerIn(base + "." + field, v.asText(), min, max, min);
    }

    /**
     * Rules only the GCP side has. Prod needs its own domain: without one the managed certificate would be
     * issued for {@code <ip>.nip.io}, a name a third party controls. A CI identity is pinned by GitHub's
     * immutable ids: a deleted and re-created repository or a renamed owner reuses the names.
     */
    private static void gcpRules(ConfigReader r, boolean prod, CiConfig ci) {
        if (prod && r.optional(ConfigKey.EDGE_DOMAIN).isEmpty()) {
            r.problem(ConfigKey.EDGE_DOMAIN.qualified() + " is not set: it is required in prod on gcp (the"
                    + " certificate must be for a domain you control, not <ip>.nip.io); set a DNS name such as"
                    + " app.example.com and point its A record at the edge address");
        }
        if (ci.githubRepo().isPresent() && (ci.githubRepoId().isEmpty() || ci.githubOwnerId().isEmpty())) {
            r.problem(ConfigKey.CI_GITHUB_REPO.qualified() + " = \"" + ci.githubRepo().get() + "\" needs "
                    + ConfigKey.CI_GITHUB_REPO_ID.qualified() + " and " + ConfigKey.CI_GITHUB_OWNER_ID.qualified()
                    + " on gcp: the deploy identity is pinned by GitHub's numeric ids, not by names alone");
        }
    }

    /** The Cloud SQL edition of a tier: performance-optimized tiers are ENTERPRISE_PLUS, all others ENTERPRISE. */
    static String editionOf(String tier) {
        return ENTERPRISE_PLUS_TIER.matcher(tier).matches() ? "ENTERPRISE_PLUS" : "ENTERPRISE";
    }

    private static DatabaseConfig database(ConfigReader r, Cloud cloud, boolean prod) {
        String version = r.matching(ConfigKey.DB_ENGINE_VERSION, PG_VERSION,
                "allowed: a PostgreSQL major version from 14 to 17, quoted", "16");
        String rdsClass = r.matching(ConfigKey.DB_INSTANCE_CLASS, RDS_CLASS,
                "allowed: an RDS instance class such as db.t4g.medium", "db.t4g.medium");
        String tier = r.matching(ConfigKey.DB_TIER, CLOUDSQL_TIER,
                "allowed: a Cloud SQL tier such as db-custom-2-7680", "db-custom-2-7680");
        // db-custom-*/shared-core tiers run only on ENTERPRISE, db-perf-optimized-N-* only on ENTERPRISE_PLUS
        // (https://cloud.google.com/sql/docs/postgres/editions-intro); the API's default edition changed over
        // time, so the edition is pinned and the tier checked against it.
        String edition = r.matching(ConfigKey.DB_EDITION, Pattern.compile(String.join("|", new java.util.TreeSet<>(
                CLOUDSQL_EDITIONS))), "allowed: " + new java.util.TreeSet<>(CLOUDSQL_EDITIONS), "ENTERPRISE");
        if (CLOUDSQL_EDITIONS.contains(edition) && !editionOf(tier).equals(edition)) {
            r.problem(ConfigKey.DB_TIER.qualified() + " = \"" + tier + "\" does not run on "
                    + ConfigKey.DB_EDITION.qualified() + " = \"" + edition + "\": ENTERPRISE takes db-custom-N-M and"
                    + " shared-core tiers, ENTERPRISE_PLUS takes db-perf-optimized-N-<vcpus>");
        }
        int storage = r.integer(ConfigKey.DB_STORAGE_GB, 20, 65536, 20);
        boolean ha = r.bool(ConfigKey.DB_HIGH_AVAILABILITY, true);
        int retention = r.integer(ConfigKey.DB_BACKUP_RETENTION_DAYS, 1, 35, 7);
        boolean deletionProtection = r.bool(ConfigKey.DB_DELETION_PROTECTION, true);
        if (prod) {
            if (r.optional(ConfigKey.DB_HIGH_AVAILABILITY).isPresent() && !ha) {
                r.problem(ConfigKey.DB_HIGH_AVAILABILITY, "false", "must be true in prod (Multi-AZ / regional"
                        + " instance survives the loss of a zone)");
            }
            if (r.optional(ConfigKey.DB_DELETION_PROTECTION).isPresent() && !deletionProtection) {
                r.problem(ConfigKey.DB_DELETION_PROTECTION, "false", "must be true in prod");
            }
            if (retention < 7) {
                r.problem(ConfigKey.DB_BACKUP_RETENTION_DAYS, String.valueOf(retention),
                        "must be at least 7 in prod (allowed: 7 to 35)");
            }
        }
        return new DatabaseConfig(version, cloud == Cloud.AWS ? rdsClass : tier, storage, ha, retention,
                deletionProtection, edition);
    }

    private static AppConfig app(ConfigReader r, boolean prod, boolean secretEnv) {
        String image = r.matching(ConfigKey.APP_IMAGE, IMAGE,
                "allowed: an image reference repository:tag or repository@sha256:<64 hex digits>", "counter:0");
        String lastSegment = image.substring(image.lastIndexOf('/') + 1).split("@", 2)[0];
        String tag = lastSegment.contains(":") ? lastSegment.substring(lastSegment.indexOf(':') + 1) : "";
        if (!image.contains("@sha256:") && (tag.isEmpty() || tag.equals("latest"))) {
            r.problem(ConfigKey.APP_IMAGE, image, "needs an explicit version tag other than latest, or a @sha256"
                    + " digest, so every rollout is reproducible");
        }
        int replicas = r.integer(ConfigKey.APP_REPLICAS, 1, 50, 2);
        int maxReplicas = r.integer(ConfigKey.APP_MAX_REPLICAS, 1, 100, replicas);
        if (prod && replicas < 3) {
            r.problem(ConfigKey.APP_REPLICAS, String.valueOf(replicas), "must be at least 3 in prod (one per zone)");
        }
        if (maxReplicas < replicas) {
            r.problem(ConfigKey.APP_MAX_REPLICAS.qualified() + " = " + maxReplicas + " is below "
                    + ConfigKey.APP_REPLICAS.qualified() + " = " + replicas + ": the autoscaler's upper bound must be"
                    + " at least the replica count");
        }
        int port = r.integer(ConfigKey.APP_PORT, 1024, 65535, 8080);
        String live = r.matching(ConfigKey.APP_LIVENESS_PATH, HTTP_PATH, "allowed: an absolute HTTP path such as"
                + " /health/live", "/");
        String ready = r.matching(ConfigKey.APP_READINESS_PATH, HTTP_PATH, "allowed: an absolute HTTP path such as"
                + " /health/ready", "/");
        String cpuReq = r.matching(ConfigKey.APP_CPU_REQUEST, CPU, "allowed: a CPU quantity such as 250m or 1",
                null);
        String cpuLim = r.matching(ConfigKey.APP_CPU_LIMIT, CPU, "allowed: a CPU quantity such as 500m or 2", null);
        String memReq = r.matching(ConfigKey.APP_MEMORY_REQUEST, MEMORY,
                "allowed: a memory quantity such as 256Mi or 1Gi", null);
        String memLim = r.matching(ConfigKey.APP_MEMORY_LIMIT, MEMORY,
                "allowed: a memory quantity such as 512Mi or 1Gi", null);
        if (cpuReq != null && cpuLim != null && cpu(cpuReq).compareTo(cpu(cpuLim)) > 0) {
            r.problem(ConfigKey.APP_CPU_REQUEST.qualified() + " = \"" + cpuReq + "\" exceeds "
                    + ConfigKey.APP_CPU_LIMIT.qualified() + " = \"" + cpuLim + "\": the request must not exceed the"
                    + " limit");
        }
        if (memReq != null && memLim != null && memory(memReq) > memory(memLim)) {
            r.problem(ConfigKey.APP_MEMORY_REQUEST.qualified() + " = \"" + memReq + "\" exceeds "
                    + ConfigKey.APP_MEMORY_LIMIT.qualified() + " = \"" + memLim + "\": the request must not exceed"
                    + " the limit");
        }
        var env = new TreeMap<String, String>();
        r.json(ConfigKey.APP_ENV, true).ifPresent(map -> map.fields().forEachRemaining(e -> {
            String path = ConfigKey.APP_ENV.key() + "." + e.getKey();
            if (!ENV_NAME.matcher(e.getKey()).matches()) {
                r.problem(ConfigKey.APP_ENV.key(), e.getKey(), "environment variable names allow upper-case letters,"
                        + " digits and '_', starting with a letter");
            } else if (RESERVED_ENV.contains(e.getKey())) {
                r.problem(ConfigKey.APP_ENV.key(), e.getKey(), "is set by the platform; reserved: "
                        + new java.util.TreeSet<>(RESERVED_ENV));
            } else if (!e.getValue().isValueNode() || e.getValue().isNull()) {
                r.problem(path, e.getValue().toString(), "allowed: a string, number or boolean");
            } else {
                env.put(e.getKey(), e.getValue().asText());
            }
        }));
        boolean migrationJob = r.bool(ConfigKey.APP_MIGRATION_JOB, true);
        int drainSeconds = r.integer(ConfigKey.APP_DRAIN_SECONDS, 5, 120, 20);
        return new AppConfig(image, replicas, maxReplicas, port, live, ready, cpuReq, memReq, cpuLim, memLim, env,
                migrationJob, secretEnv, drainSeconds);
    }

    /** CPU quantity in cores. */
    static BigDecimal cpu(String q) {
        return q.endsWith("m") ? new BigDecimal(q.substring(0, q.length() - 1)).movePointLeft(3) : new BigDecimal(q);
    }

    /** Memory quantity in bytes. */
    static long memory(String q) {
        long n = Long.parseLong(q.substring(0, q.length() - 2));
        return switch (q.substring(q.length() - 2)) {
            case "Ki" -> n << 10;
            case "Mi" -> n << 20;
            default -> n << 30;
        };
    }

    private static EdgeConfig edge(ConfigReader r, Cloud cloud) {
        var domain = r.optionalMatching(ConfigKey.EDGE_DOMAIN, HOSTNAME,
                "allowed: a lower-case DNS name such as app.example.com, or empty for the CDN's own name");
        var certificate = r.optionalMatching(ConfigKey.EDGE_CERTIFICATE, CERTIFICATE,
                "allowed: an ACM certificate ARN in us-east-1 (AWS) or a certificate name (GCP)");
        var zone = r.optionalMatching(ConfigKey.AWS_HOSTED_ZONE_ID, ROUTE53_ZONE_ID,
                "allowed: a Route 53 hosted zone id such as Z0123456789ABCDEFGHIJ");
        if (certificate.isPresent() && r.optional(ConfigKey.EDGE_DOMAIN).isEmpty()) {
            r.problem(ConfigKey.EDGE_CERTIFICATE.qualified() + " is set but " + ConfigKey.EDGE_DOMAIN.qualified()
                    + " is empty: a certificate needs the domain it is issued for");
        }
        if (cloud == Cloud.AWS && domain.isPresent()) {
            // CloudFront accepts only an issued certificate: a DNS-validated one needs its records and a wait
            if (certificate.isPresent() && !ACM_ARN.matcher(certificate.get()).matches()) {
                r.problem(ConfigKey.EDGE_CERTIFICATE, certificate.get(), "on aws: an issued ACM certificate ARN in"
                        + " us-east-1 (CloudFront's region), arn:aws:acm:us-east-1:<account>:certificate/<id>");
            }
            if (certificate.isEmpty() && zone.isEmpty()) {
                r.problem(ConfigKey.EDGE_DOMAIN.qualified() + " = \"" + domain.get() + "\" needs "
                        + ConfigKey.EDGE_CERTIFICATE.qualified() + " (an issued ACM certificate in us-east-1) or "
                        + ConfigKey.AWS_HOSTED_ZONE_ID.qualified() + " (the hosted zone the program validates a new"
                        + " certificate in): CloudFront rejects a certificate that is still pending validation");
            }
        }
        return new EdgeConfig(domain, certificate, zone);
    }

    private static BackupConfig backup(ConfigReader r, Cloud cloud, boolean prod, String region) {
        int retention = r.integer(ConfigKey.BACKUP_RETENTION_DAYS, 1, 3650, 7);
        boolean crossRegion = r.bool(ConfigKey.BACKUP_CROSS_REGION, false);
        String awsCopy = r.matching(ConfigKey.AWS_BACKUP_COPY_REGION, AWS_REGION,
                "allowed: an AWS region such as us-west-2", "us-west-2");
        String gcpCopy = r.matching(ConfigKey.GCP_BACKUP_COPY_REGION, GCP_REGION,
                "allowed: a GCP region such as europe-west4", "us-east1");
        String copy = cloud == Cloud.AWS ? awsCopy : gcpCopy;
        ConfigKey copyKey = cloud == Cloud.AWS ? ConfigKey.AWS_BACKUP_COPY_REGION : ConfigKey.GCP_BACKUP_COPY_REGION;
        if (crossRegion && copy.equals(region)) {
            r.problem(copyKey, copy, "must differ from the stack's region " + region + " for a cross-region copy");
        }
        if (prod) {
            if (r.optional(ConfigKey.BACKUP_CROSS_REGION).isPresent() && !crossRegion) {
                r.problem(ConfigKey.BACKUP_CROSS_REGION, "false", "must be true in prod (backups survive the loss of"
                        + " the region)");
            }
            if (retention < 7) {
                r.problem(ConfigKey.BACKUP_RETENTION_DAYS, String.valueOf(retention), "must be at least 7 in prod");
            }
        }
        return new BackupConfig(retention, crossRegion, copy);
    }

    private static ObservabilityConfig observability(ConfigReader r, boolean prod) {
        int days = r.integer(ConfigKey.LOG_RETENTION_DAYS, 1, 3653, 30);
        if (!LOG_RETENTION_DAYS.contains(days) && r.optional(ConfigKey.LOG_RETENTION_DAYS).map(v -> v.equals(
                String.valueOf(days))).orElse(false)) {
            r.problem(ConfigKey.LOG_RETENTION_DAYS, String.valueOf(days), "allowed: one of "
                    + new java.util.TreeSet<>(LOG_RETENTION_DAYS) + " (the periods CloudWatch Logs accepts)");
        }
        if (prod && days < 30) {
            r.problem(ConfigKey.LOG_RETENTION_DAYS, String.valueOf(days), "must be at least 30 in prod");
        }
        var email = r.optionalMatching(ConfigKey.ALERT_EMAIL, EMAIL, "allowed: an e-mail address");
        if (prod && r.optional(ConfigKey.ALERT_EMAIL).isEmpty()) {
            r.problem(ConfigKey.ALERT_EMAIL.qualified() + " is not set: prod alerts need a recipient");
        }
        return new ObservabilityConfig(days, email);
    }
}
