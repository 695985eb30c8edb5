import { Finding, resourcePolicy } from "../../lib/policy";
import { at } from "../../lib/props";

/** Node credentials stay on the node: IMDSv2 only, and a hop limit of 1 so pods cannot reach it. */
export const policy = resourcePolicy({
    name: "aws-ec2-launchtemplate-imdsv2",
    description: "Launch templates must require IMDSv2 (metadataOptions.httpTokens \"required\") with httpPutResponseHopLimit 1 so pods cannot read node credentials; give pods IRSA roles instead.",
    enforcementLevel: "mandatory",
    types: ["aws:ec2/launchTemplate:LaunchTemplate"],
    check: (p) => {
        const out: Finding[] = [];
        out.push(() => ((at(p, "metadataOptions.httpTokens") !== "required") ? "metadataOptions.httpTokens is not \"required\" (IMDSv1 allowed)." : undefined));
        const hops = at(p, "metadataOptions.httpPutResponseHopLimit");
        out.push(() => ((hops !== undefined && hops > 1) ? `metadataOptions.httpPutResponseHopLimit is ${hops}; pods could reach the metadata service.` : undefined));
        return out;
    },
});
