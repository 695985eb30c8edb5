package dev.strata.gcp;

import com.pulumi.core.Output;
import com.pulumi.gcp.compute.BackendService;
import com.pulumi.gcp.compute.BackendServiceArgs;
import com.pulumi.gcp.compute.GlobalAddress;
import com.pulumi.gcp.compute.GlobalAddressArgs;
import com.pulumi.gcp.compute.GlobalForwardingRule;
import com.pulumi.gcp.compute.GlobalForwardingRuleArgs;
import com.pulumi.gcp.compute.HealthCheck;
import com.pulumi.gcp.compute.HealthCheckArgs;
import com.pulumi.gcp.compute.ManagedSslCertificate;
import com.pulumi.gcp.compute.ManagedSslCertificateArgs;
import com.pulumi.gcp.compute.SSLPolicy;
import com.pulumi.gcp.compute.SSLPolicyArgs;
import com.pulumi.gcp.compute.TargetHttpProxy;
import com.pulumi.gcp.compute.TargetHttpProxyArgs;
import com.pulumi.gcp.compute.TargetHttpsProxy;
import com.pulumi.gcp.compute.TargetHttpsProxyArgs;
import com.pulumi.gcp.compute.URLMap;
import com.pulumi.gcp.compute.URLMapArgs;
import com.pulumi.gcp.compute.inputs.BackendServiceBackendArgs;
import com.pulumi.gcp.compute.inputs.BackendServiceCdnPolicyArgs;
import com.pulumi.gcp.compute.inputs.BackendServiceLogConfigArgs;
import com.pulumi.gcp.compute.inputs.HealthCheckHttpHealthCheckArgs;
import com.pulumi.gcp.compute.inputs.ManagedSslCertificateManagedArgs;
import com.pulumi.gcp.compute.inputs.URLMapDefaultUrlRedirectArgs;
import com.pulumi.gcp.compute.inputs.URLMapHostRuleArgs;
import com.pulumi.gcp.compute.inputs.URLMapPathMatcherArgs;
import com.pulumi.gcp.compute.inputs.URLMapPathMatcherPathRuleArgs;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.Resource;
import dev.strata.config.EdgeConfig;
import dev.strata.platform.Hsts;
import dev.strata.platform.ResourceOpts;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The global external HTTPS load balancer, owned by the program: one backend service per workload role
 * on that role's standalone zonal NEGs (created by the Services the workload annotates, so this comes
 * after them), Cloud CDN on {@code web} only (caching {@code /} briefly, never {@code /api/*}), the Cloud
 * Armor policy attached, request logging; an HTTPS proxy with a Google-managed certificate (for the
 * configured domain, or {@code <ip>.nip.io} when none) and an SSL policy of TLS 1.2+ with the MODERN
 * profile; plain HTTP only redirects to HTTPS.
 */
public final class GcpEdge extends ComponentResource {
    public static final String TYPE = "strata:gcp:GcpEdge";
    public static final List<String> ROLES = List.of("web", "api");

    /** The Google front end's keep-alive to backends, fixed at 600 s; the app's idle timeout must exceed it. */
    public static final int LB_BACKEND_KEEPALIVE_SECONDS = 600;
    /**
     * Web responses are cached only as the origin's {@code Cache-Control} allows: CACHE_ALL_STATIC never caches
     * {@code private}/{@code no-store} responses (FORCE_CACHE_ALL does, and rejects maxTtl; see
     * terraform-provider-google#16935); maxTtl caps what the origin asks for.
     */
    static final String CACHE_MODE = "CACHE_ALL_STATIC";

    /**
     * @param negPrefix standalone NEG names are {@code <negPrefix>-<role>} in every zone
     * @param zones     the zones the cluster's nodes run in (read back from the cluster): the zones with NEGs
     * @param services  what each role's backend waits for (the workload's Deployment, after its Service): a backend
     *                  service naming a NEG that does not exist yet is refused, and GKE's NEG controller creates the
     *                  standalone NEGs only after the Service exists; by the time the pods are ready it has
     */
    record Args(GcpProject project, EdgeConfig edge, int appPort, String readinessPath, String negPrefix,
                Output<List<String>> zones, Output<String> securityPolicy, Map<String, Resource> services) {
    }

    private final Output<String> publicUrl;
    private final Output<String> address;

    GcpEdge(String name, Args args, ComponentResourceOptions opts) {
        super(TYPE, name, opts);
        var child = ResourceOpts.child(this);
        var p = args.project();

        var address = new GlobalAddress(name + "-ip", GlobalAddressArgs.builder()
                .addressType("EXTERNAL").ipVersion("IPV4").build(), child);
        var health = new HealthCheck(name + "-ready", HealthCheckArgs.builder()
                .checkIntervalSec(5).timeoutSec(3).healthyThreshold(2).unhealthyThreshold(2)
                .httpHealthCheck(HealthCheckHttpHealthCheckArgs.builder()
                        .portSpecification("USE_SERVING_PORT").requestPath(args.readinessPath()).build())
                .build(), child);

        var backends = new LinkedHashMap<String, BackendService>();
        for (String role : ROLES) {
            var negs = args.zones().applyValue(zones -> zones.stream().sorted().map(z -> BackendServiceBackendArgs
                    .builder()
                    .group(negId(p.projectId(), z, GcpWorkloadBindings.negName(args.negPrefix(), role)))
                    .balancingMode("RATE").maxRatePerEndpoint(200.0).build()).toList());
            var b = BackendServiceArgs.builder()
                    .loadBalancingScheme("EXTERNAL_MANAGED")
                    .protocol("HTTP")
                    .timeoutSec(30)
                    .connectionDrainingTimeoutSec(30)
                    .healthChecks(health.id())
                    .backends(negs)
                    .securityPolicy(args.securityPolicy())
                    .logConfig(BackendServiceLogConfigArgs.builder().enable(true).sampleRate(1.0).build())
                    // HSTS on every answer of both backends, added by the load balancer ("Create custom headers in
                    // backend services", Cloud Load Balancing docs: global external Application Load Balancers)
                    .customResponseHeaders(Hsts.HEADER + ": " + Hsts.VALUE)
                    .enableCdn(role.equals("web"));
            if (role.equals("web")) {
                b.cdnPolicy(BackendServiceCdnPolicyArgs.builder().cacheMode(CACHE_MODE)
                        .defaultTtl(10).clientTtl(10).maxTtl(60).negativeCaching(false).build());
            }
            List<Resource> after = new ArrayList<>();
            if (args.services().get(role) != null) {
                after.add(args.services().get(role));
            }
            backends.put(role, new BackendService(name + "-" + role, b.build(),
                    CustomResourceOptions.builder().parent(this).dependsOn(after).build()));
        }

        var urlMap = new URLMap(name + "-routes", URLMapArgs.builder()
                .defaultService(backends.get("web").id())
                .hostRules(URLMapHostRuleArgs.builder().hosts("*").pathMatcher("paths").build())
                .pathMatchers(URLMapPathMatcherArgs.builder().name("paths").defaultService(backends.get("web").id())
                        .pathRules(URLMapPathMatcherPathRuleArgs.builder().paths("/api/*")
                                .service(backends.get("api").id()).build())
                        .build())
                .build(), child);
        var sslPolicy = new SSLPolicy(name + "-tls", SSLPolicyArgs.builder()
                .profile("MODERN").minTlsVersion("TLS_1_2").build(), child);

        Output<String> domain = args.edge().domain().map(Output::of)
                .orElseGet(() -> address.address().applyValue(ip -> ip + ".nip.io"));
        Output<String> certificate = args.edge().certificate()
                .map(c -> Output.of("projects/" + p.projectId() + "/global/sslCertificates/" + c))
                .orElseGet(() -> new ManagedSslCertificate(name + "-cert", ManagedSslCertificateArgs.builder()
                        .managed(ManagedSslCertificateManagedArgs.builder().domains(domain.applyValue(List::of))
                                .build())
                        .build(), child).id());
        var https = new TargetHttpsProxy(name + "-https", TargetHttpsProxyArgs.builder()
                .urlMap(urlMap.id()).sslCertificates(certificate.applyValue(List::of)).sslPolicy(sslPolicy.id())
                .quicOverride("ENABLE")
                .build(), child);
        new GlobalForwardingRule(name + "-https", GlobalForwardingRuleArgs.builder()
                .loadBalancingScheme("EXTERNAL_MANAGED").ipProtocol("TCP").portRange("443")
                .ipAddress(address.id()).target(https.id())
                .build(), child);

        var redirect = new URLMap(name + "-redirect", URLMapArgs.builder()
                .defaultUrlRedirect(URLMapDefaultUrlRedirectArgs.builder().httpsRedirect(true)
                        .redirectResponseCode("MOVED_PERMANENTLY_DEFAULT").stripQuery(false).build())
                .build(), child);
        var http = new TargetHttpProxy(name + "-http", TargetHttpProxyArgs.builder().urlMap(redirect.id()).build(),
                child);
        new GlobalForwardingRule(name + "-http", GlobalForwardingRuleArgs.builder()
                .loadBalancingScheme("EXTERNAL_MANAGED").ipProtocol("TCP").portRange("80")
                .ipAddress(address.id()).target(http.id())
                .build(), child);

        this.publicUrl = domain.applyValue(d -> "https://" + d);
        this.address = address.address();
        registerOutputs(Map.of("publicUrl", publicUrl));
    }

    static String negId(String project, String zone, String neg) {
        return "projects/" + project + "/zones/" + zone + "/networkEndpointGroups/" + neg;
    }

    /** The edge's global IPv4 address: the A record of the configured domain points here. */
    public Output<String> address() {
        return address;
    }

    public Output<String> publicUrl() {
        return publicUrl;
    }
}
