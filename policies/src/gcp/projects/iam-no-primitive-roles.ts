import { resourcePolicy } from "../../lib/policy";

const PRIMITIVE = ["roles/owner", "roles/editor", "roles/viewer"];

export const policy = resourcePolicy({
    name: "gcp-projects-iam-no-primitive-roles",
    description: "Project IAM grants must use predefined or custom roles, never owner, editor or viewer; grant the narrow role the member needs.",
    enforcementLevel: "mandatory",
    types: ["gcp:projects/iAMMember:IAMMember", "gcp:projects/iAMBinding:IAMBinding"],
    check: (p) => (PRIMITIVE.includes(p.role) ? [`${p.role} is a primitive role.`] : []),
});
