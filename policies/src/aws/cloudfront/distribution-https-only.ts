import { resourcePolicy } from "../../lib/policy";
import { asList, at } from "../../lib/props";

const SECURE = ["redirect-to-https", "https-only"];

export const policy = resourcePolicy({
    name: "aws-cloudfront-distribution-https-only",
    description: "Viewers must use HTTPS; set viewerProtocolPolicy to redirect-to-https or https-only on every cache behavior.",
    enforcementLevel: "mandatory",
    types: ["aws:cloudfront/distribution:Distribution"],
    check: (p) => {
        const behaviors = [{ pathPattern: "default", viewerProtocolPolicy: at(p, "defaultCacheBehavior.viewerProtocolPolicy") },
            ...asList(p.orderedCacheBehaviors)];
        return behaviors.filter((b) => !SECURE.includes(b.viewerProtocolPolicy))
            .map((b) => `cache behavior ${b.pathPattern} allows plain HTTP (${b.viewerProtocolPolicy}).`);
    },
});
