import { resourcePolicy } from "../../lib/policy";
import { asList, json } from "../../lib/props";

export const policy = resourcePolicy({
    name: "aws-iam-role-no-wildcard-principal",
    description: "Role trust policies must name who may assume the role; replace Principal \"*\" with the service, account or federated provider.",
    enforcementLevel: "mandatory",
    types: ["aws:iam/role:Role"],
    check: (p) => asList(json(p.assumeRolePolicy)?.Statement).filter((s: any) => s.Effect === "Allow")
        .filter((s: any) => s.Principal === "*" || asList(s.Principal?.AWS).includes("*"))
        .map(() => "a trust statement allows any principal."),
});
