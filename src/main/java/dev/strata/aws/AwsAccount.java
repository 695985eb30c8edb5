package dev.strata.aws;

/**
 * Facts about the target account looked up once by {@link AwsPlatform} and handed to the components,
 * so that policies can name exact ARNs.
 *
 * @param accountId the 12-digit account id of the deploying credentials
 * @param region    the stack's region
 * @param zoneIds   the three availability zones the stack spans, zone name -> zone id, chosen by zone id (see
 *                  {@link Zones})
 * @param cloudFrontOriginPrefixList id of the managed prefix list of CloudFront's origin-facing addresses
 */
record AwsAccount(String accountId, String region, java.util.Map<String, String> zoneIds,
                  String cloudFrontOriginPrefixList) {
    AwsAccount {
        zoneIds = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(zoneIds));
    }

    /** The zone names, in zone-id order; subnets and resources are keyed by them. */
    java.util.List<String> zones() {
        return java.util.List.copyOf(zoneIds.keySet());
    }

    String arn(String service, String resource) {
        return "arn:aws:" + service + ":" + region + ":" + accountId + ":" + resource;
    }

    String root() {
        return "arn:aws:iam::" + accountId + ":root";
    }
}
