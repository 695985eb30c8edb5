import { stackPolicy } from "../lib/policy";
import { asList, at } from "../lib/props";

/** Every namespace with workloads starts from deny-all: an empty pod selector with Ingress and Egress. */
export const policy = stackPolicy({
    name: "stack-namespace-default-deny",
    description: "Every namespace with workloads must deny all traffic by default; add a NetworkPolicy with podSelector {} and policyTypes Ingress and Egress, then explicit allows for each tier.",
    enforcementLevel: "mandatory",
    check: (resources) => {
        const denied = new Set(resources.filter((r) => r.props.kind === "NetworkPolicy")
            .filter((r) => Object.keys(at(r.props, "spec.podSelector") ?? { x: 1 }).length === 0
                && ["Ingress", "Egress"].every((t) => asList(at(r.props, "spec.policyTypes")).includes(t))
                && asList(at(r.props, "spec.ingress")).length === 0 && asList(at(r.props, "spec.egress")).length === 0)
            .map((r) => at(r.props, "metadata.namespace")));
        const workloads = resources.filter((r) => ["Deployment", "StatefulSet", "DaemonSet", "Job", "CronJob"].includes(r.props.kind));
        const seen = new Set<string>();
        return workloads.filter((w) => {
            const ns = at(w.props, "metadata.namespace");
            if (denied.has(ns) || seen.has(ns)) {
                return false;
            }
            seen.add(ns);
            return true;
        }).map((w) => ({ urn: w.urn, message: `namespace ${at(w.props, "metadata.namespace")} has no default-deny NetworkPolicy.` }));
    },
});
