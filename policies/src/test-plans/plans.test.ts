// The pack against the program's real offline plans (scripts/plan writes them to build/plan): every real
// plan passes every mandatory policy, and copies weakened in one security-relevant place fail the gate
// with the policy that guards that place. Run by scripts/test after planning (npm run test:plans).
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { test } from "node:test";
import { evaluate, Plan, PlanResource } from "../lib/gate";

const dir = process.env.STRATA_PLAN_DIR ?? path.join(__dirname, "..", "..", "..", "build", "plan");
const files = fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.endsWith(".json")).sort() : [];

test("plans exist for every stack on both clouds", () => {
    assert.ok(files.length >= 4, `expected the plans of dev and prod on aws and gcp in ${dir}; run scripts/plan --all`);
    for (const cloud of ["aws", "gcp"]) {
        assert.ok(files.some((f) => f.endsWith(`-${cloud}.json`)), `no ${cloud} plan`);
    }
});

const load = (f: string): Plan => JSON.parse(fs.readFileSync(path.join(dir, f), "utf8"));
const mandatory = async (plan: Plan) => (await evaluate(plan)).filter((v) => v.level === "mandatory");

for (const f of files) {
    test(`${f}: the real plan passes every mandatory policy`, async () => {
        assert.deepEqual((await mandatory(load(f))).map((v) => `${v.policy}: ${v.message}`), []);
    });
}

type Weakening = { name: string; cloud: string; policy: string; apply: (rs: PlanResource[]) => boolean };

const first = (rs: PlanResource[], type: string) => rs.find((r) => r.type === type);
const deployment = (rs: PlanResource[]) => rs.find((r) => r.props.kind === "Deployment");

const weakenings: Weakening[] = [
    { name: "public database", cloud: "aws", policy: "aws-rds-instance-no-public-access",
        apply: (rs) => { const db = first(rs, "aws:rds/instance:Instance"); db!.props.publiclyAccessible = true; return !!db; } },
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
        apply: (rs) => { const cdn = first(rs, "aws:cloudfront/distribution:Distribution"); delete cdn!.props.webAclId; return !!cdn; } },
    { name: "Cloud Armor removed", cloud: "gcp", policy: "gcp-compute-backendservice-armor-logging",
        apply: (rs) => { const b = first(rs, "gcp:compute/backendService:BackendService"); delete b!.props.securityPolicy; return !!b; } },
];

for (const f of files) {
    for (const w of weakenings.filter((x) => x.cloud === "any" || f.endsWith(`-${x.cloud}.json`))) {
        test(`${f}: a copy with ${w.name} fails the gate on ${w.policy}`, async () => {
            const plan = load(f);
            assert.ok(w.apply(plan.resources), "the plan has the resource to weaken");
            const found = await mandatory(plan);
            assert.ok(found.some((v) => v.policy === w.policy), `expected ${w.policy}; got ${found.map((v) => v.policy)}`);
        });
    }
}
