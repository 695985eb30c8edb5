package dev.strata.aws;

import dev.strata.support.Props;
import com.pulumi.aws.Provider;
import com.pulumi.aws.ProviderArgs;
import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResourceOptions;
import dev.strata.config.Cloud;
import dev.strata.config.StackConfig;
import dev.strata.support.Fixtures;
import dev.strata.support.MockRun;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static dev.strata.support.Props.num;
import static dev.strata.support.Props.list;
import static dev.strata.support.Props.map;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AwsEdgeTest {

    private static MockRun.Recorded build(StackConfig cfg) {
        return MockRun.run(cfg, ctx -> {
            var usEast1 = new Provider("use1", ProviderArgs.builder().region("us-east-1").build());
            new AwsEdge("edge", new AwsEdge.Args(AwsFixture.ACCOUNT, cfg.edge(), cfg.environment().isProd(),
                    cfg.app().port(), cfg.app().readinessPath(),
                    new dev.strata.platform.RolloutTiming(cfg.app().drainSeconds()), Output.of("vpc-1"),
                    Output.of(List.of("s1", "s2", "s3")),
                    Output.of("sg-nodes"), Output.of("arn:aws:wafv2:us-east-1:123456789012:global/webacl/x"), usEast1),
                    ComponentResourceOptions.Empty);
        });
    }

    @Test
    void internalAlbReachableOnlyFromCloudFrontAndOnlyReachingTheNodes() {
        var m = build(AwsFixture.dev()).mocks();
        var alb = m.one("aws:lb/loadBalancer:LoadBalancer").inputs;
        assertEquals(true, alb.get("internal"));
        assertEquals(true, alb.get("dropInvalidHeaderFields"));
        var in = m.inputs("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", "edge-alb-from-cloudfront");
        assertEquals("pl-3b927c52", in.get("prefixListId"));
        assertTrue(!in.containsKey("cidrIpv4"), "no CIDR ingress to the origin");
        var out = m.one("aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule").inputs;
        assertEquals("sg-nodes", out.get("referencedSecurityGroupId"));
        assertEquals(8080, num(out.get("fromPort")));

        for (String role : AwsEdge.ROLES) {
            var tg = m.inputs("aws:lb/targetGroup:TargetGroup", "edge-" + role);
            assertEquals("ip", tg.get("targetType"));
            assertEquals("/health/ready", map(tg.get("healthCheck")).get("path"));
        }
        var rule = m.one("aws:lb/listenerRule:ListenerRule").inputs;
        assertTrue(rule.get("conditions").toString().contains("/api/*"));
        var origin = map(m.one("aws:cloudfront/vpcOrigin:VpcOrigin").inputs.get("vpcOriginEndpointConfig"));
        assertTrue(String.valueOf(origin.get("arn")).contains(":edge-alb-"), "the VPC origin is the ALB: " + origin);
    }

    @Test
    void cdnRedirectsToHttpsCachesWebNotApiLogsAndHasTheWaf() {
        var m = build(AwsFixture.dev()).mocks();
        var cdn = m.one("aws:cloudfront/distribution:Distribution").inputs;
        assertEquals("arn:aws:wafv2:us-east-1:123456789012:global/webacl/x", cdn.get("webAclId"));
        var web = map(cdn.get("defaultCacheBehavior"));
        assertEquals("redirect-to-https", web.get("viewerProtocolPolicy"));
        assertEquals(true, cdn.get("isIpv6Enabled"), "the AAAA alias needs IPv6 on the distribution");
        var api = map(list(cdn.get("orderedCacheBehaviors")).get(0));
        assertEquals("/api/*", api.get("pathPattern"));
        assertEquals(AwsEdge.CACHING_DISABLED, api.get("cachePolicyId"));
        assertEquals(7, list(api.get("allowedMethods")).size());
        assertTrue(map(cdn.get("loggingConfig")).get("bucket").toString().endsWith(".s3.amazonaws.com"));
        assertTrue(map(list(cdn.get("origins")).get(0)).containsKey("vpcOriginConfig"));
        var webCache = m.one("aws:cloudfront/cachePolicy:CachePolicy").inputs;
        assertEquals(60, num(webCache.get("maxTtl")));

        var block = m.one("aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock").inputs;
        assertEquals(List.of(true, true, true, true), List.of(block.get("blockPublicAcls"), block.get("blockPublicPolicy"),
                block.get("ignorePublicAcls"), block.get("restrictPublicBuckets")));
        assertEquals("Enabled", map(m.one("aws:s3/bucketVersioningV2:BucketVersioningV2").inputs
                .get("versioningConfiguration")).get("status"));
        assertTrue(m.one("aws:s3/bucketPolicy:BucketPolicy").inputs.get("policy").toString()
                .contains("aws:SecureTransport"));
    }

    @Test
    void aDomainGetsAnAcmCertificateInUsEast1AndTls12() {
        var cfg = Fixtures.config("dev", Cloud.AWS, Map.of("edgeDomain", "app.example.com",
                "awsHostedZoneId", "Z0123456789ABCDEFGHIJ"));
        var m = build(cfg).mocks();
        var cert = m.one("aws:acm/certificate:Certificate");
        assertEquals("app.example.com", cert.inputs.get("domainName"));
        assertTrue(cert.provider.contains("use1"), "the certificate is made through the us-east-1 provider");
        var viewer = map(m.one("aws:cloudfront/distribution:Distribution").inputs.get("viewerCertificate"));
        assertEquals("TLSv1.2_2021", viewer.get("minimumProtocolVersion"));
        assertEquals("sni-only", viewer.get("sslSupportMethod"));
        assertEquals(List.of("app.example.com"), m.one("aws:cloudfront/distribution:Distribution").inputs
                .get("aliases"));
        // item 5: CloudFront only takes an issued certificate: validated through the zone, waited for
        var record = m.inputs("aws:route53/record:Record", "edge-cert-validation");
        assertEquals("Z0123456789ABCDEFGHIJ", record.get("zoneId"));
        assertEquals("CNAME", record.get("type"));
        var validation = m.one("aws:acm/certificateValidation:CertificateValidation");
        assertTrue(validation.provider.contains("use1"), "validated where the certificate lives");
        assertEquals(1, ((List<?>) validation.inputs.get("validationRecordFqdns")).size());
        assertEquals(2, m.ofType("aws:route53/record:Record").stream().filter(r -> r.name.contains("alias")).count(),
                "A and AAAA aliases to CloudFront");
    }

    @Test
    void everyBehaviorSendsHstsForAYearOverridingTheOrigin() {
        var m = build(AwsFixture.dev()).mocks();
        var policy = m.one("aws:cloudfront/responseHeadersPolicy:ResponseHeadersPolicy");
        var sts = map(map(policy.inputs.get("securityHeadersConfig")).get("strictTransportSecurity"));
        assertEquals(31_536_000, num(sts.get("accessControlMaxAgeSec")));
        assertEquals(true, sts.get("includeSubdomains"));
        assertEquals(true, sts.get("override"));
        assertEquals(false, sts.get("preload"), "preloading is the domain owner's decision, not the edge's");
        var cdn = m.one("aws:cloudfront/distribution:Distribution").inputs;
        var web = map(cdn.get("defaultCacheBehavior"));
        var api = map(list(cdn.get("orderedCacheBehaviors")).get(0));
        // the mocks' id of a resource is its name plus a hash suffix
        assertTrue(String.valueOf(web.get("responseHeadersPolicyId")).startsWith(policy.name + "-"), "pages: " + web);
        assertEquals(web.get("responseHeadersPolicyId"), api.get("responseHeadersPolicyId"), "/api/*: " + api);
    }
}
