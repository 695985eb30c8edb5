package dev.strata.k8s;

import com.pulumi.core.Output;
import com.pulumi.kubernetes.Provider;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.Resource;
import dev.strata.platform.DatabaseConnection;
import dev.strata.platform.KubeManifest;
import dev.strata.platform.ServiceRef;
import dev.strata.platform.WorkloadBindings;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The counter workload (or any HTTP service with health endpoints), cloud-neutral: built only from the
 * platform contract. A namespace with Pod Security Admission {@code restricted} enforced; a ServiceAccount
 * bound to the cloud identity; settings in a ConfigMap and database credentials in a Secret; default-deny
 * NetworkPolicies that open only DNS, load balancer -> web and api, web -> api, api -> database; an
 * optional migration Job per image that must finish before any pod of the new version starts; then per
 * role ({@code web}, {@code api}) a Deployment (rolling with {@code maxUnavailable: 0}, startup, readiness
 * and liveness probes on a named port, preStop drain, zone and node spread, restricted security context,
 * requests and limits), a Service attached to the program-owned load balancer as the platform says, a
 * PodDisruptionBudget, an autoscaler and the metrics scrape objects.
 */
public final class Workload extends ComponentResource {
    public static final String TYPE = "strata:k8s:Workload";
    /** The Secret holding env set with --secret. */
    static final String SECRET_ENV = "app-env";

    public record Args(WorkloadSpec spec, DatabaseConnection database, WorkloadBindings bindings,
                       Provider kubernetes) {
    }

    private final String namespace;
    private final Map<String, KubeObject> deployments = new LinkedHashMap<>();
    private final Map<String, Resource> services = new LinkedHashMap<>();

    public Workload(String name, Args args, ComponentResourceOptions opts) {
        super(TYPE, name, opts);
        var s = args.spec();
        this.namespace = s.namespace();
        var base = CustomResourceOptions.builder().parent(this).provider(args.kubernetes()).build();

        var ns = new KubeObject(name + "-namespace", new KubeObject.Args("v1", "Namespace",
                Manifests.metadata(namespace, null, Manifests.namespaceLabels(s), Map.of()), Map.of()), base);
        var inNs = CustomResourceOptions.builder().parent(this).provider(args.kubernetes()).dependsOn(ns).build();

        String serviceAccount = s.partOf();
        var saAnnotations = Outputs.resolveMap(args.bindings().serviceAccountAnnotations());
        new KubeObject(name + "-service-account", new KubeObject.Args("v1", "ServiceAccount",
                saAnnotations.applyValue(a -> Manifests.metadata(serviceAccount, namespace, s.labels("api"), a)),
                Map.of()), inNs);

        var settingsData = new LinkedHashMap<String, String>(s.app().secretEnv() ? Map.of() : s.app().env());
        settingsData.put("API_URL", "http://api." + namespace + ".svc.cluster.local:" + s.app().port());
        var settings = new KubeObject(name + "-settings", new KubeObject.Args("v1", "ConfigMap",
                Manifests.metadata("settings", namespace, s.labels("api"), Map.of()), Map.of("data", settingsData)),
                inNs);
        var db = args.database();
        var secret = new KubeSecret(name + "-database", new KubeObject.Args("v1", "Secret",
                Manifests.metadata("database", namespace, s.labels("api"), Map.of()), Map.of("type", "Opaque",
                "stringData", Outputs.resolve(Map.of("DATABASE_URL", db.jdbcUrl(), "DATABASE_USER", db.username(),
                        "DATABASE_PASSWORD", db.password())).asSecret())), inNs);

        networkPolicies(name, s, args.bindings(), inNs);

        List<Resource> before = new ArrayList<>(List.of(settings, secret));
        if (s.app().secretEnv()) {
            // env set with --secret stays a secret: a Secret object, the values a secret output. Its values are not
            // in the settings hash, so changing them needs a rollout restart (docs/configuration.md).
            before.add(new KubeSecret(name + "-app-env", new KubeObject.Args("v1", "Secret",
                    Manifests.metadata(SECRET_ENV, namespace, s.labels("api"), Map.of()), Map.of("type", "Opaque",
                    "stringData", Output.ofSecret(Map.copyOf(s.app().env())))), inNs));
        }
        if (s.app().migrationJob()) {
            var env = env(s, "api", true);
            before.add(new KubeObject(name + "-migrate", new KubeObject.Args("batch/v1", "Job",
                    Manifests.metadata("migrate-" + Manifests.shortHash(s.app().image()), namespace,
                            s.labels("migrate"), Map.of()),
                    Map.of("spec", Manifests.migrationJobSpec(s, serviceAccount, env))),
                    CustomResourceOptions.builder().parent(this).provider(args.kubernetes()).dependsOn(ns)
                            .deleteBeforeReplace(true).build()));
        }
        var afterSetup = CustomResourceOptions.builder().parent(this).provider(args.kubernetes())
                .dependsOn(before).build();

        String settingsHash = Manifests.shortHash(new java.util.TreeMap<>(settingsData).toString());
        for (String role : WorkloadSpec.ROLES) {
            var ref = new ServiceRef(namespace, role, role, s.app().port(), s.selector(role));
            var podAnnotations = new LinkedHashMap<String, String>(args.bindings().podMetricsAnnotations(
                    WorkloadSpec.PORT_NAME, "/metrics"));
            podAnnotations.put("strata.dev/settings-hash", settingsHash);
            deployments.put(role, new KubeObject(name + "-" + role, new KubeObject.Args("apps/v1", "Deployment",
                    Manifests.metadata(role, namespace, s.labels(role), Map.of()),
                    Map.of("spec", Manifests.deploymentSpec(s, role, serviceAccount, env(s, role, false),
                            podAnnotations))), afterSetup));
            var service = new KubeObject(name + "-" + role + "-service", new KubeObject.Args("v1", "Service",
                    Manifests.metadata(role, namespace, s.labels(role), args.bindings().serviceAnnotations(ref)),
                    Map.of("spec", Manifests.serviceSpec(s, role))), inNs);
            services.put(role, service);
            new KubeObject(name + "-" + role + "-pdb", new KubeObject.Args("policy/v1", "PodDisruptionBudget",
                    Manifests.metadata(role, namespace, s.labels(role), Map.of()),
                    Map.of("spec", Manifests.podDisruptionBudgetSpec(s, role))), inNs);
            new KubeObject(name + "-" + role + "-hpa", new KubeObject.Args("autoscaling/v2",
                    "HorizontalPodAutoscaler", Manifests.metadata(role, namespace, s.labels(role), Map.of()),
                    Map.of("spec", Manifests.autoscalerSpec(s, role))), inNs);
            var extra = new ArrayList<KubeManifest>(args.bindings().serviceAttachments(ref));
            extra.addAll(args.bindings().metricsScrape(ref, WorkloadSpec.PORT_NAME, "/metrics"));
            for (KubeManifest m : extra) {
                var fields = new LinkedHashMap<String, Object>();
                m.fields().forEach((k, v) -> fields.put(k, Outputs.resolve(v)));
                new KubeObject(name + "-" + role + "-" + m.kind().toLowerCase(java.util.Locale.ROOT),
                        new KubeObject.Args(m.apiVersion(), m.kind(),
                                Manifests.metadata(m.name(), namespace, s.labels(role), Map.of()), fields), inNs);
            }
        }
        registerOutputs(Map.of("namespace", Output.of(namespace)));
    }

    /** The environment of a role: identity, port, settings, and database credentials from the Secret. */
    static List<Map<String, Object>> env(WorkloadSpec s, String role, boolean migrateOnly) {
        var env = new ArrayList<Map<String, Object>>();
        env.add(Map.of("name", "ROLE", "value", role));
        env.add(Map.of("name", "PORT", "value", String.valueOf(s.app().port())));
        if (migrateOnly) {
            env.add(Map.of("name", "MIGRATE_ONLY", "value", "true"));
        }
        for (String key : List.of("DATABASE_URL", "DATABASE_USER", "DATABASE_PASSWORD")) {
            if (!role.equals("web")) {
                env.add(Map.of("name", key, "valueFrom", Map.of("secretKeyRef", Map.of("name", "database", "key", key))));
            }
        }
        var settingsKeys = new ArrayList<>(s.app().secretEnv() ? List.of() : s.app().env().keySet());
        settingsKeys.add("API_URL");
        if (s.app().secretEnv()) {
            s.app().env().keySet().forEach(key -> env.add(Map.of("name", key, "valueFrom",
                    Map.of("secretKeyRef", Map.of("name", SECRET_ENV, "key", key)))));
        }
        settingsKeys.stream().sorted().forEach(key -> env.add(Map.of("name", key, "valueFrom",
                Map.of("configMapKeyRef", Map.of("name", "settings", "key", key)))));
        return env;
    }

    private void networkPolicies(String name, WorkloadSpec s, WorkloadBindings b, CustomResourceOptions opts) {
        policy(name + "-deny-all", "deny-all", s, Output.of(Manifests.denyAll()), opts);
        policy(name + "-allow-dns", "allow-dns", s, Output.of(Manifests.allowDns()), opts);
        policy(name + "-web-ingress", "web-ingress", s, b.loadBalancerSourceCidrs().applyValue(lb ->
                Manifests.allowIngress(s, "web", lb, List.of())), opts);
        policy(name + "-api-ingress", "api-ingress", s, b.loadBalancerSourceCidrs().applyValue(lb ->
                Manifests.allowIngress(s, "api", lb, List.of("web"))), opts);
        policy(name + "-web-to-api", "web-to-api", s, Output.of(Manifests.allowToRole(s, "web", "api")), opts);
        policy(name + "-api-to-database", "api-to-database", s, b.databaseCidrs().applyValue(db ->
                Manifests.allowToDatabase(s, "api", db)), opts);
        policy(name + "-migrate-to-database", "migrate-to-database", s, b.databaseCidrs().applyValue(db ->
                Manifests.allowToDatabase(s, "migrate", db)), opts);
        var roles = Map.of("web", s.selector("web"), "api", s.selector("api"), "migrate", s.selector("migrate"));
        b.cloudNetworkPolicies(roles).forEach((policyName, spec) -> policy(name + "-" + policyName, policyName, s,
                spec, opts));
    }

    private void policy(String resourceName, String name, WorkloadSpec s, Output<Map<String, Object>> spec,
                        CustomResourceOptions opts) {
        new KubeObject(resourceName, new KubeObject.Args("networking.k8s.io/v1", "NetworkPolicy",
                Manifests.metadata(name, namespace, Map.of("app.kubernetes.io/part-of", s.partOf()), Map.of()),
                Map.of("spec", spec)), opts);
    }

    /** The Service of each role, for the platform's edge to attach. */
    public Map<String, Resource> services() {
        return services;
    }

    public String namespace() {
        return namespace;
    }
}
