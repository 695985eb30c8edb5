package dev.strata.aws;

import dev.strata.platform.ResourceOpts;
import com.pulumi.aws.acm.Certificate;
import com.pulumi.aws.acm.CertificateArgs;
import com.pulumi.aws.acm.CertificateValidation;
import com.pulumi.aws.acm.CertificateValidationArgs;
import com.pulumi.aws.route53.Record;
import com.pulumi.aws.route53.RecordArgs;
import com.pulumi.aws.route53.inputs.RecordAliasArgs;
import com.pulumi.aws.cloudfront.CachePolicy;
import com.pulumi.aws.cloudfront.CachePolicyArgs;
import com.pulumi.aws.cloudfront.Distribution;
import com.pulumi.aws.cloudfront.ResponseHeadersPolicy;
import com.pulumi.aws.cloudfront.ResponseHeadersPolicyArgs;
import com.pulumi.aws.cloudfront.inputs.ResponseHeadersPolicySecurityHeadersConfigArgs;
import com.pulumi.aws.cloudfront.inputs.ResponseHeadersPolicySecurityHeadersConfigContentTypeOptionsArgs;
import com.pulumi.aws.cloudfront.inputs.ResponseHeadersPolicySecurityHeadersConfigStrictTransportSecurityArgs;
import com.pulumi.aws.cloudfront.DistributionArgs;
import com.pulumi.aws.cloudfront.VpcOrigin;
import com.pulumi.aws.cloudfront.VpcOriginArgs;
import com.pulumi.aws.cloudfront.inputs.CachePolicyParametersInCacheKeyAndForwardedToOriginArgs;
import com.pulumi.aws.cloudfront.inputs.CachePolicyParametersInCacheKeyAndForwardedToOriginCookiesConfigArgs;
import com.pulumi.aws.cloudfront.inputs.CachePolicyParametersInCacheKeyAndForwardedToOriginHeadersConfigArgs;
import com.pulumi.aws.cloudfront.inputs.CachePolicyParametersInCacheKeyAndForwardedToOriginQueryStringsConfigArgs;
import com.pulumi.aws.cloudfront.inputs.DistributionDefaultCacheBehaviorArgs;
import com.pulumi.aws.cloudfront.inputs.DistributionLoggingConfigArgs;
import com.pulumi.aws.cloudfront.inputs.DistributionOrderedCacheBehaviorArgs;
import com.pulumi.aws.cloudfront.inputs.DistributionOriginArgs;
import com.pulumi.aws.cloudfront.inputs.DistributionOriginVpcOriginConfigArgs;
import com.pulumi.aws.cloudfront.inputs.DistributionRestrictionsArgs;
import com.pulumi.aws.cloudfront.inputs.DistributionRestrictionsGeoRestrictionArgs;
import com.pulumi.aws.cloudfront.inputs.DistributionViewerCertificateArgs;
import com.pulumi.aws.cloudfront.inputs.VpcOriginVpcOriginEndpointConfigArgs;
import com.pulumi.aws.cloudfront.inputs.VpcOriginVpcOriginEndpointConfigOriginSslProtocolsArgs;
import com.pulumi.aws.ec2.SecurityGroup;
import com.pulumi.aws.ec2.SecurityGroupArgs;
import com.pulumi.aws.lb.Listener;
import com.pulumi.aws.lb.ListenerArgs;
import com.pulumi.aws.lb.ListenerRule;
import com.pulumi.aws.lb.ListenerRuleArgs;
import com.pulumi.aws.lb.LoadBalancer;
import com.pulumi.aws.lb.LoadBalancerArgs;
import com.pulumi.aws.lb.TargetGroup;
import com.pulumi.aws.lb.TargetGroupArgs;
import com.pulumi.aws.lb.inputs.ListenerDefaultActionArgs;
import com.pulumi.aws.lb.inputs.ListenerRuleActionArgs;
import com.pulumi.aws.lb.inputs.ListenerRuleConditionArgs;
import com.pulumi.aws.lb.inputs.ListenerRuleConditionPathPatternArgs;
import com.pulumi.aws.lb.inputs.TargetGroupHealthCheckArgs;
import com.pulumi.aws.vpc.SecurityGroupEgressRule;
import com.pulumi.aws.vpc.SecurityGroupEgressRuleArgs;
import com.pulumi.aws.vpc.SecurityGroupIngressRule;
import com.pulumi.aws.vpc.SecurityGroupIngressRuleArgs;
import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import dev.strata.config.EdgeConfig;
import dev.strata.platform.Hsts;
import dev.strata.platform.RolloutTiming;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The edge, owned by the program end to end. An <b>internal</b> Application Load Balancer in the private
 * subnets, with one IP target group per workload role ({@code web}, {@code api}) that the workload binds
 * its Services to (TargetGroupBinding); its security group admits only CloudFront's origin-facing
 * addresses and may only reach the nodes on the application port. CloudFront reaches it through a VPC
 * origin, so the origin has no internet exposure at all. CloudFront: viewers redirected to HTTPS,
 * TLSv1.2_2021 minimum with an ACM certificate when a domain is configured, {@code /} cached briefly,
 * {@code /api/*} never cached and all methods passed through, access logs to an encrypted private bucket,
 * and the WAF web ACL ({@link AwsWaf}) attached.
 *
 * <p>Between CloudFront and the ALB the VPC origin carries HTTP over the AWS network: the ALB's own DNS
 * name cannot carry a public certificate, so HTTPS to the origin needs a private origin domain with its
 * own certificate (documented as future work in the decisions).
 */
public final class AwsEdge extends ComponentResource {
    public static final String TYPE = "strata:aws:AwsEdge";
    /** Workload roles that get a target group, in routing order. */
    public static final List<String> ROLES = List.of("web", "api");
    static final String CACHING_DISABLED = "4135ea2d-6df8-44a3-9df3-4b5a84be39ad";
    static final String ALL_VIEWER_EXCEPT_HOST_HEADER = "b689b0a8-53d0-40ab-baf2-68738e2966ac";

    /**
     * @param appPort          container port of the workload (target port)
     * @param readinessPath    target health check path
     * @param timing           the rollout timing chain: deregistration delay and health check
     * @param edgeSubnetIds    the ALB's subnets (the workload admits load balancer traffic from their ranges only)
     * @param usEast1          provider for the CloudFront-scoped certificate
     * @param webAclArn        the WAF web ACL to attach
     */
    record Args(AwsAccount account, EdgeConfig edge, boolean prod, int appPort, String readinessPath,
                dev.strata.platform.RolloutTiming timing, Output<String> vpcId, Output<List<String>> edgeSubnetIds,
                Output<String> nodeSecurityGroupId, Output<String> webAclArn, com.pulumi.aws.Provider usEast1) {
    }

    private final com.pulumi.aws.s3.BucketV2 logs;
    private final LoadBalancer alb;
    private final Map<String, TargetGroup> targetGroups = new LinkedHashMap<>();
    private final Distribution distribution;
    private final Output<String> publicUrl;

    AwsEdge(String name, Args args, ComponentResourceOptions opts) {
        super(TYPE, name, opts);
        var child = ResourceOpts.child(this);

        this.logs = SecureBucket.create(this, name + "-cdn-logs", Optional.empty(), 90, "BucketOwnerPreferred",
                args.prod());

        var albSg = new SecurityGroup(name + "-alb", SecurityGroupArgs.builder()
                .description("Internal ALB of " + name + ": from CloudFront only, to the app port of the nodes only")
                .vpcId(args.vpcId())
                .revokeRulesOnDelete(true)
                .build(), child);
        var fromCloudFront = new SecurityGroupIngressRule(name + "-alb-from-cloudfront",
                SecurityGroupIngressRuleArgs.builder()
                        .securityGroupId(albSg.id())
                        .prefixListId(args.account().cloudFrontOriginPrefixList())
                        .ipProtocol("tcp").fromPort(80).toPort(80)
                        .description("HTTP from the origin-facing addresses of CloudFront (VPC origin)")
                        .build(), child);
        new SecurityGroupEgressRule(name + "-alb-to-nodes", SecurityGroupEgressRuleArgs.builder()
                .securityGroupId(albSg.id())
                .referencedSecurityGroupId(args.nodeSecurityGroupId())
                .ipProtocol("tcp").fromPort(args.appPort()).toPort(args.appPort())
                .description("to the workload pods")
                .build(), child);
        new SecurityGroupIngressRule(name + "-nodes-from-alb", SecurityGroupIngressRuleArgs.builder()
                .securityGroupId(args.nodeSecurityGroupId())
                .referencedSecurityGroupId(albSg.id())
                .ipProtocol("tcp").fromPort(args.appPort()).toPort(args.appPort())
                .description("workload pods from the internal ALB")
                .build(), child);

        this.alb = new LoadBalancer(name + "-alb", LoadBalancerArgs.builder()
                .loadBalancerType("application")
                .internal(true)
                .subnets(args.edgeSubnetIds())
                .securityGroups(Output.all(albSg.id()))
                .dropInvalidHeaderFields(true)
                .idleTimeout(60)
                .enableDeletionProtection(args.prod())
                .build(), child);

        for (String role : ROLES) {
            targetGroups.put(role, new TargetGroup(name + "-" + role, TargetGroupArgs.builder()
                    .targetType("ip")
                    .protocol("HTTP")
                    .port(args.appPort())
                    .vpcId(args.vpcId())
                    // deregistration, then preStop, then drain: RolloutTiming derives all three from one setting
                    .deregistrationDelay(args.timing().deregistrationDelaySeconds())
                    .healthCheck(TargetGroupHealthCheckArgs.builder()
                            .enabled(true).path(args.readinessPath()).matcher("200").protocol("HTTP")
                            .interval(RolloutTiming.HEALTH_CHECK_INTERVAL_SECONDS)
                            .timeout(RolloutTiming.HEALTH_CHECK_TIMEOUT_SECONDS)
                            .healthyThreshold(RolloutTiming.HEALTHY_THRESHOLD)
                            .unhealthyThreshold(RolloutTiming.UNHEALTHY_THRESHOLD).build())
                    .tags(Map.of("role", role))
                    .build(), child));
        }
        var listener = new Listener(name + "-http", ListenerArgs.builder()
                .loadBalancerArn(alb.arn())
                .port(80).protocol("HTTP")
                .defaultActions(ListenerDefaultActionArgs.builder().type("forward")
                        .targetGroupArn(targetGroups.get("web").arn()).build())
                .build(), child);
        new ListenerRule(name + "-api", ListenerRuleArgs.builder()
                .listenerArn(listener.arn())
                .priority(10)
                .conditions(ListenerRuleConditionArgs.builder()
                        .pathPattern(ListenerRuleConditionPathPatternArgs.builder().values("/api/*").build()).build())
                .actions(ListenerRuleActionArgs.builder().type("forward")
                        .targetGroupArn(targetGroups.get("api").arn()).build())
                .build(), child);

        var vpcOrigin = new VpcOrigin(name + "-origin", VpcOriginArgs.builder()
                .vpcOriginEndpointConfig(VpcOriginVpcOriginEndpointConfigArgs.builder()
                        .name(name + "-alb")
                        .arn(alb.arn())
                        .httpPort(80).httpsPort(443)
                        .originProtocolPolicy("http-only")
                        .originSslProtocols(VpcOriginVpcOriginEndpointConfigOriginSslProtocolsArgs.builder()
                                .items("TLSv1.2").quantity(1).build())
                        .build())
                .build(), CustomResourceOptions.builder().parent(this).dependsOn(listener, fromCloudFront).build());

        var webCache = new CachePolicy(name + "-web", CachePolicyArgs.builder()
                .comment("web pages: cached briefly, nothing varies the key")
                .minTtl(0).defaultTtl(10).maxTtl(60)
                .parametersInCacheKeyAndForwardedToOrigin(CachePolicyParametersInCacheKeyAndForwardedToOriginArgs
                        .builder()
                        .enableAcceptEncodingGzip(true).enableAcceptEncodingBrotli(true)
                        .cookiesConfig(CachePolicyParametersInCacheKeyAndForwardedToOriginCookiesConfigArgs.builder()
                                .cookieBehavior("none").build())
                        .headersConfig(CachePolicyParametersInCacheKeyAndForwardedToOriginHeadersConfigArgs.builder()
                                .headerBehavior("none").build())
                        .queryStringsConfig(CachePolicyParametersInCacheKeyAndForwardedToOriginQueryStringsConfigArgs
                                .builder().queryStringBehavior("none").build())
                        .build())
                .build(), child);

        // HSTS on every answer of both behaviors (pages and /api/), overriding whatever the origin sends. CloudFront
        // adds a policy's headers to each response of the behaviors it is attached to ("Adding or removing HTTP
        // headers in CloudFront responses", CloudFront developer guide); nosniff as the app sets it, so that an
        // error page of CloudFront itself carries it too. The app's Content-Security-Policy stays the origin's.
        var securityHeaders = new ResponseHeadersPolicy(name + "-headers", ResponseHeadersPolicyArgs.builder()
                .comment("HSTS and nosniff on every answer of " + name)
                .securityHeadersConfig(ResponseHeadersPolicySecurityHeadersConfigArgs.builder()
                        .strictTransportSecurity(ResponseHeadersPolicySecurityHeadersConfigStrictTransportSecurityArgs
                                .builder()
                                .accessControlMaxAgeSec(Hsts.MAX_AGE_SECONDS).includeSubdomains(true).preload(false)
                                .override(true).build())
                        .contentTypeOptions(ResponseHeadersPolicySecurityHeadersConfigContentTypeOptionsArgs.builder()
                                .override(true).build())
                        .build())
                .build(), child);

        var viewerCertificate = viewerCertificate(name, args);
        this.distribution = new Distribution(name + "-cdn", DistributionArgs.builder()
                .enabled(true)
                .comment("edge of " + name)
                .httpVersion("http2and3")
                // IPv6 on, as the AAAA alias of a configured domain promises (an AAAA alias to a distribution with
                // IPv6 off answers nothing: Route 53 developer guide, "Routing traffic to a CloudFront distribution")
                .isIpv6Enabled(true)
                .priceClass(args.prod() ? "PriceClass_All" : "PriceClass_100")
                .aliases(args.edge().domain().map(List::of).orElse(List.of()))
                .origins(DistributionOriginArgs.builder()
                        .originId("alb")
                        .domainName(alb.dnsName())
                        .vpcOriginConfig(DistributionOriginVpcOriginConfigArgs.builder().vpcOriginId(vpcOrigin.id())
                                .originReadTimeout(30).originKeepaliveTimeout(5).build())
                        .build())
                .defaultCacheBehavior(DistributionDefaultCacheBehaviorArgs.builder()
                        .targetOriginId("alb")
                        .viewerProtocolPolicy("redirect-to-https")
                        .allowedMethods("GET", "HEAD", "OPTIONS")
                        .cachedMethods("GET", "HEAD")
                        .cachePolicyId(webCache.id())
                        .responseHeadersPolicyId(securityHeaders.id())
                        .compress(true)
                        .build())
                .orderedCacheBehaviors(DistributionOrderedCacheBehaviorArgs.builder()
                        .pathPattern("/api/*")
                        .targetOriginId("alb")
                        .viewerProtocolPolicy("https-only")
                        .allowedMethods("GET", "HEAD", "OPTIONS", "PUT", "POST", "PATCH", "DELETE")
                        .cachedMethods("GET", "HEAD")
                        .cachePolicyId(CACHING_DISABLED)
                        .originRequestPolicyId(ALL_VIEWER_EXCEPT_HOST_HEADER)
                        .responseHeadersPolicyId(securityHeaders.id())
                        .compress(true)
                        .build())
                .restrictions(DistributionRestrictionsArgs.builder().geoRestriction(
                        DistributionRestrictionsGeoRestrictionArgs.builder().restrictionType("none").build()).build())
                .viewerCertificate(viewerCertificate)
                .loggingConfig(DistributionLoggingConfigArgs.builder()
                        .bucket(logs.bucketDomainName()).prefix("cdn/").includeCookies(false).build())
                .webAclId(args.webAclArn())
                .build(), child);

        // the domain's alias to CloudFront, when the program owns its zone
        args.edge().domain().ifPresent(domain -> args.edge().route53ZoneId().ifPresent(zone -> {
            for (String type : List.of("A", "AAAA")) {
                new Record(name + "-alias-" + type.toLowerCase(java.util.Locale.ROOT), RecordArgs.builder()
                        .zoneId(zone).name(domain).type(type)
                        .aliases(RecordAliasArgs.builder().name(distribution.domainName())
                                .zoneId(distribution.hostedZoneId()).evaluateTargetHealth(false).build())
                        .build(), ResourceOpts.child(this));
            }
        }));
        this.publicUrl = args.edge().domain().map(d -> Output.of("https://" + d))
                .orElseGet(() -> distribution.domainName().applyValue(d -> "https://" + d));
        registerOutputs(Map.of("publicUrl", publicUrl, "albArn", alb.arn()));
    }

    private DistributionViewerCertificateArgs viewerCertificate(String name, Args args) {
        if (args.edge().domain().isEmpty()) {
            // the *.cloudfront.net name: CloudFront's certificate; minimum protocol is CloudFront's own
            return DistributionViewerCertificateArgs.builder().cloudfrontDefaultCertificate(true).build();
        }
        // CloudFront accepts only an issued certificate: either one issued already, or one validated here through the
        // configured hosted zone, waiting for issuance (acm.CertificateValidation) before the distribution uses it
        Output<String> certificateArn = args.edge().certificate().map(Output::of).orElseGet(() ->
                validatedCertificate(name, args));
        return DistributionViewerCertificateArgs.builder()
                .acmCertificateArn(certificateArn)
                .sslSupportMethod("sni-only")
                .minimumProtocolVersion("TLSv1.2_2021")
                .build();
    }

    /** A DNS-validated certificate in us-east-1: its validation record in the zone, and the wait for issuance. */
    private Output<String> validatedCertificate(String name, Args args) {
        String zone = args.edge().route53ZoneId().orElseThrow(() -> new IllegalArgumentException(
                "edge domain " + args.edge().domain().orElse("") + " needs a certificate ARN or a Route 53 zone"));
        var inUsEast1 = CustomResourceOptions.builder().parent(this).provider(args.usEast1()).build();
        var cert = new Certificate(name + "-cert", CertificateArgs.builder()
                .domainName(args.edge().domain().get())
                .validationMethod("DNS")
                .keyAlgorithm("EC_prime256v1")
                .build(), CustomResourceOptions.builder().parent(this).provider(args.usEast1())
                .deleteBeforeReplace(false).build());
        // one name, one validation option: ACM's record for the domain
        var option = cert.domainValidationOptions().applyValue(o -> o.get(0));
        var record = new Record(name + "-cert-validation", RecordArgs.builder()
                .zoneId(zone)
                .name(option.applyValue(o -> o.resourceRecordName().orElseThrow()))
                .type("CNAME") // ACM's DNS validation record is always a CNAME
                .records(option.applyValue(o -> List.of(o.resourceRecordValue().orElseThrow())))
                .ttl(300)
                .allowOverwrite(true)
                .build(), ResourceOpts.child(this));
        return new CertificateValidation(name + "-cert-issued", CertificateValidationArgs.builder()
                .certificateArn(cert.arn())
                .validationRecordFqdns(Output.all(record.fqdn()))
                .build(), inUsEast1).certificateArn();
    }

    public Output<String> publicUrl() {
        return publicUrl;
    }

    /** Target group ARN per workload role, for the workload's TargetGroupBindings. */
    public Map<String, Output<String>> targetGroupArns() {
        var m = new LinkedHashMap<String, Output<String>>();
        targetGroups.forEach((role, tg) -> m.put(role, tg.arn()));
        return m;
    }

    /** The access-log bucket, for backups. */
    Output<String> logBucketArn() {
        return logs.arn();
    }

    /** CloudWatch dimension values for the alarms and the dashboard. */
    Output<String> albArnSuffix() {
        return alb.arnSuffix();
    }

    Map<String, Output<String>> targetGroupArnSuffixes() {
        var m = new LinkedHashMap<String, Output<String>>();
        targetGroups.forEach((role, tg) -> m.put(role, tg.arnSuffix()));
        return m;
    }

    Output<String> distributionId() {
        return distribution.id();
    }
}
