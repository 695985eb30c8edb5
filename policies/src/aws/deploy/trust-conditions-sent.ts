import { Finding, resourcePolicy } from "../../lib/policy";
import { asList, json } from "../../lib/props";

/**
 * A trust policy whose conditions test what the service never sends makes the role unassumable:
 * - web identity (OIDC) principals are assumed with sts:AssumeRoleWithWebIdentity, and the token carries
 *   "<issuer>:aud" and "<issuer>:sub" keys of that issuer; an EKS service-account token's aud is
 *   sts.amazonaws.com and its sub system:serviceaccount:<namespace>:<name> (docs.aws.amazon.com/eks/latest/
 *   userguide/associate-service-account-role.html); GitHub's sub starts with repo: (docs.github.com, OIDC
 *   in AWS);
 * - EKS Pod Identity (pods.eks.amazonaws.com) calls sts:AssumeRole and sts:TagSession, both must be allowed
 *   (docs.aws.amazon.com/eks/latest/userguide/pod-id-role.html).
 */
export const policy = resourcePolicy({
    name: "aws-iam-role-trust-matches-service",
    description: "Trust policies must test only what the service sends; allow OIDC principals with sts:AssumeRoleWithWebIdentity and that issuer's aud/sub keys (EKS: aud sts.amazonaws.com, sub system:serviceaccount:<ns>:<name>; GitHub: sub repo:...), EKS Pod Identity with sts:AssumeRole and sts:TagSession.",
    enforcementLevel: "mandatory",
    types: ["aws:iam/role:Role"],
    check: (p) => asList(json(p.assumeRolePolicy)?.Statement).filter((s: any) => s.Effect === "Allow").map((s: any) => (): Finding => {
        const out: Finding[] = [];
        const actions = asList(s.Action);
        const federated = asList(s.Principal?.Federated).map(String);
        if (asList(s.Principal?.Service).includes("pods.eks.amazonaws.com")) {
            ["sts:AssumeRole", "sts:TagSession"].filter((a) => !actions.includes(a))
                .forEach((a) => out.push(`EKS Pod Identity trust does not allow ${a}.`));
        }
        for (const provider of federated) {
            const issuer = provider.includes("token.actions.githubusercontent.com") ? "token.actions.githubusercontent.com"
                : /oidc-provider\/(.+)$/.exec(provider)?.[1];
            if (!actions.includes("sts:AssumeRoleWithWebIdentity")) {
                out.push(`the OIDC principal ${provider} is assumed with sts:AssumeRoleWithWebIdentity, which the statement does not allow.`);
            }
            for (const [op, conds] of Object.entries(s.Condition ?? {})) {
                for (const [key, value] of Object.entries(conds as Record<string, any>)) {
                    const m = /^(.+):(aud|sub|amr|azp|oaths)$/.exec(key);
                    if (issuer && m && m[1] !== issuer && !key.startsWith("aws:")) {
                        out.push(`condition ${op} ${key} names another issuer than ${issuer}.`);
                    }
                    if (!m || !m[1].includes("oidc.eks.")) {
                        continue;
                    }
                    const values = asList(value).map(String);
                    if (m[2] === "aud" && values.some((v) => v !== "sts.amazonaws.com")) {
                        out.push(`EKS service-account tokens have aud sts.amazonaws.com, not ${values.join(", ")}.`);
                    }
                    if (m[2] === "sub" && values.some((v) => !v.startsWith("system:serviceaccount:"))) {
                        out.push(`EKS service-account tokens have sub system:serviceaccount:<ns>:<name>, not ${values.join(", ")}.`);
                    }
                }
            }
            if (issuer === "token.actions.githubusercontent.com") {
                const subs = [...asList(s.Condition?.StringEquals?.[`${issuer}:sub`]), ...asList(s.Condition?.StringLike?.[`${issuer}:sub`])];
                subs.filter((v) => !String(v).startsWith("repo:")).forEach((v) => out.push(`GitHub subjects start with repo:, not ${v}.`));
            }
        }
        return out;
    }),
});
