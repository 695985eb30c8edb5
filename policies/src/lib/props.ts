// Reading resource properties as the engine hands them over: absent means the provider's default,
// numbers may be doubles, provider inputs may be JSON text, and during a preview computed values are
// unknown. Reading an unknown through the library's proxy throws (see lib/policy.ts); `isSet` and
// `isUnknown` look at the raw value instead, for checks where "unknown" already decides the answer.
import { PolicyResource } from "@pulumi/policy";

/** The engine's unknown sentinels (@pulumi/policy proxy.js; the engine sends the string one for all). */
const UNKNOWNS = new Set([
    "04da6b54-80e4-46f7-96ec-b56ff0331ba9", "1c4a061d-8072-4f0a-a4cb-0ff528b18fe7",
    "3eeb2bf0-c639-47a8-9e75-3b44932eb421", "6a19a0b0-7e62-4c92-b797-7f8e31da9cc2",
    "030794c1-ac77-496b-92df-f27374a8bd58", "e48ece36-62e2-4504-bad9-02848725956a",
    "dd056dcd-154b-4c76-9bd3-c8f88648b5ff",
]);

/** The object under the library's unknown-checking proxy (the value itself when it is not a proxy). */
export function raw(v: any): any {
    return v !== null && typeof v === "object" && (v as any).__isSpecialProxy === true ? (v as any).__getSpecialProxyTarget : v;
}

/** The raw value at a dotted path: unknown sentinels are returned, not thrown. */
export function rawAt(obj: any, path: string): any {
    let cur = raw(obj);
    for (const part of path.split(".")) {
        if (cur === undefined || cur === null || isUnknown(cur)) {
            return cur;
        }
        cur = cur[part];
    }
    return cur;
}

export function isUnknown(v: any): boolean {
    return typeof v === "string" && UNKNOWNS.has(v);
}

/** True when the value at path is given: present and non-empty, or unknown (computed, so given). */
export function isSet(obj: any, path: string): boolean {
    const v = rawAt(obj, path);
    if (isUnknown(v)) {
        return true;
    }
    return v !== undefined && v !== null && v !== "" && !(Array.isArray(v) && v.length === 0);
}

/** The resources an input refers to, from the engine's property dependencies (never from ids). */
export function refs(r: PolicyResource, input: string): PolicyResource[] {
    return r.propertyDependencies?.[input] ?? [];
}

/** True when input of r refers to target (a property dependency on its URN). */
export function refersTo(r: PolicyResource, input: string, target: PolicyResource): boolean {
    return refs(r, input).some((d) => d.urn === target.urn);
}

/** True when r depends on target at all (any input, or dependsOn). */
export function dependsOn(r: PolicyResource, target: PolicyResource): boolean {
    return (r.dependencies ?? []).some((d) => d.urn === target.urn)
        || Object.values(r.propertyDependencies ?? {}).some((ds) => ds.some((d) => d.urn === target.urn));
}

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

/** One finding thunk per container of every pod spec of a workload (each decided on its own). */
export function perContainer(props: Record<string, any>, fn: (c: any, pod: any) => any): (() => any)[] {
    return podSpecs(props).flatMap((pod) => containers(pod).map((c) => () => fn(c, pod)));
}

function ipv4(cidr: string): [number, number] | undefined {
    const m = /^(\d+)\.(\d+)\.(\d+)\.(\d+)\/(\d+)$/.exec(cidr.trim());
    if (!m) {
        return undefined;
    }
    const base = ((+m[1] << 24) >>> 0) + (+m[2] << 16) + (+m[3] << 8) + +m[4];
    const size = 2 ** (32 - +m[5]);
    const start = Math.floor(base / size) * size;
    return [start, start + size];
}

/**
 * True when the CIDRs admit the whole internet: 0.0.0.0/0 or ::/0, any IPv6 range of /1 or wider, or IPv4
 * ranges whose union covers every address (0.0.0.0/1 plus 128.0.0.0/1 is the internet too).
 */
export function opensInternet(cidrs: any[]): boolean {
    const list = cidrs.filter((c) => typeof c === "string").map((c: string) => c.trim());
    if (list.some((c) => OPEN_CIDRS.includes(c) || /^[0-9a-f:]*::?[0-9a-f:]*\/[01]$/i.test(c))) {
        return true;
    }
    const ranges = list.map(ipv4).filter((r): r is [number, number] => !!r).sort((a, b) => a[0] - b[0]);
    let reach = 0;
    for (const [start, end] of ranges) {
        if (start > reach) {
            return false;
        }
        reach = Math.max(reach, end);
    }
    return reach >= 2 ** 32;
}
