import { resourcePolicy } from "../../lib/policy";
import { at } from "../../lib/props";

/**
 * The Compute API refuses TTL fields its cache mode does not use (BackendServiceCdnPolicy reference,
 * cloud.google.com/compute/docs/reference/rest/v1/backendServices): with USE_ORIGIN_HEADERS "you must omit"
 * defaultTtl, maxTtl and clientTtl; with FORCE_CACHE_ALL "you must omit" maxTtl. An absent cacheMode is
 * CACHE_ALL_STATIC, which takes all three. defaultTtl may not exceed maxTtl.
 */
export const policy = resourcePolicy({
    name: "gcp-compute-cdn-cache-mode-ttls",
    description: "Cloud CDN TTL fields must fit the cache mode or the API refuses the backend: omit defaultTtl, maxTtl and clientTtl with USE_ORIGIN_HEADERS, omit maxTtl with FORCE_CACHE_ALL (or use CACHE_ALL_STATIC), and keep defaultTtl at most maxTtl.",
    enforcementLevel: "mandatory",
    types: ["gcp:compute/backendService:BackendService", "gcp:compute/backendBucket:BackendBucket"],
    check: (p) => {
        const mode = () => at(p, "cdnPolicy.cacheMode") ?? "CACHE_ALL_STATIC";
        const set = (f: string) => at(p, `cdnPolicy.${f}`) !== undefined && at(p, `cdnPolicy.${f}`) !== null;
        return [
            ...["defaultTtl", "maxTtl", "clientTtl"].map((f) => () =>
                (mode() === "USE_ORIGIN_HEADERS" && set(f) ? `cdnPolicy.${f} is set with cacheMode USE_ORIGIN_HEADERS.` : undefined)),
            () => (mode() === "FORCE_CACHE_ALL" && set("maxTtl") ? "cdnPolicy.maxTtl is set with cacheMode FORCE_CACHE_ALL." : undefined),
            () => (set("defaultTtl") && set("maxTtl") && at(p, "cdnPolicy.defaultTtl") > at(p, "cdnPolicy.maxTtl")
                ? "cdnPolicy.defaultTtl is greater than maxTtl." : undefined),
        ];
    },
});
