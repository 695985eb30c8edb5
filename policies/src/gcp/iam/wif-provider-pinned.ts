import { Finding, resourcePolicy } from "../../lib/policy";

/** Without a condition, any GitHub repository can exchange its token in the pool. */
export const policy = resourcePolicy({
    name: "gcp-iam-wif-provider-pinned",
    description: "Workload Identity Federation providers for GitHub must pin the repository and branch in attributeCondition (assertion.repository == '<owner>/<name>' && assertion.ref == 'refs/heads/<branch>').",
    enforcementLevel: "mandatory",
    types: ["gcp:iam/workloadIdentityPoolProvider:WorkloadIdentityPoolProvider"],
    check: (p) => {
        const issuer = String(p.oidc?.issuerUri ?? "");
        if (!issuer.includes("token.actions.githubusercontent.com")) {
            return [];
        }
        const cond = String(p.attributeCondition ?? "");
        const out: Finding[] = [];
        out.push(() => ((!/assertion\.repository\s*==\s*'[^'*]+\/[^'*]+'/.test(cond)) ? "the repository is not pinned." : undefined));
        out.push(() => ((!/assertion\.ref\s*==\s*'refs\/heads\/[^'*]+'/.test(cond)) ? "the branch is not pinned." : undefined));
        return out;
    },
});
