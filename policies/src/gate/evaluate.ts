// Runs a plan through a started pack exactly as the engine would during a preview: Configure with every
// policy's level and config (schema defaults applied), Analyze for every resource, AnalyzeStack once.
import { Diagnostic, Level, PolicyInfo, PolicyPackProcess } from "./analyzer";
import { Plan, withDependencies } from "./plan";
import { analyzeRequest, analyzeStackRequest } from "./wire";

/** Pack config in the CLI's format: {"<policy>": "advisory"} or {"<policy>": {enforcementLevel?, ...config}}; "all" sets every level. */
export type PackConfig = Record<string, string | Record<string, any>>;

const LEVELS = ["advisory", "mandatory", "disabled", "remediate"];

/** The Configure payload: per policy, the level and the config with the schema defaults applied. Throws on bad config. */
export function resolveConfig(policies: PolicyInfo[], given: PackConfig): Record<string, { enforcementLevel: Level; [k: string]: any }> {
    const names = new Set(policies.map((p) => p.name));
    for (const [key, value] of Object.entries(given)) {
        if (key !== "all" && !names.has(key)) {
            throw new Error(`config key "${key}" is not a policy of the pack; allowed: "all" or one of ${[...names].sort().join(", ")}`);
        }
        const level = typeof value === "string" ? value : (value as any)?.enforcementLevel;
        if (level !== undefined && !LEVELS.includes(level)) {
            throw new Error(`config "${key}": enforcementLevel "${level}" is not one of ${LEVELS.join(", ")}`);
        }
    }
    const all = typeof given.all === "string" ? given.all : undefined;
    const out: Record<string, any> = {};
    for (const p of policies) {
        const c = given[p.name];
        const own = typeof c === "object" && c !== null ? c : {};
        const { enforcementLevel, ...props } = own as Record<string, any>;
        for (const key of Object.keys(props)) {
            if (!(key in p.configSchema.properties)) {
                throw new Error(`config "${p.name}.${key}" is not a property of the policy; allowed: ${Object.keys(p.configSchema.properties).join(", ")}`);
            }
        }
        const defaults = Object.fromEntries(Object.entries(p.configSchema.properties)
            .filter(([, s]) => (s as any).default !== undefined).map(([k, s]) => [k, (s as any).default]));
        out[p.name] = {
            ...defaults,
            ...props,
            enforcementLevel: (typeof c === "string" ? c : enforcementLevel) ?? all ?? p.enforcementLevel,
        };
    }
    return out;
}

/** Every diagnostic of the pack on the plan; stack-level findings without a URN get the stack's URN. */
export async function evaluate(pack: PolicyPackProcess, plan: Plan): Promise<Diagnostic[]> {
    const full = withDependencies(plan);
    const byUrn = new Map(full.resources.map((r) => [r.urn, r]));
    const out: Diagnostic[] = [];
    const perResource = await Promise.all(full.resources.map(async (r) =>
        (await pack.analyze(analyzeRequest(r, byUrn))).map((d) => ({ ...d, urn: d.urn || r.urn }))));
    perResource.forEach((found) => out.push(...found));
    const stackUrn = full.resources.find((r) => r.type === "pulumi:pulumi:Stack")?.urn ?? "";
    out.push(...(await pack.analyzeStack(analyzeStackRequest(full))).map((d) => ({ ...d, urn: d.urn || stackUrn })));
    return out;
}
