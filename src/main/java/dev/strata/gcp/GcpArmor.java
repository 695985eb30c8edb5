package dev.strata.gcp;

import com.pulumi.core.Output;
import com.pulumi.gcp.compute.SecurityPolicy;
import com.pulumi.gcp.compute.SecurityPolicyArgs;
import com.pulumi.gcp.compute.inputs.SecurityPolicyAdvancedOptionsConfigArgs;
import com.pulumi.gcp.compute.inputs.SecurityPolicyRuleArgs;
import com.pulumi.gcp.compute.inputs.SecurityPolicyRuleMatchArgs;
import com.pulumi.gcp.compute.inputs.SecurityPolicyRuleMatchConfigArgs;
import com.pulumi.gcp.compute.inputs.SecurityPolicyRuleMatchExprArgs;
import com.pulumi.gcp.compute.inputs.SecurityPolicyRuleRateLimitOptionsArgs;
import com.pulumi.gcp.compute.inputs.SecurityPolicyRuleRateLimitOptionsRateLimitThresholdArgs;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import dev.strata.platform.ResourceOpts;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The Cloud Armor policy of the edge: the preconfigured WAF rule sets (SQL injection, XSS, local file
 * inclusion, remote code execution, scanners, protocol attacks) deny with 403; a per-IP rate limit bans
 * floods with 429; everything else is allowed. Verbose logging for investigations.
 */
public final class GcpArmor extends ComponentResource {
    public static final String TYPE = "strata:gcp:GcpArmor";
    static final List<String> WAF_RULES = List.of("sqli-v33-stable", "xss-v33-stable", "lfi-v33-stable",
            "rce-v33-stable", "scannerdetection-v33-stable", "protocolattack-v33-stable");

    /** Paranoia level of every preconfigured rule set (1 = fewest false positives). */
    static final int SENSITIVITY = 1;

    /** @param requestsPerMinute requests one IP may send per minute before it is throttled */
    record Args(int requestsPerMinute) {
    }

    private final SecurityPolicy policy;

    GcpArmor(String name, Args args, ComponentResourceOptions opts) {
        super(TYPE, name, opts);
        var rules = new ArrayList<SecurityPolicyRuleArgs>();
        for (int i = 0; i < WAF_RULES.size(); i++) {
            rules.add(SecurityPolicyRuleArgs.builder()
                    .priority(1000 + i)
                    .action("deny(403)")
                    .description("preconfigured WAF " + WAF_RULES.get(i))
                    .match(SecurityPolicyRuleMatchArgs.builder().expr(SecurityPolicyRuleMatchExprArgs.builder()
                            .expression(wafExpression(WAF_RULES.get(i))).build()).build())
                    .build());
        }
        rules.add(SecurityPolicyRuleArgs.builder()
                .priority(2000)
                .action("rate_based_ban")
                .description("per-IP rate limit")
                .match(allIps())
                .rateLimitOptions(SecurityPolicyRuleRateLimitOptionsArgs.builder()
                        .conformAction("allow").exceedAction("deny(429)").enforceOnKey("IP")
                        .rateLimitThreshold(threshold(args.requestsPerMinute()))
                        .banThreshold(com.pulumi.gcp.compute.inputs.SecurityPolicyRuleRateLimitOptionsBanThresholdArgs
                                .builder().count(args.requestsPerMinute() * 2).intervalSec(60).build())
                        .banDurationSec(300)
                        .build())
                .build());
        rules.add(SecurityPolicyRuleArgs.builder()
                .priority(2147483647).action("allow").description("default allow").match(allIps()).build());
        this.policy = new SecurityPolicy(name + "-policy", SecurityPolicyArgs.builder()
                .description("Edge protection of " + name)
                .type("CLOUD_ARMOR")
                .rules(rules)
                .advancedOptionsConfig(SecurityPolicyAdvancedOptionsConfigArgs.builder()
                        .jsonParsing("STANDARD").logLevel("VERBOSE").build())
                .build(), ResourceOpts.child(this));
        registerOutputs(Map.of("policy", policy.id()));
    }

    /**
     * A preconfigured rule set at an explicit sensitivity: without one the API's default applies (and has
     * changed); level 1 evaluates only the high-confidence signatures, so ordinary JSON bodies such as the
     * counter's {@code POST /api/counter} pass
     * (https://cloud.google.com/armor/docs/waf-rules#sensitivity_levels).
     */
    static String wafExpression(String ruleSet) {
        return "evaluatePreconfiguredWaf('" + ruleSet + "', {'sensitivity': " + SENSITIVITY + "})";
    }

    private static SecurityPolicyRuleMatchArgs allIps() {
        return SecurityPolicyRuleMatchArgs.builder().versionedExpr("SRC_IPS_V1")
                .config(SecurityPolicyRuleMatchConfigArgs.builder().srcIpRanges("*").build()).build();
    }

    private static SecurityPolicyRuleRateLimitOptionsRateLimitThresholdArgs threshold(int perMinute) {
        return SecurityPolicyRuleRateLimitOptionsRateLimitThresholdArgs.builder().count(perMinute).intervalSec(60)
                .build();
    }

    public Output<String> policyId() {
        return policy.id();
    }
}
