// Helpers every policy is built with. A rule states which types it checks and returns its findings; the
// engine (or the gate, through the same gRPC service) hands it the resource with unknown-checking proxies.
//
// Unknown tolerance: during a preview, values a provider computes are unknown, and reading one through
// the library's proxy throws UnknownValueError. If a whole rule ran as one function, the first unknown
// would abort it and the library would turn the *whole rule* into one advisory "can't run during preview"
// note, dropping the violations it could decide. So a rule returns a tree of findings in which each
// independent decision is a thunk: a thunk that reads an unknown value is "cannot decide" for that
// decision only, every other finding is still reported at the rule's level. After reporting what it
// decided, the wrapper rethrows the first UnknownValueError so the engine adds its advisory note.
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

/**
 * A finding: a message (a violation), nothing (undefined, null, false, ""), a list of findings, or a thunk
 * that decides one check and returns a finding. Thunks are evaluated in isolation (see above).
 */
export type Finding = string | undefined | null | false | Finding[] | (() => Finding);

export interface ResourceInfo {
    type: string;
    name: string;
    urn: string;
    provider?: { type: string; props: Record<string, any>; urn: string; name: string };
    opts?: Record<string, any>;
}

export type Check = (props: Record<string, any>, ctx: Context, resource: ResourceInfo) => Finding;

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

/** A stack finding, or a thunk deciding one (evaluated in isolation like resource findings). */
export type StackFindings = (StackFinding | undefined | null | false | (() => StackFinding[] | StackFinding | undefined | null | false))[];

export interface StackRule {
    name: string;
    description: string;
    enforcementLevel: EnforcementLevel;
    check: (resources: PolicyResource[], ctx: Context) => StackFindings;
    config?: Record<string, any>;
}

const PROD_STACKS = { type: "array", items: { type: "string" }, default: ["prod"] };

function schema(extra: Record<string, any> | undefined) {
    return { properties: { prodStacks: PROD_STACKS, ...(extra ?? {}) } };
}

/** The config with every schema default applied (the engine does this before Configure; kept as a guard). */
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

/** True for the UnknownValueError the library's proxy throws (matched by name: one class per copy). */
export function isUnknownError(e: unknown): boolean {
    return e instanceof Error && e.constructor?.name === "UnknownValueError";
}

/** Evaluates a finding tree: pushes messages, records the first unknown, isolates every thunk. */
export function collect(f: Finding, out: string[], undecided: unknown[]): void {
    if (typeof f === "function") {
        let value: Finding;
        try {
            value = f();
        } catch (e) {
            if (isUnknownError(e)) {
                undecided.push(e);
                return;
            }
            throw e;
        }
        collect(value, out, undecided);
    } else if (Array.isArray(f)) {
        for (const x of f) {
            collect(x, out, undecided);
        }
    } else if (typeof f === "string" && f.length > 0) {
        out.push(f);
    }
}

function collectStack(fs: StackFindings, out: StackFinding[], undecided: unknown[]): void {
    for (const f of fs) {
        if (typeof f === "function") {
            try {
                const v = f();
                collectStack(Array.isArray(v) ? v : [v], out, undecided);
            } catch (e) {
                if (isUnknownError(e)) {
                    undecided.push(e);
                } else {
                    throw e;
                }
            }
        } else if (f) {
            out.push(f);
        }
    }
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
            const out: string[] = [];
            const undecided: unknown[] = [];
            collect(() => rule.check(args.props, context(args.urn, configOf(rule, args)), args as ResourceInfo), out, undecided);
            out.forEach((m) => report(m));
            if (undecided.length > 0) {
                throw undecided[0];
            }
        },
    };
}

export function stackPolicy(rule: StackRule): StackValidationPolicy & { rule: StackRule } {
    return {
        ...header(rule),
        validateStack: (args: StackValidationArgs, report: ReportViolation) => {
            const urn = args.resources[0]?.urn ?? "";
            const out: StackFinding[] = [];
            const undecided: unknown[] = [];
            collectStack([() => rule.check(args.resources, context(urn, configOf(rule, args))) as any], out, undecided);
            out.forEach((f) => report(f.message, f.urn));
            if (undecided.length > 0) {
                throw undecided[0];
            }
        },
    };
}
