import { PolicyResource } from "@pulumi/policy";
import { stackPolicy, StackFindings } from "../lib/policy";
import { at, json } from "../lib/props";

/**
 * Tags and labels are applied once, as provider defaults, so every taggable cloud resource carries them:
 * every aws/gcp resource must use an explicit provider whose default tags/labels hold the required keys
 * (or carry them itself). Kubernetes objects carry the recommended app labels.
 */
export const policy = stackPolicy({
    name: "stack-required-tags",
    description: "Every taggable resource must carry the required tags/labels (project, stack, owner): set them as the provider's defaultTags (AWS) or defaultLabels (GCP) and use that provider explicitly; label Kubernetes objects with app.kubernetes.io/part-of and managed-by.",
    enforcementLevel: "mandatory",
    config: { requiredKeys: { type: "array", items: { type: "string" }, default: ["project", "stack", "owner"] } },
    check: (resources, ctx) => {
        const required: string[] = ctx.config.requiredKeys;
        const out: StackFindings = [];
        const providers = new Map<string, Record<string, string> | undefined>();
        for (const p of resources.filter((r) => r.type === "pulumi:providers:aws" || r.type === "pulumi:providers:gcp")) {
            out.push(() => {
                const tags = p.type === "pulumi:providers:aws" ? at(json(p.props.defaultTags), "tags") : json(p.props.defaultLabels);
                providers.set(p.urn, tags ?? {});
                const missing = required.filter((k) => !(tags ?? {})[k]);
                return missing.length ? { urn: p.urn, message: `provider ${p.name} does not apply ${missing.join(", ")} by default.` } : undefined;
            });
        }
        // each resource is its own decision: an unknown tag map or metadata hides only that resource
        for (const r of resources.filter((x) => x.type.startsWith("aws:") || x.type.startsWith("gcp:"))) {
            out.push(() => {
                const own = (r.props.tags ?? r.props.labels ?? {}) as Record<string, string>;
                const purn = providerUrn(r);
                const provider = resources.find((x) => x.urn === purn);
                if (provider && !providers.has(provider.urn)) {
                    // the provider's defaults were undecidable: reading them again rethrows, so this is too
                    json(provider.props.defaultTags ?? provider.props.defaultLabels);
                }
                const inherited = purn ? providers.get(purn) : undefined;
                const missing = required.filter((k) => !own[k] && !(inherited ?? {})[k]);
                return missing.length ? { urn: r.urn, message: `${r.name} lacks ${missing.join(", ")} (no explicit provider applying them).` } : undefined;
            });
        }
        for (const r of resources.filter((x) => x.type.startsWith("kubernetes:") && !x.type.startsWith("kubernetes:helm.sh/"))) {
            out.push(() => {
                if (!r.props.kind || !r.props.metadata) {
                    return undefined;
                }
                const labels = at(r.props, "metadata.labels") ?? {};
                return labels["app.kubernetes.io/part-of"] ? undefined
                    : { urn: r.urn, message: `${r.props.kind} ${at(r.props, "metadata.name")} lacks app.kubernetes.io/part-of.` };
            });
        }
        return out;
    },
});

function providerUrn(r: PolicyResource): string | undefined {
    return r.provider?.urn;
}
