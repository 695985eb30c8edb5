import { resourcePolicy } from "../../lib/policy";
import { asList, json } from "../../lib/props";

/**
 * IRSA trust: a role trusted by the cluster's OIDC provider must name one service account exactly
 * (StringEquals on <issuer>:sub) with the audience; a wildcard subject (StringLike "system:serviceaccount:*"
 * or any "*" / "?") lets every pod of the matched namespaces take the role.
 */
export const policy = resourcePolicy({
    name: "aws-iam-role-irsa-subject-pinned",
    description: "Roles trusted by an EKS OIDC provider must pin one service account: StringEquals on <issuer>:sub system:serviceaccount:<ns>:<name> and <issuer>:aud sts.amazonaws.com, with no wildcards.",
    enforcementLevel: "mandatory",
    types: ["aws:iam/role:Role"],
    check: (p) => asList(json(p.assumeRolePolicy)?.Statement)
        .filter((s: any) => s.Effect === "Allow" && asList(s.Principal?.Federated).some((f) => /oidc\.eks\.|oidc-provider\/oidc\.eks/.test(String(f))))
        .map((s: any) => () => {
            const out: string[] = [];
            const eq = Object.entries(s.Condition?.StringEquals ?? {});
            const like = Object.entries(s.Condition?.StringLike ?? {});
            const subs = eq.filter(([k]) => k.endsWith(":sub")).flatMap(([, v]) => asList(v));
            if (subs.length === 0) {
                out.push("no StringEquals condition on the service-account subject: any service account of the cluster can take the role.");
            }
            [...subs, ...like.filter(([k]) => k.endsWith(":sub")).flatMap(([, v]) => asList(v))].filter((v) => /[*?]/.test(String(v)))
                .forEach((v) => out.push(`the subject ${v} is a wildcard.`));
            like.filter(([k]) => k.endsWith(":sub")).forEach(([, v]) => out.push(`the subject is matched with StringLike (${asList(v).join(", ")}).`));
            if (!eq.some(([k]) => k.endsWith(":aud"))) {
                out.push("the audience is not pinned.");
            }
            return out;
        }),
});
