import { stackPolicy } from "../../lib/policy";
import { rawAt } from "../../lib/props";
import { closure, kubeObjects } from "../../lib/kube";

/** API groups every cluster serves; any other group is a CRD installed by a controller, add-on or the cloud. */
const BUILT_IN = new Set(["core", "apps", "batch", "autoscaling", "policy", "networking.k8s.io", "rbac.authorization.k8s.io",
    "storage.k8s.io", "scheduling.k8s.io", "coordination.k8s.io", "discovery.k8s.io", "node.k8s.io", "apiextensions.k8s.io",
    "admissionregistration.k8s.io", "certificates.k8s.io", "events.k8s.io", "flowcontrol.apiserver.k8s.io"]);

/** Resources that install CRDs (and run their controllers). */
const INSTALLERS = ["kubernetes:helm.sh/v3:Release", "kubernetes:helm.sh/v4:Chart", "aws:eks/addon:Addon",
    "kubernetes:apiextensions.k8s.io/v1:CustomResourceDefinition", "gcp:container/cluster:Cluster"];

/** Kinds whose await is their rollout: skipping it hides a failed rollout from the deployment. */
const WORKLOADS = new Set(["Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "Job", "Pod"]);

/**
 * An object of a CRD kind is refused ("no matches for kind") until the CRD exists, so it must depend on what
 * installs it (a Helm release, an EKS add-on, the GKE cluster for Google-managed CRDs). And Pulumi waits for
 * workloads to become ready unless the object carries pulumi.com/skipAwait "true"
 * (pulumi.com/registry/packages/kubernetes/how-to-guides/managing-resources-with-server-side-apply), which
 * hides a failed rollout from the deployment. A Service may skip it: its await only waits for ready pods behind it
 * (pulumi-kubernetes#1974, #2574), which deadlocks when the pods are created after the Service.
 */
export const policy = stackPolicy({
    name: "stack-kubernetes-objects-wait-for-controllers",
    description: "Kubernetes objects of a custom resource kind must depend on what installs their CRD and controller (Helm release, EKS add-on, GKE cluster), and workloads (Deployment, StatefulSet, DaemonSet, ReplicaSet, Job, Pod) must not set pulumi.com/skipAwait; add dependsOn and remove the annotation.",
    enforcementLevel: "mandatory",
    check: (resources) => {
        const installers = new Set(resources.filter((r) => INSTALLERS.includes(r.type)).map((r) => r.urn));
        return kubeObjects(resources).map((o) => () => {
            const group = /^kubernetes:([^/]+)\//.exec(o.type)?.[1] ?? "core";
            const out = [];
            if (!BUILT_IN.has(group) && ![...closure(o, resources)].some((u) => installers.has(u))) {
                out.push({ urn: o.urn, message: `${o.type.split(":").pop()} ${o.name} (${group}) does not depend on what installs its CRD.` });
            }
            if (WORKLOADS.has(String(rawAt(o.props, "kind") ?? o.type.split(":").pop()))
                && String(rawAt(o.props, "metadata.annotations")?.["pulumi.com/skipAwait"]) === "true") {
                out.push({ urn: o.urn, message: `${o.name} sets pulumi.com/skipAwait: a failed rollout would not fail the deployment.` });
            }
            return out;
        });
    },
});
