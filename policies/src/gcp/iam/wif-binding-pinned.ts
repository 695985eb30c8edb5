import { resourcePolicy } from "../../lib/policy";

/** Roles that let a member act as the service account. */
const IMPERSONATION = ["roles/iam.workloadIdentityUser", "roles/iam.serviceAccountTokenCreator"];

/**
 * The binding side of the GitHub trust (the equivalent of the subject an AWS role trusts): a service account must be
 * impersonated by one federated subject (principal://.../subject/<sub>) or a set pinned by an attribute, never by
 * every identity of a pool (principalSet://.../workloadIdentityPools/<pool>/*), which leaves the provider's condition
 * as the only check and admits a preview job to the deploy account.
 */
export const policy = resourcePolicy({
    name: "gcp-iam-wif-binding-pinned",
    description: "Service accounts must be impersonated through Workload Identity Federation by one subject (principal://iam.googleapis.com/<pool>/subject/<sub>) or an attribute-pinned set, never by a whole pool (principalSet://.../workloadIdentityPools/<pool>/*); grant the deploy and preview subjects separately.",
    enforcementLevel: "mandatory",
    types: ["gcp:serviceaccount/iAMMember:IAMMember", "gcp:serviceaccount/iAMBinding:IAMBinding"],
    check: (p) => {
        if (!IMPERSONATION.includes(p.role)) {
            return [];
        }
        const members: string[] = (p.members ?? [p.member]).map(String);
        return members.map((m) => () => (/^principalSet:\/\/iam\.googleapis\.com\/.*\/workloadIdentityPools\/[^/]+\/\*$/.test(m)
            ? `${m} admits every identity of the pool.` : undefined));
    },
});
