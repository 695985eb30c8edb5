import { stackPolicy } from "../../lib/policy";
import { rawAt, isUnknown } from "../../lib/props";
import { EKS, GKE } from "../../lib/kube";

/**
 * The minors each control plane offers, [first day, last day]. EKS: release date to the end of extended
 * support (14 months of standard + 12 of extended support; "Understand the Kubernetes version lifecycle on
 * EKS", docs.aws.amazon.com/eks/latest/userguide/kubernetes-versions.html); past it EKS refuses the version.
 * GKE: Regular-channel availability to the end of standard support ("GKE release schedule",
 * cloud.google.com/kubernetes-engine/docs/release-schedule); past it new clusters cannot use it.
 * Read 2026-12-02 (the program's config/KubernetesVersions table uses the same sources); review with it.
 */
export const WINDOWS: Record<"eks" | "gke", Record<string, [string, string]>> = {
    eks: {
        "1.31": ["2024-09-26", "2026-11-26"],
        "1.32": ["2025-01-23", "2027-03-23"],
        "1.33": ["2025-05-28", "2027-07-29"],
        "1.34": ["2025-10-06", "2027-12-02"],
        "1.35": ["2026-01-28", "2028-03-27"],
    },
    gke: {
        "1.33": ["2025-06-03", "2026-06-30"],
        "1.34": ["2025-09-30", "2026-08-30"],
        "1.35": ["2026-02-11", "2027-02-28"],
    },
};

export const policy = stackPolicy({
    name: "stack-kubernetes-version-supported",
    description: "Clusters must run a Kubernetes minor their cloud still offers (EKS until the end of extended support, GKE until the end of standard support); set the EKS version or the GKE minMasterVersion to a supported minor.",
    enforcementLevel: "mandatory",
    config: { asOf: { type: "string", default: "" } },
    check: (resources, ctx) => {
        const day = (ctx.config.asOf as string) || new Date().toISOString().slice(0, 10);
        return resources.filter((r) => r.type === EKS || r.type === GKE).map((c) => () => {
            const cloud = c.type === EKS ? "eks" : "gke";
            const version = rawAt(c.props, c.type === EKS ? "version" : "minMasterVersion");
            if (version === undefined || isUnknown(version)) {
                // EKS and GKE then pick their default, which is always offered
                return undefined;
            }
            const minor = /^(\d+\.\d+)/.exec(String(version))?.[1] ?? String(version);
            const window = WINDOWS[cloud][minor];
            if (!window) {
                return { urn: c.urn, message: `Kubernetes ${minor} is not a minor ${cloud.toUpperCase()} offers (known: ${Object.keys(WINDOWS[cloud]).join(", ")}).` };
            }
            return day < window[0] || day > window[1]
                ? { urn: c.urn, message: `Kubernetes ${minor} is offered by ${cloud.toUpperCase()} from ${window[0]} to ${window[1]}, not on ${day}.` } : undefined;
        });
    },
});
