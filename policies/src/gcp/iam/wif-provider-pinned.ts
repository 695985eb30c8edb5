import { Finding, resourcePolicy } from "../../lib/policy";

/** Splits `s` on `op` where it is not inside parentheses or quotes. */
function split(s: string, op: "&&" | "||"): string[] {
    const parts: string[] = [];
    let depth = 0;
    let quoted = false;
    let start = 0;
    for (let i = 0; i < s.length; i++) {
        const c = s[i];
        if (c === "'") quoted = !quoted;
        else if (!quoted && c === "(") depth++;
        else if (!quoted && c === ")") depth--;
        else if (!quoted && depth === 0 && s.startsWith(op, i)) {
            parts.push(s.slice(start, i));
            start = i + op.length;
            i += op.length - 1;
        }
    }
    parts.push(s.slice(start));
    return parts.map((p) => p.trim());
}

/** `(x)` -> `x` when the parentheses enclose the whole text. */
function unwrap(s: string): string {
    let t = s.trim();
    while (t.startsWith("(") && t.endsWith(")")) {
        let depth = 0;
        let whole = true;
        for (let i = 0; i < t.length - 1; i++) {
            if (t[i] === "(") depth++;
            else if (t[i] === ")") depth--;
            if (depth === 0) { whole = false; break; }
        }
        if (!whole) break;
        t = t.slice(1, -1).trim();
    }
    return t;
}

const REPO = /^assertion\.repository\s*==\s*'[^'*]+\/[^'*]+'$/;
const REF = /^assertion\.ref\s*==\s*'refs\/heads\/[^'*]+'$/;
const ENV = /^assertion\.environment\s*==\s*'[^'*]+'$/;
const JOB = new RegExp(`${REF.source}|${ENV.source}`);

/** Conjuncts of a condition at its top level, parentheses around the whole removed. */
const conjuncts = (s: string) => split(unwrap(s), "&&").map(unwrap);

/**
 * Whether every way through `s` requires a comparison that `pin` accepts: each alternative of a top-level `||`
 * must, and a conjunction does when one of its conjuncts does (&& binds tighter than ||, as in CEL).
 */
function requires(s: string, pin: RegExp): boolean {
    const alternatives = split(unwrap(s), "||");
    if (alternatives.length > 1) {
        return alternatives.every((a) => requires(a, pin));
    }
    return conjuncts(s).some((c) => pin.test(c) || (split(c, "||").length > 1 && requires(c, pin)));
}

/**
 * Without a condition, any GitHub repository can exchange its token in the pool. The repository must be pinned on
 * every path through the condition (every alternative of an `||`), and every alternative must pin the
 * deploy branch (assertion.ref) or a GitHub environment (assertion.environment): jobs in an environment are
 * admitted per environment, whose protection rules (required reviewers, deployment branches) GitHub enforces.
 */
export const policy = resourcePolicy({
    name: "gcp-iam-wif-provider-pinned",
    description: "Workload Identity Federation providers for GitHub must pin, on every alternative of attributeCondition, the repository (assertion.repository == '<owner>/<name>') and the branch (assertion.ref == 'refs/heads/<branch>') or the GitHub environment (assertion.environment == '<name>').",
    enforcementLevel: "mandatory",
    types: ["gcp:iam/workloadIdentityPoolProvider:WorkloadIdentityPoolProvider"],
    check: (p) => {
        const issuer = String(p.oidc?.issuerUri ?? "");
        if (!issuer.includes("token.actions.githubusercontent.com")) {
            return [];
        }
        const cond = String(p.attributeCondition ?? "");
        const out: Finding[] = [];
        out.push(() => (!requires(cond, REPO) ? "the repository is not pinned on every path of the condition." : undefined));
        out.push(() => (!requires(cond, JOB) ? "the branch or environment is not pinned on every alternative." : undefined));
        return out;
    },
});
