import { resourcePolicy } from "../../lib/policy";
import { asList } from "../../lib/props";

const BROAD = ["AdministratorAccess", "PowerUserAccess", "IAMFullAccess"];
const broad = (arn: any) => BROAD.some((b) => String(arn ?? "").endsWith(":policy/" + b));

export const policy = resourcePolicy({
    name: "aws-iam-no-admin-attachment",
    description: "Roles, users and groups must not get AWS's broad managed policies (AdministratorAccess, PowerUserAccess, IAMFullAccess), by attachment or in a Role's managedPolicyArns; attach scoped policies instead.",
    enforcementLevel: "mandatory",
    types: ["aws:iam/rolePolicyAttachment:RolePolicyAttachment", "aws:iam/policyAttachment:PolicyAttachment",
        "aws:iam/userPolicyAttachment:UserPolicyAttachment", "aws:iam/groupPolicyAttachment:GroupPolicyAttachment",
        "aws:iam/role:Role"],
    check: (p, _ctx, r) => (r.type === "aws:iam/role:Role"
        ? asList(p.managedPolicyArns).map((arn) => () => (broad(arn) ? `${arn} grants far more than any workload needs.` : undefined))
        : (broad(p.policyArn) ? `${p.policyArn} grants far more than any workload needs.` : undefined)),
});
