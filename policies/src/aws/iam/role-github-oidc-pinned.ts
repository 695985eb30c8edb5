import { Finding, resourcePolicy } from "../../lib/policy";
import { asList, json } from "../../lib/props";

const ISSUER = "token.actions.githubusercontent.com";

/** A GitHub OIDC trust without an exact subject lets any repository on GitHub assume the role. */
export const policy = resourcePolicy({
    name: "aws-iam-role-github-oidc-pinned",
    description: "Roles trusted by GitHub Actions OIDC must pin the repository and branch or environment with StringEquals on token.actions.githubusercontent.com:sub (repo:<owner>/<name>:ref:refs/heads/<branch> or repo:<owner>/<name>:environment:<env>) and the audience sts.amazonaws.com.",
    enforcementLevel: "mandatory",
    types: ["aws:iam/role:Role"],
    check: (p) => asList(json(p.assumeRolePolicy)?.Statement)
        // GitHub's statements: the provider in the principal, or (its ARN unknown in a preview that creates it)
        // a condition on the issuer's keys
        .filter((s: any) => JSON.stringify(s.Principal ?? {}).includes(ISSUER)
            || Object.values(s.Condition ?? {}).some((keys: any) => Object.keys(keys ?? {}).some((k) => k.startsWith(`${ISSUER}:`))))
        .flatMap((s: any) => {
            const eq = s.Condition?.StringEquals ?? {};
            const out: Finding[] = [];
            const sub = asList(eq[`${ISSUER}:sub`]);
            out.push(() => ((sub.length === 0 || sub.some((v) => !/^repo:[^*?:]+\/[^*?:]+:(ref:refs\/heads\/[^*?]+|environment:[^*?]+)$/.test(v))) ? "the GitHub subject is not pinned to one repository and branch or environment." : undefined));
            out.push(() => ((s.Condition?.StringLike?.[`${ISSUER}:sub`]) ? "the GitHub subject is matched with StringLike wildcards." : undefined));
            out.push(() => ((eq[`${ISSUER}:aud`] !== "sts.amazonaws.com") ? "the audience is not pinned to sts.amazonaws.com." : undefined));
            return out;
        }),
});
