import { resourcePolicy } from "../../lib/policy";

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
        const out: string[] = [];
        if (!/assertion\.repository\s*==\s*'[^'*]+\/[^'*]+'/.test(cond)) {
            out.push("the repository is not pinned.");
        }
        if (!/assertion\.ref\s*==\s*'refs\/heads\/[^'*]+'/.test(cond)) {
            out.push("the branch is not pinned.");
        }
        return out;
    },
});
