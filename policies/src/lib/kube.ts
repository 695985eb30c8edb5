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

/** Every resource r depends on, transitively (dependencies and property dependencies). */
export function closure(r: PolicyResource): Set<string> {
    const seen = new Set<string>();
    const walk = (x: PolicyResource) => {
        for (const d of [...(x.dependencies ?? []), ...Object.values(x.propertyDependencies ?? {}).flat()]) {
            if (!seen.has(d.urn)) {
                seen.add(d.urn);
                walk(d);
            }
        }
    };
    walk(r);
    return seen;
}
