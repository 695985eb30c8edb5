package dev.strata.k8s;

import com.pulumi.core.Output;
import com.pulumi.kubernetes.Provider;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.CustomTimeouts;
import com.pulumi.resources.Resource;
import dev.strata.platform.DatabaseConnection;
import dev.strata.platform.KubeManifest;
import dev.strata.platform.KubeObject;
import dev.strata.platform.KubeSecret;
import dev.strata.platform.ServiceRef;
import dev.strata.platform.WorkloadBindings;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The counter workload (or any HTTP service with health endpoints), cloud-neutral: built only from the
 * platform contract. A namespace with Pod Security Admission {@code restricted} enforced; a ServiceAccount
 * bound to the cloud identity; settings in a ConfigMap; the application role's credentials in a Secret for the
 * api pods and the master's in another for the migration step only; default-deny NetworkPolicies that open only
 * DNS, load balancer -> web and api, web -> api, api and migration -> database, scraper -> metrics port; the
 * migration Job per image (the image migrates the schema, then creates the least-privilege application role), with
 * its own ServiceAccount bound to the cloud identity its database path needs, created only after everything it reads
 * exists and finished before any pod of the new version starts (with {@code appMigrationJob=false}: no Job, and the
 * master credentials never enter the cluster; nothing then creates the application role, so such an image must not
 * need the database); then per role ({@code web},
 * {@code api}) a Deployment (rolling with {@code maxUnavailable: 0}, startup, readiness and liveness probes on a
 * named port, the rollout timing chain of {@link dev.strata.platform.RolloutTiming}, zone and node spread,
 * restricted security context, requests and limits, metrics on their own port), a Service of the app port only,
 * attached to the program-owned load balancer as the platform says, a PodDisruptionBudget, an autoscaler that owns
 * the replica count, and the metrics scrape objects. Every object waits for the platform's
 * {@link dev.strata.platform.Platform#readyForWorkloads()}.
 */
public final class Workload extends ComponentResource {
    public static final String TYPE = "strata:k8s:Workload";
    static final String MIGRATE_SERVICE_ACCOUNT = dev.strata.platform.Naming.MIGRATION_SERVICE_ACCOUNT;
    /** The Secret holding env set with --secret. */
    static final String SECRET_ENV = "app-env";

    /** @param readyForWorkloads what every object waits for (add-ons, controllers, CRDs) */
    public record Args(WorkloadSpec spec, DatabaseConnection database, WorkloadBindings bindings,
                       Provider kubernetes, List<Resource> readyForWorkloads) {
    }

    private final String namespace;
    private final DatabaseConnection database;
    private final Provider kubernetes;
    private final List<Resource> ready;
    private final Map<String, KubeObject> deployments = new LinkedHashMap<>();
    private final Map<String, Resource> services = new LinkedHashMap<>();

    public Workload(String name, Args args, ComponentResourceOptions opts) {
        super(TYPE, name, opts);
        var s = args.spec();
        this.namespace = s.namespace();
        this.database = args.database();
        this.kubernetes = args.kubernetes();
        this.ready = List.copyOf(args.readyForWorkloads());

        var ns = new KubeObject(name + "-namespace", new KubeObject.Args("v1", "Namespace",
                Manifests.metadata(namespace, null, Manifests.namespaceLabels(s, args.bindings().namespaceLabels()),
                        Map.of()), Map.of()), after(List.of()));
        var inNs = after(List.of(ns));

        String serviceAccount = s.partOf();
        // the annotation (a role ARN / service account e-mail) is the only value another resource decides: it stays a
        // nested output, so name, namespace and labels are known even in a preview
        var appAccount = new KubeObject(name + "-service-account", new KubeObject.Args("v1", "ServiceAccount",
                Manifests.metadata(serviceAccount, namespace, s.labels("api"),
                        args.bindings().serviceAccountAnnotations()), Map.of()), inNs);
        var settingsData = new LinkedHashMap<String, String>(s.app().secretEnv() ? Map.of() : s.app().env());
        settingsData.put("API_URL", "http://api." + namespace + ".svc.cluster.local:" + s.app().port());
        var settings = new KubeObject(name + "-settings", new KubeObject.Args("v1", "ConfigMap",
                Manifests.metadata("settings", namespace, s.labels("api"), Map.of()), Map.of("data", settingsData)),
                inNs);
        var db = args.database();
        var appSecret = new KubeSecret(name + "-database", new KubeObject.Args("v1", "Secret",
                Manifests.metadata("database", namespace, s.labels("api"), Map.of()), Map.of("type", "Opaque",
                "stringData", Outputs.resolve(Map.of("DATABASE_URL", db.jdbcUrl(),
                        "DATABASE_USER", db.app().username(), "DATABASE_PASSWORD", db.app().password())).asSecret())),
                inNs);
        List<Resource> policies = networkPolicies(name, s, args.bindings(), inNs);

        List<Resource> appInputs = new ArrayList<>(List.of(settings, appSecret, appAccount));
        if (s.app().secretEnv()) {
            // env set with --secret stays a secret: a Secret object, the values a secret output. Its values are not
            // in the settings hash, so changing them needs a rollout restart (docs/configuration.md).
            appInputs.add(new KubeSecret(name + "-app-env", new KubeObject.Args("v1", "Secret",
                    Manifests.metadata(SECRET_ENV, namespace, s.labels("api"), Map.of()), Map.of("type", "Opaque",
                    "stringData", Output.ofSecret(Map.copyOf(s.app().env())))), inNs));
        }
        String settingsHash = Manifests.shortHash(new java.util.TreeMap<>(settingsData).toString());
        List<Resource> setup = new ArrayList<>(appInputs);
        if (s.app().migrationJob()) {
            var jobInputs = new ArrayList<Resource>(appInputs);
            jobInputs.add(ns);
            jobInputs.addAll(policies);
            setup.add(migrationJob(name, s, args.bindings(), settingsHash, ns, jobInputs));
        }
        for (String role : WorkloadSpec.ROLES) {
            var ref = new ServiceRef(namespace, role, role, s.app().port(), s.selector(role));
            var podAnnotations = new LinkedHashMap<String, String>(args.bindings().podMetricsAnnotations(
                    WorkloadSpec.METRICS_PORT_NAME, WorkloadSpec.METRICS_PATH));
            podAnnotations.put("strata.dev/settings-hash", settingsHash);
            // skipAwait: pulumi-kubernetes awaits a Service with a selector until a ready pod backs it
            // (pulumi-kubernetes#1974, #2574), but the pods come after the Service here (their load balancer
            // attachments need it first), so an awaited Service would fail the first up after 10 minutes
            var serviceAnnotations = new LinkedHashMap<String, String>(args.bindings().serviceAnnotations(ref));
            serviceAnnotations.put(Manifests.SKIP_AWAIT, "true");
            var service = new KubeObject(name + "-" + role + "-service", new KubeObject.Args("v1", "Service",
                    Manifests.metadata(role, namespace, s.labels(role), serviceAnnotations),
                    Map.of("spec", Manifests.serviceSpec(s, role))), inNs);
            services.put(role, service);
            // the attachments exist before the pods: the load balancer controller injects its readiness gate only
            // into pods created while a TargetGroupBinding selects them
            var attachments = new ArrayList<Resource>();
            var extra = new ArrayList<KubeManifest>(args.bindings().serviceAttachments(ref));
            extra.addAll(args.bindings().metricsScrape(ref, WorkloadSpec.METRICS_PORT_NAME, WorkloadSpec.METRICS_PATH));
            for (KubeManifest m : extra) {
                var fields = new LinkedHashMap<String, Object>();
                m.fields().forEach((k, v) -> fields.put(k, Outputs.resolve(v)));
                attachments.add(new KubeObject(name + "-" + role + "-" + m.kind().toLowerCase(java.util.Locale.ROOT),
                        new KubeObject.Args(m.apiVersion(), m.kind(),
                                Manifests.metadata(m.name(), namespace, s.labels(role), Map.of()), fields),
                        after(List.of(ns, service))));
            }
            var deploymentDeps = new ArrayList<Resource>(setup);
            deploymentDeps.addAll(attachments);
            // the autoscaler owns the replica count: the Deployment sets none (Manifests.deploymentSpec)
            deployments.put(role, new KubeObject(name + "-" + role, new KubeObject.Args("apps/v1", "Deployment",
                    Manifests.metadata(role, namespace, s.labels(role), Map.of()),
                    Map.of("spec", Manifests.deploymentSpec(s, role, serviceAccount, env(s, role),
                            podAnnotations))), after(deploymentDeps)));
            new KubeObject(name + "-" + role + "-pdb", new KubeObject.Args("policy/v1", "PodDisruptionBudget",
                    Manifests.metadata(role, namespace, s.labels(role), Map.of()),
                    Map.of("spec", Manifests.podDisruptionBudgetSpec(s, role))), inNs);
            new KubeObject(name + "-" + role + "-hpa", new KubeObject.Args("autoscaling/v2",
                    "HorizontalPodAutoscaler", Manifests.metadata(role, namespace, s.labels(role), Map.of()),
                    Map.of("spec", Manifests.autoscalerSpec(s, role))), inNs);
        }
        registerOutputs(Map.of("namespace", Output.of(namespace)));
    }

    /**
     * The migration step, one Job per image (and settings): the image with {@code MIGRATE_ONLY=true} applies the schema
     * migrations as the master and then creates (or updates) the least-privilege application role and its grants,
     * through the same database path the api pods use ({@link DatabaseConnection#jdbcUrl()}).
     *
     * <p>Why not a psql step: Cloud SQL here requires client certificates and admits only the Cloud SQL connectors
     * (connectorEnforcement REQUIRED), so psql to the private IP is refused on GCP; the alternative, a Cloud SQL Auth
     * Proxy sidecar in the Job, adds two third-party images (proxy, psql) and a second client and SQL copy of the role
     * logic to keep in step with the schema. The image already carries the Cloud SQL Java connector and the role logic
     * next to the migrations it grants (tested against a real PostgreSQL in app/), so the Job needs no other image:
     * on GCP it gets its own Workload Identity (only {@code roles/cloudsql.client} on the instance) through
     * {@link WorkloadBindings#migrationServiceAccountAnnotations()}; on AWS it connects with TLS as before.
     *
     * <p>It runs only after everything it reads exists (settings, both Secrets, ServiceAccounts with their cloud
     * identity granted, NetworkPolicies), and every pod of the new version waits for it.
     */
    private KubeObject migrationJob(String name, WorkloadSpec s, WorkloadBindings bindings, String settingsHash,
                                    Resource ns, List<Resource> inputs) {
        var migrateAccount = new KubeObject(name + "-migrate-service-account", new KubeObject.Args("v1",
                "ServiceAccount", Manifests.metadata(MIGRATE_SERVICE_ACCOUNT, namespace, s.labels("migrate"),
                bindings.migrationServiceAccountAnnotations()), Map.of()), after(List.of(ns)));
        var adminSecret = new KubeSecret(name + "-database-admin", new KubeObject.Args("v1", "Secret",
                Manifests.metadata("database-admin", namespace, s.labels("migrate"), Map.of()), Map.of("type", "Opaque",
                "stringData", Outputs.resolve(adminSecretData(database)).asSecret())), after(List.of(ns)));
        var jobInputs = new ArrayList<Resource>(inputs);
        jobInputs.addAll(List.of(adminSecret, migrateAccount));
        return new KubeObject(name + "-migrate", new KubeObject.Args("batch/v1", "Job",
                Manifests.metadata("migrate-" + Manifests.shortHash(s.app().image() + "|" + settingsHash + "|"
                        + Manifests.MIGRATION_CONTRACT), namespace, s.labels("migrate"), Map.of()),
                Map.of("spec", Manifests.migrationJobSpec(s, MIGRATE_SERVICE_ACCOUNT, migrationEnv(s)))),
                // Pulumi awaits a Job for 10 minutes by default, as long as its deadline: 5 more, so that the Job's
                // own outcome (complete, or failed with its pods' reason) is what the deploy reports
                afterBuilder(jobInputs).deleteBeforeReplace(true).customTimeouts(CustomTimeouts.builder()
                        .create(Duration.ofSeconds(Manifests.MIGRATION_DEADLINE_SECONDS + 300))
                        .update(Duration.ofSeconds(Manifests.MIGRATION_DEADLINE_SECONDS + 300)).build()).build());
    }

    /** Options of a workload object: on the cluster's provider, after {@code deps} and the platform's add-ons. */
    private CustomResourceOptions after(List<Resource> deps) {
        return afterBuilder(deps).build();
    }

    private CustomResourceOptions.Builder afterBuilder(List<Resource> deps) {
        var all = new ArrayList<Resource>(ready);
        all.addAll(deps);
        return CustomResourceOptions.builder().parent(this).provider(kubernetes).dependsOn(all);
    }

    /**
     * What only the migration step holds: the master login, as the image's migration role. The database URL and the
     * application role it creates come from the api's Secret ({@code database}).
     */
    static Map<String, Object> adminSecretData(DatabaseConnection db) {
        var m = new LinkedHashMap<String, Object>();
        m.put("MIGRATE_DB_USER", db.admin().username());
        m.put("MIGRATE_DB_PASSWORD", db.admin().password());
        return m;
    }

    /** The environment of a serving role: identity, ports, drain, settings; the api role's database login. */
    static List<Map<String, Object>> env(WorkloadSpec s, String role) {
        var env = new ArrayList<Map<String, Object>>();
        env.add(Map.of("name", "ROLE", "value", role));
        env.add(Map.of("name", "PORT", "value", String.valueOf(s.app().port())));
        env.add(Map.of("name", "METRICS_PORT", "value", String.valueOf(WorkloadSpec.METRICS_PORT)));
        env.add(Map.of("name", "DRAIN_SECONDS", "value", String.valueOf(s.timing().drainSeconds())));
        if (!role.equals("web")) {
            secretEnv(env, "database", List.of("DATABASE_URL", "DATABASE_USER", "DATABASE_PASSWORD"));
        }
        settingsEnv(s, env);
        return env;
    }

    /**
     * The migration step: the image with {@code MIGRATE_ONLY=true}; the api's database URL and application role
     * (which it creates), the master as its migration role ({@code MIGRATE_DB_USER}, app/README.md).
     */
    static List<Map<String, Object>> migrationEnv(WorkloadSpec s) {
        var env = new ArrayList<Map<String, Object>>();
        env.add(Map.of("name", "ROLE", "value", "api"));
        env.add(Map.of("name", "PORT", "value", String.valueOf(s.app().port())));
        env.add(Map.of("name", "MIGRATE_ONLY", "value", "true"));
        secretEnv(env, "database", List.of("DATABASE_URL", "DATABASE_USER", "DATABASE_PASSWORD"));
        secretEnv(env, "database-admin", List.of("MIGRATE_DB_USER", "MIGRATE_DB_PASSWORD"));
        settingsEnv(s, env);
        return env;
    }

    private static void secretEnv(List<Map<String, Object>> env, String secret, List<String> keys) {
        keys.forEach(key -> env.add(Map.of("name", key, "valueFrom", Map.of("secretKeyRef",
                Map.of("name", secret, "key", key)))));
    }

    private static void settingsEnv(WorkloadSpec s, List<Map<String, Object>> env) {
        var settingsKeys = new ArrayList<>(s.app().secretEnv() ? List.of() : s.app().env().keySet());
        settingsKeys.add("API_URL");
        if (s.app().secretEnv()) {
            s.app().env().keySet().forEach(key -> env.add(Map.of("name", key, "valueFrom",
                    Map.of("secretKeyRef", Map.of("name", SECRET_ENV, "key", key)))));
        }
        settingsKeys.stream().sorted().forEach(key -> env.add(Map.of("name", key, "valueFrom",
                Map.of("configMapKeyRef", Map.of("name", "settings", "key", key)))));
    }

    private List<Resource> networkPolicies(String name, WorkloadSpec s, WorkloadBindings b, CustomResourceOptions opts) {
        var out = new ArrayList<Resource>();
        out.add(policy(name + "-deny-all", "deny-all", s, Output.of(Manifests.denyAll()), opts));
        out.add(policy(name + "-allow-dns", "allow-dns", s, Output.of(Manifests.allowDns()), opts));
        out.add(policy(name + "-web-ingress", "web-ingress", s, b.loadBalancerSourceCidrs().applyValue(lb ->
                Manifests.allowIngress(s, "web", lb, List.of())), opts));
        out.add(policy(name + "-api-ingress", "api-ingress", s, b.loadBalancerSourceCidrs().applyValue(lb ->
                Manifests.allowIngress(s, "api", lb, List.of("web"))), opts));
        out.add(policy(name + "-metrics-ingress", "metrics-ingress", s,
                Output.of(Manifests.allowMetrics(s, b.metricsScraperPeers())), opts));
        out.add(policy(name + "-web-to-api", "web-to-api", s, Output.of(Manifests.allowToRole(s, "web", "api")), opts));
        out.add(policy(name + "-api-to-database", "api-to-database", s, b.databaseCidrs().applyValue(db ->
                Manifests.allowToDatabase(s, "api", db)), opts));
        out.add(policy(name + "-migrate-to-database", "migrate-to-database", s, b.databaseCidrs().applyValue(db ->
                Manifests.allowToDatabase(s, "migrate", db)), opts));
        var roles = Map.of("web", s.selector("web"), "api", s.selector("api"), "migrate", s.selector("migrate"));
        b.cloudNetworkPolicies(roles).forEach((policyName, spec) -> out.add(policy(name + "-" + policyName, policyName,
                s, spec, opts)));
        return out;
    }

    private KubeObject policy(String resourceName, String name, WorkloadSpec s, Output<Map<String, Object>> spec,
                              CustomResourceOptions opts) {
        return new KubeObject(resourceName, new KubeObject.Args("networking.k8s.io/v1", "NetworkPolicy",
                Manifests.metadata(name, namespace, Map.of("app.kubernetes.io/part-of", s.partOf()), Map.of()),
                Map.of("spec", spec)), opts);
    }

    /** The Service of each role, for the platform's edge to attach. */
    public Map<String, Resource> services() {
        return services;
    }

    /**
     * What a load balancer backend of each role waits for: its Deployment, complete once its pods are ready, after
     * its Service. The Service itself is created without waiting (see above), so on GCP its standalone NEGs, which
     * GKE's NEG controller creates asynchronously after the Service, may not exist yet when the Service does; once
     * the pods are ready the controller has created them and attached their endpoints.
     */
    public Map<String, Resource> backends() {
        return java.util.Collections.unmodifiableMap(deployments);
    }

    public String namespace() {
        return namespace;
    }
}
