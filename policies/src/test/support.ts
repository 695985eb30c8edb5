// Test harness: every case goes through the engine's protocol. One pack process (started by
// run-policy-pack, as the CLI does) serves every test of a file; each case is a small plan sent as
// Analyze per resource plus AnalyzeStack, and the diagnostics of the policy under test are returned.
import * as path from "node:path";
import { after } from "node:test";
import { Diagnostic, PolicyInfo, PolicyPackProcess } from "../gate/analyzer";
import { evaluate, PackConfig, resolveConfig } from "../gate/evaluate";
import { Plan, PlanResource } from "../gate/plan";

let started: Promise<{ pack: PolicyPackProcess; policies: PolicyInfo[] }> | undefined;
let configured = "{}";

export const PACK_DIR = path.join(__dirname, "..", "..");

/** The shared pack process of this test file (stopped after the file's tests). */
export function pack(): Promise<{ pack: PolicyPackProcess; policies: PolicyInfo[] }> {
    if (!started) {
        started = (async () => {
            const p = await PolicyPackProcess.start(PACK_DIR);
            const info = await p.info();
            await p.configure(resolveConfig(info.policies, {}));
            return { pack: p, policies: info.policies };
        })();
    }
    return started;
}

// registered when the test file loads, so it runs once after all of the file's tests
after(async () => {
    if (started) {
        (await started).pack.stop();
    }
});

export async function policyInfo(name: string): Promise<PolicyInfo> {
    const found = (await pack()).policies.find((p) => p.name === name);
    if (!found) {
        throw new Error(`no policy ${name} in the pack`);
    }
    return found;
}

export function urn(stack: string, type: string, name: string): string {
    return `urn:pulumi:${stack}::strata::${type}::${name}`;
}

export function resource(type: string, props: Record<string, any>, opts: Partial<PlanResource> = {}, stack = "dev"): PlanResource {
    const name = opts.name ?? "r";
    return { urn: urn(stack, type, name), type, name, parent: null, provider: null, props, propertyDependencies: {}, dependencies: [], ...opts };
}

/** Makes input `input` of `from` refer to `to` (the engine's property dependency), optionally setting the value. */
export function link(from: PlanResource, input: string, to: PlanResource, value?: any): void {
    from.propertyDependencies = { ...(from.propertyDependencies ?? {}) };
    from.propertyDependencies[input] = [...new Set([...(from.propertyDependencies[input] ?? []), to.urn])];
    from.dependencies = [...new Set([...(from.dependencies ?? []), to.urn])];
    if (value !== undefined) {
        from.props[input] = value;
    }
}

/** Every diagnostic of the pack on the resources, as a plan of the given stack. */
export async function diagnostics(resources: PlanResource[], stack = "dev", config: PackConfig = {}): Promise<Diagnostic[]> {
    const { pack: p, policies } = await pack();
    const wanted = JSON.stringify(config);
    if (wanted !== configured) {
        await p.configure(resolveConfig(policies, config));
        configured = wanted;
    }
    // resources are built for "dev"; move them (and their links) into the stack under test
    const move = (u: string | null) => (u ? u.replace(/^urn:pulumi:[^:]+::/, `urn:pulumi:${stack}::`) : u);
    const moved = resources.map((r) => ({
        ...r, urn: move(r.urn)!, provider: move(r.provider), parent: move(r.parent),
        dependencies: (r.dependencies ?? []).map((d) => move(d)!),
        propertyDependencies: Object.fromEntries(Object.entries(r.propertyDependencies ?? {}).map(([k, us]) => [k, us.map((u) => move(u)!)])),
    }));
    const plan: Plan = { schemaVersion: 2, stack, cloud: "test", project: "strata", resources: moved };
    return evaluate(p, plan);
}

/** True for the library's advisory note on a rule that could not decide something during preview. */
export const isPreviewNote = (d: Diagnostic) => d.message.startsWith("can't run policy");

/** Violations (not preview notes) of one policy. */
export async function violations(name: string, resources: PlanResource[], stack = "dev", config: PackConfig = {}): Promise<Diagnostic[]> {
    return (await diagnostics(resources, stack, config)).filter((d) => d.policy === name && !isPreviewNote(d));
}

export const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v));

/** One policy, one compliant baseline, violating flips of it and compliant variants of it. */
export interface Case {
    policy: string;
    /** Builds the compliant resources (one for resource policies, several for stack ones). */
    baseline: () => PlanResource[];
    /** Each flip mutates the baseline into a violation. */
    flips: Record<string, (rs: PlanResource[]) => void>;
    /** Each pass mutates the baseline into another compliant configuration (false-positive guards). */
    passes?: Record<string, (rs: PlanResource[]) => void>;
    stack?: string;
    config?: PackConfig;
}

/** Names of policies covered by the case tables, for the coverage test. */
export const covered = new Set<string>();
