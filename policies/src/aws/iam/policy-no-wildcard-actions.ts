import { resourcePolicy } from "../../lib/policy";
import { asList, json } from "../../lib/props";

/** Every policy document of the resource: the policy input, or a Role's inline policies. */
function documents(p: Record<string, any>, type: string): any[] {
    return type === "aws:iam/role:Role" ? asList(p.inlinePolicies).map((i: any) => () => i.policy) : [() => p.policy];
}

export const policy = resourcePolicy({
    name: "aws-iam-policy-no-wildcard-actions",
    description: "IAM policies (inline role policies included) must not allow every action (\"*\", \"*:*\"), every IAM action on every resource (\"iam:*\" on \"*\"), or use Allow with NotAction; list the actions the role needs.",
    enforcementLevel: "mandatory",
    types: ["aws:iam/rolePolicy:RolePolicy", "aws:iam/policy:Policy", "aws:iam/userPolicy:UserPolicy",
        "aws:iam/groupPolicy:GroupPolicy", "aws:iam/role:Role"],
    check: (p, _ctx, r) => documents(p, r.type).map((doc) => () => asList(json(doc())?.Statement)
        .filter((s: any) => s.Effect === "Allow").map((s: any) => () => {
            const sid = s.Sid ? ` ${s.Sid}` : "";
            const actions = asList(s.Action).map(String);
            return [
                actions.some((a) => a === "*" || a === "*:*") ? `statement${sid} allows every action.` : undefined,
                actions.some((a) => /^iam:\*$/i.test(a)) && asList(s.Resource).includes("*") ? `statement${sid} allows every IAM action on every resource.` : undefined,
                s.NotAction ? `statement${sid} allows with NotAction.` : undefined,
            ];
        })),
});
