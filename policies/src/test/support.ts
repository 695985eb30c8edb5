// Test harness: runs one policy of the pack on one resource or one stack, with the schema defaults applied,
// exactly as the offline gate does. Baselines are compliant resources; cases flip one property.
import { evaluate, Plan, PlanResource } from "../lib/gate";
import { policies } from "../pack";

export function policy(name: string): any {
    const p = policies.find((x) => x.name === name);
    if (!p) {
        throw new Error(`no policy ${name} in the pack`);
    }
    return p;
}

export function urn(stack: string, type: string, name: string): string {
    return `urn:pulumi:${stack}::strata::${type}::${name}`;
}

export function resource(type: string, props: Record<string, any>, opts: Partial<PlanResource> = {}, stack = "dev"): PlanResource {
    const name = opts.name ?? "r";
    return { urn: urn(stack, type, name), type, name, parent: null, provider: null, props, ...opts };
}

/** Violation messages of one policy on a list of resources (resource and stack policies alike). */
export async function violations(name: string, resources: PlanResource[], stack = "dev",
                                 config: Record<string, any> = {}): Promise<string[]> {
    // resources are built for "dev"; move them (and their provider links) into the stack under test
    const move = (u: string | null) => (u ? u.replace(/^urn:pulumi:[^:]+::/, `urn:pulumi:${stack}::`) : u);
    const moved = resources.map((r) => ({ ...r, urn: move(r.urn)!, provider: move(r.provider), parent: move(r.parent) }));
    const plan: Plan = { stack, cloud: "test", project: "strata", resources: moved };
    const found = await evaluate(plan, { [name]: config } as any, [policy(name)]);
    return found.map((v) => v.message);
}

export const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v));

/** One policy, one compliant baseline and violating flips of it. */
export interface Case {
    policy: string;
    /** Builds the compliant resources (one for resource policies, several for stack ones). */
    baseline: () => PlanResource[];
    /** Each flip mutates the baseline into a violation. */
    flips: Record<string, (rs: PlanResource[]) => void>;
    stack?: string;
}

/** Names of policies covered by the case tables, for the coverage test. */
export const covered = new Set<string>();
