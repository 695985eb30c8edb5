// The pack against the program's real plans (scripts/plan writes them to build/plan), through the engine's
// protocol: every real plan, full and preview, passes every mandatory policy, and copies of the dev plans
// (full and preview) weakened in one security-relevant place fail with the policy that guards that place,
// so a preview's unknowns hide no decidable violation.
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { test } from "node:test";
import { Diagnostic } from "../gate/analyzer";
import { evaluate } from "../gate/evaluate";
import { Plan, PlanResource, UNKNOWN } from "../gate/plan";
import { pack } from "../test/support";

const dir = process.env.STRATA_PLAN_DIR ?? path.join(__dirname, "..", "..", "..", "build", "plan");
const files = fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.endsWith(".json")).sort() : [];
const full = files.filter((f) => !f.endsWith(".preview.json"));
const previews = files.filter((f) => f.endsWith(".preview.json"));

test("plans exist for every stack on both clouds", () => {
    assert.ok(full.length >= 4, `expected the plans of dev and prod on aws and gcp in ${dir}; run scripts/plan --all`);
    for (const cloud of ["aws", "gcp"]) {
        assert.ok(full.some((f) => f.endsWith(`-${cloud}.json`)), `no ${cloud} plan`);
        assert.ok(previews.some((f) => f.endsWith(`-${cloud}.preview.json`)), `no ${cloud} preview plan; run scripts/plan --preview`);
    }
});

const load = (f: string): Plan => JSON.parse(fs.readFileSync(path.join(dir, f), "utf8"));
const mandatory = async (plan: Plan): Promise<Diagnostic[]> =>
    (await evaluate((await pack()).pack, plan)).filter((d) => d.level === "mandatory");
const show = (ds: Diagnostic[]) => ds.map((d) => `${d.policy} ${d.urn.split("::").pop()}: ${d.message}`);

for (const f of files) {
    test(`${f}: passes every mandatory policy`, async () => {
        assert.deepEqual(show(await mandatory(load(f))), []);
    });
}

/** `ci`: only for the plans with the CI identities (scripts/test writes dev-ci-<cloud>.json). */
type Weakening = { name: string; cloud: string; policy: string; apply: (rs: PlanResource[]) => boolean; ci?: boolean };

const first = (rs: PlanResource[], type: string) => rs.find((r) => r.type === type);
const deployment = (rs: PlanResource[]) => rs.find((r) => r.props.kind === "Deployment");

const weakenings: Weakening[] = [
    { name: "public database", cloud: "aws", policy: "aws-rds-instance-no-public-access",
        apply: (rs) => { const db = first(rs, "aws:rds/instance:Instance"); db!.props.publiclyAccessible = true; return !!db; } },
    { name: "unencrypted database", cloud: "aws", policy: "aws-rds-instance-storage-encrypted",
        apply: (rs) => { const db = first(rs, "aws:rds/instance:Instance"); db!.props.storageEncrypted = false; return !!db; } },
    { name: "public database", cloud: "gcp", policy: "gcp-sql-instance-private-only",
        apply: (rs) => { const db = first(rs, "gcp:sql/databaseInstance:DatabaseInstance");
            db!.props.settings.ipConfiguration.ipv4Enabled = true; return !!db; } },
    { name: "privileged container", cloud: "any", policy: "kubernetes-workload-no-privileged-or-host-access",
        apply: (rs) => { const d = deployment(rs); d!.props.spec.template.spec.containers[0].securityContext.privileged = true; return !!d; } },
    { name: "open security group", cloud: "aws", policy: "aws-ec2-securitygroup-no-open-ingress",
        apply: (rs) => { const r = first(rs, "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule");
            r!.props.cidrIpv4 = "0.0.0.0/0"; delete r!.props.prefixListId; delete r!.props.referencedSecurityGroupId; return !!r; } },
    { name: "open firewall", cloud: "gcp", policy: "gcp-compute-firewall-no-open-ingress",
        apply: (rs) => { const r = rs.find((x) => x.type === "gcp:compute/firewall:Firewall" && x.props.allows);
            r!.props.sourceRanges = ["0.0.0.0/0"]; return !!r; } },
    { name: "WAF removed", cloud: "aws", policy: "aws-cloudfront-distribution-waf",
        apply: (rs) => { const cdn = first(rs, "aws:cloudfront/distribution:Distribution"); delete cdn!.props.webAclId;
            delete cdn!.propertyDependencies?.webAclId; return !!cdn; } },
    { name: "Cloud Armor removed", cloud: "gcp", policy: "gcp-compute-backendservice-armor-logging",
        apply: (rs) => { const b = rs.find((x) => x.type === "gcp:compute/backendService:BackendService" && x.props.securityPolicy);
            delete b!.props.securityPolicy; return !!b; } },
    { name: "the deploy role trusting every environment", cloud: "aws", policy: "aws-iam-role-github-oidc-pinned", ci: true,
        apply: (rs) => { const r = rs.find((x) => x.type === "aws:iam/role:Role" && String(x.props.assumeRolePolicy).includes(":environment:dev\""));
            r!.props.assumeRolePolicy = String(r!.props.assumeRolePolicy).replace(":environment:dev\"", ":environment:*\""); return !!r; } },
    { name: "the provider admitting every job of the repository", cloud: "gcp", policy: "gcp-iam-wif-provider-pinned", ci: true,
        apply: (rs) => { const p = first(rs, "gcp:iam/workloadIdentityPoolProvider:WorkloadIdentityPoolProvider");
            p!.props.attributeCondition = String(p!.props.attributeCondition).replace(/ && \(.*\)$/, ""); return !!p; } },
    { name: "the deploy account impersonable by the whole pool", cloud: "gcp", policy: "gcp-iam-wif-binding-pinned", ci: true,
        apply: (rs) => { const b = rs.find((x) => x.type === "gcp:serviceaccount/iAMMember:IAMMember" && String(x.props.member).includes("/subject/"));
            b!.props.member = String(b!.props.member).replace(/^principal:/, "principalSet:").replace(/\/subject\/.*$/, "/*");
            return !!b; } },
    { name: "flow log removed", cloud: "aws", policy: "aws-ec2-vpc-flow-logs",
        apply: (rs) => { const i = rs.findIndex((x) => x.type === "aws:ec2/flowLog:FlowLog"); rs.splice(i, 1); return i >= 0; } },
];

// the dev plans of both clouds, full and preview (the weakened value is known in both; the rest of a preview is not)
const weakenable = files.filter((f) => f.startsWith("dev-"));

for (const name of weakenable) {
    for (const w of weakenings.filter((x) => (x.cloud === "any" || name.includes(`-${x.cloud}.`))
        && (!x.ci || name.startsWith("dev-ci-")))) {
        test(`${name}: a copy with ${w.name} fails on ${w.policy}`, async () => {
            const plan = load(name);
            assert.ok(w.apply(plan.resources), "the plan has the resource to weaken");
            const found = await mandatory(plan);
            assert.ok(found.some((d) => d.policy === w.policy), `expected ${w.policy}; got ${show(found)}`);
        });
    }
}

test("the preview plans really carry unknowns (ids and references)", () => {
    for (const f of previews) {
        const p = load(f);
        assert.ok(p.resources.filter((r) => r.type.includes("/")).every((r) => r.id === UNKNOWN), f);
        assert.ok(JSON.stringify(p.resources.map((r) => r.props)).includes(UNKNOWN), f);
    }
});
