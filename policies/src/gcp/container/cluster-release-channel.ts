import { resourcePolicy } from "../../lib/policy";
import { at } from "../../lib/props";

export const policy = resourcePolicy({
    name: "gcp-container-cluster-release-channel",
    description: "GKE versions must be managed by a release channel so control plane and nodes get patched; set releaseChannel.channel REGULAR or STABLE.",
    enforcementLevel: "mandatory",
    types: ["gcp:container/cluster:Cluster"],
    check: (p) => (["RAPID", "REGULAR", "STABLE"].includes(at(p, "releaseChannel.channel")) ? []
        : ["no release channel: versions are not upgraded automatically."]),
});
