// What a stack deploys into Kubernetes and what it runs on, for the deploy-readiness rules.
import { PolicyResource } from "@pulumi/policy";

/** Objects the stack creates through a Kubernetes provider (not Helm releases, not providers). */
export function kubeObjects(resources: PolicyResource[]): PolicyResource[] {
    return resources.filter((r) => r.type.startsWith("kubernetes:") && !r.type.startsWith("kubernetes:helm.sh/"));
}

export const EKS = "aws:eks/cluster:Cluster";
export const GKE = "gcp:container/cluster:Cluster";

export function clusters(resources: PolicyResource[]): PolicyResource[] {
    return resources.filter((r) => r.type === EKS || r.type === GKE);
}

/** Helm releases of the stack whose chart name matches. */
export function releases(resources: PolicyResource[], chart: RegExp): PolicyResource[] {
    return resources.filter((r) => r.type === "kubernetes:helm.sh/v3:Release" || r.type === "kubernetes:helm.sh/v4:Chart")
        .filter((r) => typeof r.props.chart === "string" && chart.test(r.props.chart));
}

/** EKS add-ons of the stack by name. */
export function addons(resources: PolicyResource[], name: string): PolicyResource[] {
    return resources.filter((r) => r.type === "aws:eks/addon:Addon" && r.props.addonName === name);
}

/**
 * Every resource r waits for, transitively: its dependencies, property dependencies, and its provider's
 * (a Kubernetes provider built from a cluster waits for that cluster before any object is created).
 */
export function closure(r: PolicyResource, resources: PolicyResource[]): Set<string> {
    const byUrn = new Map(resources.map((x) => [x.urn, x]));
    const seen = new Set<string>();
    const walk = (x: PolicyResource) => {
        const provider = x.provider ? byUrn.get(x.provider.urn) : undefined;
        for (const d of [...(x.dependencies ?? []), ...Object.values(x.propertyDependencies ?? {}).flat(), ...(provider ? [provider] : [])]) {
            if (!seen.has(d.urn)) {
                seen.add(d.urn);
                walk(byUrn.get(d.urn) ?? d);
            }
        }
    };
    walk(r);
    return seen;
}
