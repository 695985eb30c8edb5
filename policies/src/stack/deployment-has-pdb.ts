import { stackPolicy } from "../lib/policy";
import { at } from "../lib/props";

/** A budget that selects the Deployment's pods and still allows one voluntary disruption (node drains work). */
export const policy = stackPolicy({
    name: "stack-deployment-has-pod-disruption-budget",
    description: "Every Deployment must have a PodDisruptionBudget in its namespace selecting its pods that allows at least one voluntary disruption; add one with maxUnavailable 1.",
    enforcementLevel: "mandatory",
    check: (resources) => {
        const pdbs = resources.filter((r) => r.props.kind === "PodDisruptionBudget");
        return resources.filter((r) => r.props.kind === "Deployment").filter((d) => {
            const labels = at(d.props, "spec.template.metadata.labels") ?? {};
            return !pdbs.some((pdb) => {
                const sel = at(pdb.props, "spec.selector.matchLabels") ?? {};
                const sameNs = at(pdb.props, "metadata.namespace") === at(d.props, "metadata.namespace");
                const selects = Object.keys(sel).length > 0 && Object.entries(sel).every(([k, v]) => labels[k] === v);
                const allows = at(pdb.props, "spec.maxUnavailable") !== 0 && at(pdb.props, "spec.maxUnavailable") !== "0%"
                    && (at(pdb.props, "spec.minAvailable") === undefined
                        || at(pdb.props, "spec.minAvailable") < (at(d.props, "spec.replicas") ?? 1));
                return sameNs && selects && allows;
            });
        }).map((d) => ({ urn: d.urn, message: `Deployment ${at(d.props, "metadata.name")} has no PodDisruptionBudget that allows a drain.` }));
    },
});
