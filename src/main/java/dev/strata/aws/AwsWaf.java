package dev.strata.aws;

import com.pulumi.aws.wafv2.WebAcl;
import com.pulumi.aws.wafv2.WebAclArgs;
import com.pulumi.aws.wafv2.inputs.WebAclDefaultActionAllowArgs;
import com.pulumi.aws.wafv2.inputs.WebAclDefaultActionArgs;
import com.pulumi.aws.wafv2.inputs.WebAclRuleActionArgs;
import com.pulumi.aws.wafv2.inputs.WebAclRuleActionBlockArgs;
import com.pulumi.aws.wafv2.inputs.WebAclRuleArgs;
import com.pulumi.aws.wafv2.inputs.WebAclRuleOverrideActionArgs;
import com.pulumi.aws.wafv2.inputs.WebAclRuleOverrideActionNoneArgs;
import com.pulumi.aws.wafv2.inputs.WebAclRuleStatementArgs;
import com.pulumi.aws.wafv2.inputs.WebAclRuleStatementManagedRuleGroupStatementArgs;
import com.pulumi.aws.wafv2.inputs.WebAclRuleStatementRateBasedStatementArgs;
import com.pulumi.aws.wafv2.inputs.WebAclRuleVisibilityConfigArgs;
import com.pulumi.aws.wafv2.inputs.WebAclVisibilityConfigArgs;
import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The WAFv2 web ACL in front of CloudFront (scope CLOUDFRONT, so it lives in us-east-1): AWS managed
 * rule groups (common, known bad inputs, IP reputation) and a per-IP rate limit that blocks floods, with
 * metrics and sampled requests on every rule.
 */
public final class AwsWaf extends ComponentResource {
    public static final String TYPE = "strata:aws:AwsWaf";
    static final List<String> MANAGED_GROUPS = List.of("AWSManagedRulesCommonRuleSet",
            "AWSManagedRulesKnownBadInputsRuleSet", "AWSManagedRulesAmazonIpReputationList");

    /** @param ratePerFiveMinutes requests one IP may send in 5 minutes before it is blocked */
    record Args(int ratePerFiveMinutes, com.pulumi.aws.Provider usEast1) {
    }

    private final WebAcl acl;

    AwsWaf(String name, Args args, ComponentResourceOptions opts) {
        super(TYPE, name, opts);
        var rules = new ArrayList<WebAclRuleArgs>();
        for (int i = 0; i < MANAGED_GROUPS.size(); i++) {
            String group = MANAGED_GROUPS.get(i);
            rules.add(WebAclRuleArgs.builder()
                    .name(group)
                    .priority(i + 1)
                    .overrideAction(WebAclRuleOverrideActionArgs.builder()
                            .none(WebAclRuleOverrideActionNoneArgs.builder().build()).build())
                    .statement(WebAclRuleStatementArgs.builder().managedRuleGroupStatement(
                            WebAclRuleStatementManagedRuleGroupStatementArgs.builder()
                                    .vendorName("AWS").name(group).build()).build())
                    .visibilityConfig(visibility(group))
                    .build());
        }
        rules.add(WebAclRuleArgs.builder()
                .name("rate-limit-per-ip")
                .priority(MANAGED_GROUPS.size() + 1)
                .action(WebAclRuleActionArgs.builder().block(WebAclRuleActionBlockArgs.builder().build()).build())
                .statement(WebAclRuleStatementArgs.builder().rateBasedStatement(
                        WebAclRuleStatementRateBasedStatementArgs.builder()
                                .limit(args.ratePerFiveMinutes()).aggregateKeyType("IP").evaluationWindowSec(300)
                                .build()).build())
                .visibilityConfig(visibility("rate-limit-per-ip"))
                .build());
        this.acl = new WebAcl(name + "-acl", WebAclArgs.builder()
                .description("Edge protection of " + name)
                .scope("CLOUDFRONT")
                .defaultAction(WebAclDefaultActionArgs.builder()
                        .allow(WebAclDefaultActionAllowArgs.builder().build()).build())
                .rules(rules)
                .visibilityConfig(WebAclVisibilityConfigArgs.builder()
                        .cloudwatchMetricsEnabled(true).sampledRequestsEnabled(true).metricName(name).build())
                .build(), CustomResourceOptions.builder().parent(this).provider(args.usEast1()).build());
        registerOutputs(Map.of("webAclArn", acl.arn()));
    }

    private static WebAclRuleVisibilityConfigArgs visibility(String metric) {
        return WebAclRuleVisibilityConfigArgs.builder()
                .cloudwatchMetricsEnabled(true).sampledRequestsEnabled(true).metricName(metric).build();
    }

    public Output<String> webAclArn() {
        return acl.arn();
    }
}
