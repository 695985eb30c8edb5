import { resourcePolicy } from "../../lib/policy";
import { asList, at, isSet, opensInternet } from "../../lib/props";

/**
 * Deny rules from anywhere are fine (that is the default deny); allow rules from the internet are not. An
 * INGRESS firewall with no sourceRanges, sourceTags or sourceServiceAccounts applies to 0.0.0.0/0
 * (cloud.google.com/firewall/docs/firewalls: "If you don't specify a source, Google Cloud uses 0.0.0.0/0");
 * firewall policy rules (network, regional, hierarchical) are checked the same way on match.srcIpRanges.
 */
export const policy = resourcePolicy({
    name: "gcp-compute-firewall-no-open-ingress",
    description: "Firewall rules and firewall policy rules must not allow ingress from the internet (0.0.0.0/0, ::/0, ranges covering it, or no source at all); allow the Google front-end ranges, a tag or a private range instead.",
    enforcementLevel: "mandatory",
    types: ["gcp:compute/firewall:Firewall", "gcp:compute/networkFirewallPolicyRule:NetworkFirewallPolicyRule",
        "gcp:compute/regionNetworkFirewallPolicyRule:RegionNetworkFirewallPolicyRule", "gcp:compute/firewallPolicyRule:FirewallPolicyRule"],
    check: (p, _ctx, r) => {
        if (r.type === "gcp:compute/firewall:Firewall") {
            if ((p.direction ?? "INGRESS") !== "INGRESS" || asList(p.allows).length === 0) {
                return undefined;
            }
            const noSource = !isSet(p, "sourceRanges") && !isSet(p, "sourceTags") && !isSet(p, "sourceServiceAccounts");
            return noSource || opensInternet(asList(p.sourceRanges))
                ? `allows ${asList(p.allows).map((a: any) => a.protocol + ":" + asList(a.ports).join(",")).join(" ")} from the internet${noSource ? " (no source given)" : ""}.`
                : undefined;
        }
        if (String(p.action) !== "allow" || (p.direction ?? "INGRESS") !== "INGRESS") {
            return undefined;
        }
        const ranges = asList(at(p, "match.srcIpRanges"));
        const otherSource = isSet(p, "match.srcSecureTags") || isSet(p, "match.srcAddressGroups") || isSet(p, "match.srcFqdns")
            || isSet(p, "match.srcRegionCodes") || isSet(p, "match.srcThreatIntelligences");
        return opensInternet(ranges) || (ranges.length === 0 && !otherSource) ? "the policy rule allows ingress from the internet." : undefined;
    },
});
