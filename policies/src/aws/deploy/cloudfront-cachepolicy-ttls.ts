import { resourcePolicy } from "../../lib/policy";

/** CloudFront refuses a cache policy unless MinTTL <= DefaultTTL <= MaxTTL (CachePolicyConfig, CloudFront API reference). */
export const policy = resourcePolicy({
    name: "aws-cloudfront-cachepolicy-ttl-order",
    description: "CloudFront cache policies must keep minTtl <= defaultTtl <= maxTtl or the API refuses them; set the three TTLs in order.",
    enforcementLevel: "mandatory",
    types: ["aws:cloudfront/cachePolicy:CachePolicy"],
    check: (p) => [
        () => (p.defaultTtl !== undefined && p.minTtl !== undefined && p.minTtl > p.defaultTtl ? `minTtl ${p.minTtl} exceeds defaultTtl ${p.defaultTtl}.` : undefined),
        () => (p.defaultTtl !== undefined && p.maxTtl !== undefined && p.defaultTtl > p.maxTtl ? `defaultTtl ${p.defaultTtl} exceeds maxTtl ${p.maxTtl}.` : undefined),
    ],
});
