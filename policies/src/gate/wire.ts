// plan.json -> the engine's Analyzer requests. Properties go as google.protobuf.Struct in the engine's
// encoding (pulumi's plugin.MarshalProperties with KeepUnknowns and KeepSecrets): an unknown is the
// unknown sentinel string, a secret the object {<sig key>: <secret sig>, value}. The constants are the
// ones of @pulumi/pulumi/runtime/rpc.js, checked against it by the tests.
import { proto } from "./analyzer";
import { Plan, PlanOptions, PlanResource, SECRET, UNKNOWN } from "./plan";

export const UNKNOWN_SENTINEL = "04da6b54-80e4-46f7-96ec-b56ff0331ba9"; // rpc.unknownValue
export const SIG_KEY = "4dabf18193072939515e22adb298388d"; // rpc.specialSigKey
export const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270"; // rpc.specialSecretSig

const { pb, Struct } = proto;

/** A plan value in the engine's wire encoding. */
export function encode(v: any): any {
    if (v === UNKNOWN) {
        return UNKNOWN_SENTINEL;
    }
    if (v === SECRET) {
        // the plan redacts the plaintext; the engine would send it inside the same wrapper
        return { [SIG_KEY]: SECRET_SIG, value: SECRET };
    }
    if (Array.isArray(v)) {
        return v.map((x) => (x === undefined ? null : encode(x)));
    }
    if (v && typeof v === "object") {
        return Object.fromEntries(Object.entries(v).filter(([, x]) => x !== undefined).map(([k, x]) => [k, encode(x)]));
    }
    return v;
}

function struct(props: Record<string, any>): any {
    return Struct.fromJavaScript(encode(props ?? {}));
}

/** Go duration text ("1h30m", "10m", "45s") in seconds, as the engine's custom timeouts carry them. */
export function seconds(d: string | undefined): number {
    if (!d) {
        return 0;
    }
    let total = 0;
    for (const m of d.matchAll(/(\d+(?:\.\d+)?)(h|m|s)/g)) {
        total += Number(m[1]) * { h: 3600, m: 60, s: 1 }[m[2] as "h" | "m" | "s"];
    }
    return total;
}

function options(r: PlanResource): any {
    const o: PlanOptions = r.options ?? {};
    const opts = new pb.AnalyzerResourceOptions();
    opts.setProtect(o.protect === true);
    opts.setIgnorechangesList(o.ignoreChanges ?? []);
    if (o.deleteBeforeReplace !== undefined) {
        opts.setDeletebeforereplace(o.deleteBeforeReplace);
        opts.setDeletebeforereplacedefined(true);
    }
    opts.setAdditionalsecretoutputsList([]);
    opts.setAliasesList(o.aliases ?? []);
    if (o.customTimeouts) {
        const t = new pb.AnalyzerResourceOptions.CustomTimeouts();
        t.setCreate(seconds(o.customTimeouts.create));
        t.setUpdate(seconds(o.customTimeouts.update));
        t.setDelete(seconds(o.customTimeouts.delete));
        opts.setCustomtimeouts(t);
    }
    if (r.parent) {
        opts.setParent(r.parent);
    }
    return opts;
}

function provider(r: PlanResource, byUrn: Map<string, PlanResource>): any {
    const p = r.provider ? byUrn.get(r.provider) : undefined;
    if (!p) {
        return undefined;
    }
    const msg = new pb.AnalyzerProviderResource();
    msg.setType(p.type);
    msg.setProperties(struct(p.props));
    msg.setUrn(p.urn);
    msg.setName(p.name);
    return msg;
}

/** The fields AnalyzeRequest and AnalyzerResource share: type, inputs, URN, name, options, provider. */
function fill<T>(msg: T & Record<string, any>, r: PlanResource, byUrn: Map<string, PlanResource>): T {
    msg.setType(r.type);
    msg.setProperties(struct(r.props));
    msg.setUrn(r.urn);
    msg.setName(r.name);
    msg.setOptions(options(r));
    const p = provider(r, byUrn);
    if (p) {
        msg.setProvider(p);
    }
    return msg;
}

/** Analyze: one resource's inputs, options and provider. */
export function analyzeRequest(r: PlanResource, byUrn: Map<string, PlanResource>): any {
    return fill(new pb.AnalyzeRequest(), r, byUrn);
}

/** AnalyzeStack: every resource with parent, dependencies and property dependencies. */
export function analyzeStackRequest(plan: Plan): any {
    const byUrn = new Map(plan.resources.map((r) => [r.urn, r]));
    const req = new pb.AnalyzeStackRequest();
    req.setResourcesList(plan.resources.map((r) => {
        const res = fill(new pb.AnalyzerResource(), r, byUrn);
        if (r.parent) {
            res.setParent(r.parent);
        }
        res.setDependenciesList(r.dependencies ?? []);
        const deps = res.getPropertydependenciesMap();
        for (const [k, urns] of Object.entries(r.propertyDependencies ?? {})) {
            const d = new pb.AnalyzerPropertyDependencies();
            d.setUrnsList(urns);
            deps.set(k, d);
        }
        return res;
    }));
    return req;
}
