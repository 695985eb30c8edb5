import { resourcePolicy } from "../../lib/policy";
import { asList, OPEN_CIDRS } from "../../lib/props";

/** Deny rules from anywhere are fine (that is the default deny); allow rules from anywhere are not. */
export const policy = resourcePolicy({
    name: "gcp-compute-firewall-no-open-ingress",
    description: "Firewall rules must not allow ingress from 0.0.0.0/0; allow the Google front-end ranges, a tag or a private range instead.",
    enforcementLevel: "mandatory",
    types: ["gcp:compute/firewall:Firewall"],
    check: (p) => ((p.direction ?? "INGRESS") === "INGRESS" && asList(p.allows).length > 0
        && asList(p.sourceRanges).some((c) => OPEN_CIDRS.includes(c))
        ? [`allows ${asList(p.allows).map((a: any) => a.protocol + ":" + asList(a.ports).join(",")).join(" ")} from the internet.`]
        : []),
});
