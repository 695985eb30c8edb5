import { stackPolicy } from "../../lib/policy";
import { at, json } from "../../lib/props";
import { addons, EKS, GKE } from "../../lib/kube";

/**
 * NetworkPolicy objects do nothing without an enforcing dataplane. EKS: the vpc-cni add-on with
 * configurationValues {"enableNetworkPolicy": "true"} (docs.aws.amazon.com/eks/latest/userguide/
 * cni-network-policy-configure.html). GKE: Dataplane V2 (datapathProvider ADVANCED_DATAPATH) or
 * networkPolicy.enabled with the Calico add-on (cloud.google.com/kubernetes-engine/docs/how-to/network-policy).
 */
export const policy = stackPolicy({
    name: "stack-network-policies-enforced",
    description: "NetworkPolicies must be enforced by the cluster: on EKS add the vpc-cni add-on with configurationValues enableNetworkPolicy \"true\"; on GKE use datapathProvider ADVANCED_DATAPATH or networkPolicy.enabled.",
    enforcementLevel: "mandatory",
    check: (resources) => {
        if (!resources.some((r) => r.type === "kubernetes:networking.k8s.io/v1:NetworkPolicy")) {
            return [];
        }
        return resources.filter((r) => r.type === EKS || r.type === GKE).map((c) => () => {
            if (c.type === GKE) {
                return c.props.datapathProvider === "ADVANCED_DATAPATH" || at(c.props, "networkPolicy.enabled") === true ? undefined
                    : { urn: c.urn, message: `cluster ${c.name} does not enforce the stack's NetworkPolicies.` };
            }
            const cni = addons(resources, "vpc-cni");
            const on = cni.some((a) => String(json(a.props.configurationValues)?.enableNetworkPolicy) === "true");
            return on ? undefined : { urn: c.urn, message: `cluster ${c.name} does not enforce the stack's NetworkPolicies (vpc-cni without enableNetworkPolicy).` };
        });
    },
});
