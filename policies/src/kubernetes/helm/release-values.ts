import { resourcePolicy } from "../../lib/policy";
import { rawAt } from "../../lib/props";

/** Value keys that switch a chart's pods to host access or root, whatever the chart's layout. */
const DANGEROUS: [RegExp, (v: any) => boolean, string][] = [
    [/^(hostNetwork|hostPID|hostIPC)$/, (v) => v === true, "host namespaces"],
    [/^privileged$/, (v) => v === true, "a privileged container"],
    [/^allowPrivilegeEscalation$/, (v) => v === true, "privilege escalation"],
    [/^runAsUser$/, (v) => v === 0, "UID 0"],
    [/^runAsNonRoot$/, (v) => v === false, "running as root"],
];

function walk(v: any, path: string, out: string[]): void {
    if (Array.isArray(v)) {
        v.forEach((x, i) => walk(x, `${path}[${i}]`, out));
    } else if (v && typeof v === "object") {
        for (const [k, x] of Object.entries(v)) {
            const here = `${path}${path ? "." : ""}${k}`;
            for (const [key, bad, what] of DANGEROUS) {
                if (key.test(k) && bad(x)) {
                    out.push(`values ${here} asks for ${what}.`);
                }
            }
            if (k === "tag" && String(x) === "latest") {
                out.push(`values ${here} is latest.`);
            }
            walk(x, here, out);
        }
    }
}

/**
 * The objects a Helm release creates are rendered inside the provider and never reach the policy engine, so
 * no workload rule sees them (docs/policies.md lists what this hides). What the stack controls is checked
 * here: the chart version is pinned, the repository is HTTPS or OCI, a v3 Release is atomic (a failed
 * install rolls back), and the values the stack sets do not ask for host access, privilege or root.
 */
export const policy = resourcePolicy({
    name: "kubernetes-helm-release-pinned-and-safe-values",
    description: "Helm releases must pin the chart version, use an HTTPS repository, set atomic, and set no values that ask for host namespaces, privileged containers, privilege escalation, root or a latest tag; set version and repositoryOpts.repo and remove those values.",
    enforcementLevel: "mandatory",
    types: ["kubernetes:helm.sh/v3:Release", "kubernetes:helm.sh/v4:Chart"],
    check: (p, _ctx, r) => {
        const out: string[] = [];
        if (!/^v?\d+\.\d+\.\d+/.test(String(rawAt(p, "version") ?? ""))) {
            out.push(`chart ${rawAt(p, "chart")} has no pinned version.`);
        }
        const repo = rawAt(p, "repositoryOpts.repo") ?? rawAt(p, "repositoryOpts.repository");
        if (typeof repo === "string" && !/^(https|oci):\/\//.test(repo)) {
            out.push(`repository ${repo} is not HTTPS or OCI.`);
        }
        if (r.type === "kubernetes:helm.sh/v3:Release" && rawAt(p, "atomic") !== true) {
            out.push("the release is not atomic: a failed install stays half-applied.");
        }
        walk(rawAt(p, "values") ?? {}, "", out);
        return out;
    },
});
