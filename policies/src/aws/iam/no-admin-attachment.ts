import { resourcePolicy } from "../../lib/policy";

const BROAD = ["AdministratorAccess", "PowerUserAccess", "IAMFullAccess"];

export const policy = resourcePolicy({
    name: "aws-iam-no-admin-attachment",
    description: "Roles must not get AWS's broad managed policies (AdministratorAccess, PowerUserAccess, IAMFullAccess); attach scoped policies instead.",
    enforcementLevel: "mandatory",
    types: ["aws:iam/rolePolicyAttachment:RolePolicyAttachment", "aws:iam/policyAttachment:PolicyAttachment"],
    check: (p) => (BROAD.some((b) => String(p.policyArn ?? "").endsWith(":policy/" + b))
        ? [`${p.policyArn} grants far more than any workload needs.`] : []),
});
