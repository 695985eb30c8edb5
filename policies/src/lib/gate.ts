// Evaluates the pack against offline plans (plan.json) the way the engine would: every resource policy on
// every resource (inputs), every stack policy on the whole stack (inputs plus id), with the pack's config
// and the schema defaults applied. Pure: returns the violations, the CLI prints them.
import { EnforcementLevel, PolicyResource, ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import { policies as packPolicies } from "../pack";

export interface PlanResource {
    urn: string;
    type: string;
    name: string;
    parent: string | null;
    provider: string | null;
    id?: string;
    props: Record<string, any>;
}

export interface Plan {
    stack: string;
    cloud: string;
    project: string;
    resources: PlanResource[];
}

export interface Violation {
    policy: string;
    level: EnforcementLevel;
    urn: string;
    message: string;
}

type AnyPolicy = ResourceValidationPolicy | StackValidationPolicy;

/** Pack config as the CLI takes it: { "<policy>": "advisory" } or { "<policy>": { enforcementLevel, ...config } }. */
export type PackConfig = Record<string, string | Record<string, any>>;

function levelOf(policy: AnyPolicy, config: PackConfig): EnforcementLevel {
    const c = config[policy.name];
    if (typeof c === "string") {
        return c as EnforcementLevel;
    }
    return (c?.enforcementLevel ?? config.all ?? policy.enforcementLevel ?? "mandatory") as EnforcementLevel;
}

function policyConfig(policy: AnyPolicy, config: PackConfig): Record<string, any> {
    const c = config[policy.name];
    if (typeof c !== "object" || c === null) {
        return {};
    }
    const { enforcementLevel, ...rest } = c as Record<string, any>;
    return rest;
}

function toPolicyResource(r: PlanResource, all: Map<string, PlanResource>, withId: boolean): PolicyResource {
    const props = withId ? { ...r.props, id: r.id, name: r.props.name ?? r.id } : r.props;
    const provider = r.provider ? all.get(r.provider) : undefined;
    return {
        type: r.type,
        props,
        urn: r.urn,
        name: r.name,
        opts: {} as any,
        provider: provider ? { type: provider.type, props: provider.props, urn: provider.urn, name: provider.name } : undefined,
        dependencies: [],
        propertyDependencies: {},
        isType: () => false,
        asType: () => undefined,
    } as unknown as PolicyResource;
}

export async function evaluate(plan: Plan, config: PackConfig = {}, policies: AnyPolicy[] = packPolicies): Promise<Violation[]> {
    const out: Violation[] = [];
    const byUrn = new Map(plan.resources.map((r) => [r.urn, r]));
    for (const policy of policies) {
        const level = levelOf(policy, config);
        if (level === "disabled") {
            continue;
        }
        const cfg = policyConfig(policy, config);
        if ("validateResource" in policy && policy.validateResource) {
            const validations = Array.isArray(policy.validateResource) ? policy.validateResource : [policy.validateResource];
            for (const r of plan.resources) {
                for (const validate of validations) {
                    await validate({
                        type: r.type, props: r.props, urn: r.urn, name: r.name, opts: {} as any,
                        getConfig: () => cfg as any, isType: () => false, asType: () => undefined,
                        notApplicable: () => { throw new Error("notApplicable"); },
                    } as any, (message: string, urn?: string) => out.push({ policy: policy.name, level, urn: urn ?? r.urn, message }));
                }
            }
        }
        if ("validateStack" in policy && policy.validateStack) {
            const resources = plan.resources.map((r) => toPolicyResource(r, byUrn, true));
            await policy.validateStack({ resources, getConfig: () => cfg as any } as any,
                (message: string, urn?: string) => out.push({ policy: policy.name, level, urn: urn ?? "", message }));
        }
    }
    return out;
}
