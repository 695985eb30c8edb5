import { PolicyResource } from "@pulumi/policy";
import { stackPolicy, StackFinding } from "../lib/policy";
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
        const out: StackFinding[] = [];
        const providers = new Map<string, Record<string, string>>();
        for (const p of resources.filter((r) => r.type === "pulumi:providers:aws" || r.type === "pulumi:providers:gcp")) {
            const tags = p.type === "pulumi:providers:aws" ? at(json(p.props.defaultTags), "tags") : json(p.props.defaultLabels);
            providers.set(p.urn, tags ?? {});
            const missing = required.filter((k) => !(tags ?? {})[k]);
            if (missing.length) {
                out.push({ urn: p.urn, message: `provider ${p.name} does not apply ${missing.join(", ")} by default.` });
            }
        }
        for (const r of resources.filter((x) => x.type.startsWith("aws:") || x.type.startsWith("gcp:"))) {
            const own = (r.props.tags ?? r.props.labels ?? {}) as Record<string, string>;
            const inherited = providerUrn(r) ? providers.get(providerUrn(r)!) : undefined;
            const missing = required.filter((k) => !own[k] && !(inherited ?? {})[k]);
            if (missing.length) {
                out.push({ urn: r.urn, message: `${r.name} lacks ${missing.join(", ")} (no explicit provider applying them).` });
            }
        }
        for (const r of resources.filter((x) => x.type.startsWith("kubernetes:") && x.props.kind && x.props.metadata)) {
            const labels = at(r.props, "metadata.labels") ?? {};
            if (!labels["app.kubernetes.io/part-of"]) {
                out.push({ urn: r.urn, message: `${r.props.kind} ${at(r.props, "metadata.name")} lacks app.kubernetes.io/part-of.` });
            }
        }
        return out;
    },
});

function providerUrn(r: PolicyResource): string | undefined {
    return r.provider?.urn;
}
