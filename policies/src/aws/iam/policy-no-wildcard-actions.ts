import { Finding, resourcePolicy } from "../../lib/policy";
import { asList, json } from "../../lib/props";

export const policy = resourcePolicy({
    name: "aws-iam-policy-no-wildcard-actions",
    description: "IAM policies must not allow every action (\"*\" or \"*:*\") or use Allow with NotAction; list the actions the role needs.",
    enforcementLevel: "mandatory",
    types: ["aws:iam/rolePolicy:RolePolicy", "aws:iam/policy:Policy", "aws:iam/userPolicy:UserPolicy",
        "aws:iam/groupPolicy:GroupPolicy"],
    check: (p) => asList(json(p.policy)?.Statement).filter((s: any) => s.Effect === "Allow").flatMap((s: any) => {
        const out: Finding[] = [];
        out.push(() => ((asList(s.Action).some((a) => a === "*" || a === "*:*")) ? `statement ${s.Sid ?? ""} allows every action.`.replace("  ", " ") : undefined));
        out.push(() => ((s.NotAction) ? `statement ${s.Sid ?? ""} allows with NotAction.`.replace("  ", " ") : undefined));
        return out;
    }),
});
