// plan.json as scripts/plan writes it (schema v2). Plans written before v2 lack dependencies,
// propertyDependencies and options; their property dependencies are derived here from the mock ids.

export const UNKNOWN = "[unknown]";
export const SECRET = "[secret]";

export interface PlanOptions {
    protect?: boolean;
    retainOnDelete?: boolean;
    deleteBeforeReplace?: boolean;
    ignoreChanges?: string[];
    replaceOnChanges?: string[];
    aliases?: string[];
    customTimeouts?: { create?: string; update?: string; delete?: string } | null;
    version?: string;
    pluginDownloadURL?: string;
}

export interface PlanResource {
    urn: string;
    type: string;
    name: string;
    parent: string | null;
    provider: string | null;
    id?: string;
    props: Record<string, any>;
    dependencies?: string[];
    propertyDependencies?: Record<string, string[]>;
    options?: PlanOptions;
}

export interface Plan {
    schemaVersion?: number;
    stack: string;
    cloud: string;
    project: string;
    preview?: boolean;
    resources: PlanResource[];
    outputs?: Record<string, any>;
}

/** Every string inside a value (deep). */
function strings(v: any, out: string[] = []): string[] {
    if (typeof v === "string") {
        out.push(v);
    } else if (Array.isArray(v)) {
        v.forEach((x) => strings(x, out));
    } else if (v && typeof v === "object") {
        Object.values(v).forEach((x) => strings(x, out));
    }
    return out;
}

/**
 * A v1 plan has no property dependencies: derive them from the mock engine's ids (unique, hashed names;
 * the mock's ARNs and self links embed them), so stack policies can join through URNs as under the engine.
 */
export function withDependencies(plan: Plan): Plan {
    if (plan.resources.every((r) => r.propertyDependencies !== undefined)) {
        return plan;
    }
    const byId = plan.resources.filter((r) => r.id && r.id !== UNKNOWN && r.id.length >= 8)
        .map((r) => ({ id: r.id as string, urn: r.urn }));
    const resources = plan.resources.map((r) => {
        if (r.propertyDependencies !== undefined) {
            return r;
        }
        const propertyDependencies: Record<string, string[]> = {};
        for (const [key, value] of Object.entries(r.props ?? {})) {
            const found = new Set<string>();
            for (const s of strings(value)) {
                byId.filter((x) => x.urn !== r.urn && s.includes(x.id)).forEach((x) => found.add(x.urn));
            }
            if (found.size > 0) {
                propertyDependencies[key] = [...found];
            }
        }
        const dependencies = [...new Set(Object.values(propertyDependencies).flat())];
        return { ...r, propertyDependencies, dependencies: r.dependencies ?? dependencies };
    });
    return { ...plan, resources };
}
