import { resourcePolicy } from "../../lib/policy";
import { containers, isSet, podSpecs, WORKLOAD_TYPES } from "../../lib/props";

export const policy = resourcePolicy({
    name: "kubernetes-workload-resources",
    description: "Containers must declare CPU and memory requests and a memory limit so the scheduler and autoscaler work and a leak cannot starve the node; set resources.requests and resources.limits.",
    enforcementLevel: "mandatory",
    types: WORKLOAD_TYPES,
    check: (p) => podSpecs(p).flatMap((pod) => containers(pod).flatMap((c) =>
        ["requests.cpu", "requests.memory", "limits.memory"].map((path) => () => (!isSet(c.resources, path)
            ? `container ${c.name} has no resources.${path}.` : undefined)))),
});
