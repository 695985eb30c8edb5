// Reading resource properties the same way offline (raw program inputs) and under the engine (checked
// inputs / outputs): absent means the provider's default, numbers may be doubles, provider inputs may be
// JSON text.

/** The value at a dotted path, or undefined. */
export function at(obj: any, path: string): any {
    let cur = obj;
    for (const part of path.split(".")) {
        if (cur === undefined || cur === null) {
            return undefined;
        }
        cur = cur[part];
    }
    return cur;
}

export function asList<T = any>(v: any): T[] {
    if (v === undefined || v === null) {
        return [];
    }
    return Array.isArray(v) ? v : [v];
}

/** A JSON document given as text (IAM policies, provider inputs) or as an object. */
export function json(v: any): any {
    if (typeof v === "string") {
        try {
            return JSON.parse(v);
        } catch {
            return undefined;
        }
    }
    return v;
}

export const OPEN_CIDRS = ["0.0.0.0/0", "::/0"];

/** Pod specs of a Kubernetes workload object, with where they live. */
export function podSpecs(props: Record<string, any>): any[] {
    const kind = props.kind;
    if (["Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "Job"].includes(kind)) {
        return asList(at(props, "spec.template.spec"));
    }
    if (kind === "CronJob") {
        return asList(at(props, "spec.jobTemplate.spec.template.spec"));
    }
    if (kind === "Pod") {
        return asList(props.spec);
    }
    return [];
}

/** Every container (and init container) of a pod spec. */
export function containers(pod: any): any[] {
    return [...asList(pod?.containers), ...asList(pod?.initContainers)];
}

export const WORKLOAD_TYPES = [
    "kubernetes:apps/v1:Deployment",
    "kubernetes:apps/v1:StatefulSet",
    "kubernetes:apps/v1:DaemonSet",
    "kubernetes:apps/v1:ReplicaSet",
    "kubernetes:batch/v1:Job",
    "kubernetes:batch/v1:CronJob",
    "kubernetes:core/v1:Pod",
];
