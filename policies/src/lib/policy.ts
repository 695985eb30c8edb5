// Helpers every policy is built with: a policy states which types it checks and returns its findings as
// plain messages, so each rule is a small pure function that the tests drive directly.
import {
    EnforcementLevel,
    PolicyResource,
    ReportViolation,
    ResourceValidationArgs,
    ResourceValidationPolicy,
    StackValidationArgs,
    StackValidationPolicy,
} from "@pulumi/policy";

/** What a rule knows about where it runs. */
export interface Context {
    /** The stack name, read from the resource URN. */
    stack: string;
    /** True when the stack is one of the configured prod stacks (config `prodStacks`, default ["prod"]). */
    prod: boolean;
    /** The policy's config with the schema's defaults applied. */
    config: Record<string, any>;
}

export type Check = (props: Record<string, any>, ctx: Context, resource: { type: string; name: string; urn: string }) => string[];

export interface ResourceRule {
    name: string;
    description: string;
    enforcementLevel: EnforcementLevel;
    /** Type tokens this rule checks. */
    types: string[];
    check: Check;
    /** Extra config properties (JSON schema), with defaults. */
    config?: Record<string, any>;
}

export interface StackFinding {
    urn: string;
    message: string;
}

export interface StackRule {
    name: string;
    description: string;
    enforcementLevel: EnforcementLevel;
    check: (resources: PolicyResource[], ctx: Context) => StackFinding[];
    config?: Record<string, any>;
}

const PROD_STACKS = { type: "array", items: { type: "string" }, default: ["prod"] };

function schema(extra: Record<string, any> | undefined) {
    return { properties: { prodStacks: PROD_STACKS, ...(extra ?? {}) } };
}

/** The config with every schema default applied (the CLI does this; the offline gate must too). */
export function withDefaults(extra: Record<string, any> | undefined, given: Record<string, any>): Record<string, any> {
    const out: Record<string, any> = {};
    for (const [key, spec] of Object.entries(schema(extra).properties)) {
        out[key] = given[key] !== undefined ? given[key] : (spec as any).default;
    }
    return out;
}

export function stackOf(urn: string): string {
    // urn:pulumi:<stack>::<project>::<type>::<name>
    const m = /^urn:pulumi:([^:]+)::/.exec(urn);
    return m ? m[1] : "";
}

export function context(urn: string, config: Record<string, any>): Context {
    const stack = stackOf(urn);
    return { stack, prod: (config.prodStacks as string[]).includes(stack), config };
}

/** A type list entry is a type token, or a prefix ending in "*" ("kubernetes:*"). */
export function matches(types: string[], type: string): boolean {
    return types.some((t) => (t.endsWith("*") ? type.startsWith(t.slice(0, -1)) : t === type));
}

/** What every policy declares, from its rule. */
function header<R extends ResourceRule | StackRule>(rule: R) {
    return {
        name: rule.name,
        description: rule.description,
        enforcementLevel: rule.enforcementLevel,
        configSchema: schema(rule.config) as any,
        rule,
    };
}

function configOf(rule: ResourceRule | StackRule, args: { getConfig<T extends object>(): T }): Record<string, any> {
    return withDefaults(rule.config, (args.getConfig<Record<string, any>>() ?? {}) as Record<string, any>);
}

export function resourcePolicy(rule: ResourceRule): ResourceValidationPolicy & { rule: ResourceRule } {
    return {
        ...header(rule),
        validateResource: (args: ResourceValidationArgs, report: ReportViolation) => {
            if (!matches(rule.types, args.type)) {
                return;
            }
            for (const message of rule.check(args.props, context(args.urn, configOf(rule, args)), args)) {
                report(message);
            }
        },
    };
}

export function stackPolicy(rule: StackRule): StackValidationPolicy & { rule: StackRule } {
    return {
        ...header(rule),
        validateStack: (args: StackValidationArgs, report: ReportViolation) => {
            const urn = args.resources[0]?.urn ?? "";
            for (const finding of rule.check(args.resources, context(urn, configOf(rule, args)))) {
                report(finding.message, finding.urn);
            }
        },
    };
}
