package dev.strata.gcp;

import dev.strata.support.Props;
import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResourceOptions;
import dev.strata.config.Cloud;
import dev.strata.config.StackConfig;
import dev.strata.support.Fixtures;
import dev.strata.support.MockRun;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static dev.strata.support.Props.list;
import static dev.strata.support.Props.map;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GcpEdgeTest {

    private static MockRun.Recorded build(StackConfig cfg) {
        return build(cfg, GcpFixture.ZONES);
    }

    private static MockRun.Recorded build(StackConfig cfg, List<String> zones) {
        return MockRun.run(cfg, ctx -> new GcpEdge("edge", new GcpEdge.Args(GcpFixture.PROJECT, cfg.edge(), 8080,
                "/health/ready", "strata-dev", Output.of(zones), Output.of("armor-policy"), Map.of()),
                ComponentResourceOptions.Empty));
    }

    /** A backend that names a NEG in a zone without nodes is refused: the zones come from the cluster. */
    @Test
    void negBackendsFollowTheZonesHandedInNotAFixedList() {
        var web = build(GcpFixture.dev(), List.of("us-central1-f", "us-central1-b")).mocks()
                .inputs("gcp:compute/backendService:BackendService", "edge-web");
        var groups = list(web.get("backends")).stream().map(b -> map(b).get("group")).toList();
        assertEquals(List.of(GcpEdge.negId("strata-dev-4711", "us-central1-b", "strata-dev-web"),
                GcpEdge.negId("strata-dev-4711", "us-central1-f", "strata-dev-web")), groups);
    }

    @Test
    void webCacheModeHonoursTheOriginsCacheControlAndAcceptsItsTtlFields() {
        var web = build(GcpFixture.dev()).mocks().inputs("gcp:compute/backendService:BackendService", "edge-web");
        var cdn = map(web.get("cdnPolicy"));
        assertEquals("CACHE_ALL_STATIC", cdn.get("cacheMode"));
        assertEquals(List.of(), GcpCloudRules.cdnPolicyViolations(cdn));
        // the rule itself: FORCE_CACHE_ALL with maxTtl is what the API refused
        assertFalse(GcpCloudRules.cdnPolicyViolations(Map.of("cacheMode", "FORCE_CACHE_ALL", "maxTtl", 60)).isEmpty());
    }

    @Test
    void backendsOnZonalNegsCdnOnlyForWebArmorAndLogging() {
        var m = build(GcpFixture.dev()).mocks();
        var web = m.inputs("gcp:compute/backendService:BackendService", "edge-web");
        var api = m.inputs("gcp:compute/backendService:BackendService", "edge-api");
        assertEquals("EXTERNAL_MANAGED", web.get("loadBalancingScheme"));
        assertEquals(3, list(web.get("backends")).size(), "one NEG per zone");
        assertTrue(list(api.get("backends")).toString().contains(
                "projects/strata-dev-4711/zones/us-central1-a/networkEndpointGroups/strata-dev-api"));
        assertEquals(true, web.get("enableCdn"));
        assertEquals(false, api.get("enableCdn"));
        assertEquals(60, Props.num(map(web.get("cdnPolicy")).get("maxTtl")));
        for (var b : List.of(web, api)) {
            assertEquals("armor-policy", b.get("securityPolicy"));
            assertEquals(true, map(b.get("logConfig")).get("enable"));
        }
        var routes = m.inputs("gcp:compute/uRLMap:URLMap", "edge-routes");
        assertTrue(routes.get("pathMatchers").toString().contains("/api/*"));
        assertEquals(true, map(m.inputs("gcp:compute/uRLMap:URLMap", "edge-redirect").get("defaultUrlRedirect"))
                .get("httpsRedirect"));
        var tls = m.one("gcp:compute/sSLPolicy:SSLPolicy").inputs;
        assertEquals("TLS_1_2", tls.get("minTlsVersion"));
        assertEquals("MODERN", tls.get("profile"));
        var health = map(m.one("gcp:compute/healthCheck:HealthCheck").inputs.get("httpHealthCheck"));
        assertEquals("/health/ready", health.get("requestPath"));
        var rules = m.ofType("gcp:compute/globalForwardingRule:GlobalForwardingRule").stream()
                .map(r -> r.inputs.get("portRange")).sorted().toList();
        assertEquals(List.of("443", "80"), rules);
    }

    @Test
    void aConfiguredDomainGetsAManagedCertificate() {
        var cfg = Fixtures.config("dev", Cloud.GCP, Map.of("edgeDomain", "app.example.com"));
        var cert = build(cfg).mocks().one("gcp:compute/managedSslCertificate:ManagedSslCertificate").inputs;
        assertEquals(List.of("app.example.com"), map(cert.get("managed")).get("domains"));
        var fallback = build(GcpFixture.dev()).mocks().one("gcp:compute/managedSslCertificate:ManagedSslCertificate")
                .inputs;
        assertFalse(map(fallback.get("managed")).get("domains").toString().contains("example"));
        assertTrue(map(fallback.get("managed")).get("domains").toString().endsWith(".nip.io]"));
    }

    /**
     * Google's front ends keep idle connections to backends for 600 s; a backend that closes one first races a
     * reused request into a 502. Google asks for a backend keep-alive above 600 s, with margin (> 620 s)
     * (https://cloud.google.com/load-balancing/docs/https#timeouts_and_retries). The counter service declares
     * its idle timeout in AppConfig.IDLE_TIMEOUT.
     */
    @Test
    void theAppsIdleTimeoutOutlivesTheLoadBalancersKeepAlive() throws java.io.IOException {
        String src = java.nio.file.Files.readString(java.nio.file.Path.of(
                "app/src/main/java/dev/strata/counter/AppConfig.java"));
        var m = java.util.regex.Pattern.compile("IDLE_TIMEOUT\\s*=\\s*Duration\\.ofSeconds\\((\\d+)\\)").matcher(src);
        assertTrue(m.find(), "the app declares its HTTP idle timeout as AppConfig.IDLE_TIMEOUT");
        assertTrue(Integer.parseInt(m.group(1)) > GcpEdge.LB_BACKEND_KEEPALIVE_SECONDS + 20,
                "idle timeout " + m.group(1) + " s must exceed " + (GcpEdge.LB_BACKEND_KEEPALIVE_SECONDS + 20) + " s");
    }

    @Test
    void bothBackendsSendHstsForAYear() {
        var m = build(GcpFixture.dev()).mocks();
        for (String role : List.of("web", "api")) {
            var backend = m.inputs("gcp:compute/backendService:BackendService", "edge-" + role);
            assertEquals(List.of("Strict-Transport-Security: max-age=31536000; includeSubDomains"),
                    backend.get("customResponseHeaders"), role);
        }
    }
}
