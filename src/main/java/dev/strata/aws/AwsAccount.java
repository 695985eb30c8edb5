package dev.strata.aws;

/**
 * Facts about the target account looked up once by {@link AwsPlatform} and handed to the components,
 * so that policies can name exact ARNs.
 *
 * @param accountId the 12-digit account id of the deploying credentials
 * @param region    the stack's region
 * @param zones     the three availability zones the stack spans (looked up, sorted)
 * @param cloudFrontOriginPrefixList id of the managed prefix list of CloudFront's origin-facing addresses
 */
record AwsAccount(String accountId, String region, java.util.List<String> zones, String cloudFrontOriginPrefixList) {
    AwsAccount {
        zones = java.util.List.copyOf(zones);
    }

    String arn(String service, String resource) {
        return "arn:aws:" + service + ":" + region + ":" + accountId + ":" + resource;
    }

    String root() {
        return "arn:aws:iam::" + accountId + ":root";
    }
}
