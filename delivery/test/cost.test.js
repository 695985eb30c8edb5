"use strict";
// scripts/cost: the arithmetic pinned on a small hand-made plan with round prices, bad input, and the four
// real plans (every resource type is priced, free with a reason, or listed as not priced).
const test = require("node:test");
const assert = require("node:assert/strict");
const fs = require("fs");
const path = require("path");
const { execFileSync, spawnSync } = require("child_process");
const { estimate, compare, formatMarkdown, loadPrices } = require("../src/cost");

const ROOT = path.join(__dirname, "..", "..");
const STACK = "urn:pulumi:dev::strata::pulumi:pulumi:Stack::strata-dev";

/** Round prices so every expected figure below can be checked by hand. */
function prices() {
    return {
        currency: "USD",
        hoursPerMonth: 100,
        clouds: {
            aws: {
                region: "test-1", asOf: "test",
                rates: {
                    eksClusterHour: { usd: 1 },
                    ec2Hour: { byType: { "m.large": 2 } },
                    ebsGp3GbMonth: { usd: 0.5 },
                    natGatewayHour: { usd: 0.1 },
                    natGatewayGb: { usd: 0.01 },
                    rdsPostgresHour: { byType: { "db.small": 3 } },
                    rdsGp3GbMonth: { usd: 0.2 },
                    kmsKeyMonth: { usd: 1 },
                },
            },
        },
        usage: { dev: { natDataGb: { value: 200 } } },
    };
}

function resource(type, name, props, extra = {}) {
    return { urn: `${STACK}$${type}::${name}`, type, name, parent: extra.parent ?? null, id: extra.id ?? `${name}-id`, props };
}

function smallPlan() {
    const cluster = { urn: `${STACK}$strata:aws:AwsCluster::c`, type: "strata:aws:AwsCluster", name: "c", parent: STACK, props: {} };
    const network = { urn: `${STACK}$strata:aws:AwsNetwork::n`, type: "strata:aws:AwsNetwork", name: "n", parent: STACK, props: {} };
    return {
        stack: "dev", cloud: "aws", project: "strata", outputs: { environment: "dev" },
        resources: [
            { urn: STACK, type: "pulumi:pulumi:Stack", name: "strata-dev", parent: null, props: {} },
            cluster, network,
            resource("aws:eks/cluster:Cluster", "eks", {}, { parent: cluster.urn }),
            resource("aws:ec2/launchTemplate:LaunchTemplate", "lt", { blockDeviceMappings: [{ ebs: { volumeSize: 40 } }] }, { parent: cluster.urn, id: "lt-1" }),
            resource("aws:eks/nodeGroup:NodeGroup", "pool", { instanceTypes: ["m.large"], scalingConfig: { desiredSize: 3 }, launchTemplate: { id: "lt-1" } }, { parent: cluster.urn }),
            resource("aws:ec2/natGateway:NatGateway", "nat-a", {}, { parent: network.urn }),
            resource("aws:ec2/natGateway:NatGateway", "nat-b", {}, { parent: network.urn }),
            resource("aws:rds/instance:Instance", "db", { engine: "postgres", instanceClass: "db.small", multiAz: true, allocatedStorage: 50, storageType: "gp3" }),
            resource("aws:iam/role:Role", "role", {}),
            resource("aws:kms/key:Key", "key", {}),
            resource("aws:sqs/queue:Queue", "queue", {}),
        ],
    };
}

test("cost: arithmetic of a small plan, per component and total", () => {
    const e = estimate(smallPlan(), prices());
    const by = Object.fromEntries(e.components.map((c) => [c.name, c.monthly]));
    // cluster: control plane 100 h x 1 = 100; 3 nodes x 100 h x 2 = 600; 3 x 40 GB x 0.5 = 60
    assert.equal(by["c (AwsCluster)"], 760);
    // network: 2 x (100 h x 0.1) + 200 GB x 0.01 shared = 20 + 2
    assert.equal(Math.round(by["n (AwsNetwork)"] * 100) / 100, 22);
    // no component: Multi-AZ db.small 2 x 100 h x 3 = 600, 2 x 50 GB x 0.2 = 20; key 1
    assert.equal(by["(stack)"], 621);
    assert.equal(Math.round(e.total * 100) / 100, 1403);
    assert.deepEqual(e.notPriced, [{ name: "queue", type: "aws:sqs/queue:Queue", reason: "type not in the price table" }]);
    assert.ok(e.free.some((f) => f.type === "aws:iam/role:Role"));
    const nat = e.components.find((c) => c.name === "n (AwsNetwork)").resources[0].lines;
    assert.deepEqual(nat.map((l) => [l.quantity, l.rateUsd]), [[100, 0.1], [100, 0.01]]);
});

test("cost: delta against a base plan, per component and total", () => {
    const base = smallPlan();
    const head = smallPlan();
    head.resources.find((r) => r.name === "pool").props.scalingConfig.desiredSize = 4; // +1 node: +200 +20
    head.resources = head.resources.filter((r) => r.name !== "nat-b"); // -10 hours; data now on one gateway
    const cmp = compare(estimate(head, prices()), estimate(base, prices()));
    const rows = Object.fromEntries(cmp.rows.map((r) => [r.name, Math.round(r.delta * 100) / 100]));
    assert.equal(rows["c (AwsCluster)"], 220);
    assert.equal(rows["n (AwsNetwork)"], -10);
    assert.equal(Math.round(cmp.delta * 100) / 100, 210);
    const md = formatMarkdown(estimate(head, prices()), estimate(base, prices()));
    assert.match(md, /\| c \(AwsCluster\) \| \$760\.00 \| \$980\.00 \| \+\$220\.00 \|/);
    assert.match(md, /delta \*\*\+\$210\.00\*\*/);
    assert.match(md, /Not priced: `queue` \(type not in the price table\)/);
});

test("cost: a rate missing for an instance type makes the resource not priced, never zero", () => {
    const plan = smallPlan();
    plan.resources.find((r) => r.name === "pool").props.instanceTypes = ["x.huge"];
    const e = estimate(plan, prices());
    assert.ok(e.notPriced.some((n) => n.name === "pool" && /no ec2Hour rate for instance type x\.huge/.test(n.reason)));
    assert.equal(e.components.find((c) => c.name === "c (AwsCluster)").monthly, 100);
});

test("cost: a rate missing from the table makes the resource not priced, naming the rate", () => {
    const p = prices();
    delete p.clouds.aws.rates.kmsKeyMonth;
    const e = estimate(smallPlan(), p);
    assert.ok(e.notPriced.some((n) => n.name === "key" && n.reason === 'prices.json: aws rate "kmsKeyMonth" is missing'));
    assert.equal(e.components.find((c) => c.name === "(stack)").monthly, 620);
});

test("cost: a plan of a cloud without prices is an error naming the cloud", () => {
    const plan = { ...smallPlan(), cloud: "azure" };
    assert.throws(() => estimate(plan, prices()), /plan cloud "azure": no prices for it \(prices have: aws\)/);
});

const PLANS = ["dev-aws", "dev-gcp", "prod-aws", "prod-gcp"].map((p) => path.join(ROOT, "build", "plan", `${p}.json`));

test("cost: each of the four real plans gets a figure; every type is priced, free or named as not priced", () => {
    const prices = loadPrices();
    for (const file of PLANS) {
        assert.ok(fs.existsSync(file), `${file} missing: run scripts/plan for every stack x cloud first`);
        const plan = JSON.parse(fs.readFileSync(file, "utf8"));
        const e = estimate(plan, prices);
        assert.ok(e.total > 100, `${file}: total ${e.total}`);
        // a new resource type must get a price-table decision, not silently drop out
        assert.deepEqual(e.notPriced.filter((n) => n.reason === "type not in the price table"), [], file);
        const priced = e.components.reduce((s, c) => s + c.resources.length, 0) + e.notPriced.length;
        const counted = e.free.reduce((s, f) => s + f.count, 0);
        const skipped = plan.resources.filter((r) => /^(pulumi|strata):/.test(r.type)).length;
        assert.equal(priced + counted + skipped, plan.resources.length, `${file}: every resource accounted for`);
    }
});

test("cost: prod costs more than dev on each cloud", () => {
    const prices = loadPrices();
    const total = (f) => estimate(JSON.parse(fs.readFileSync(f, "utf8")), prices).total;
    assert.ok(total(PLANS[2]) > total(PLANS[0]));
    assert.ok(total(PLANS[3]) > total(PLANS[1]));
});

test("cost: the CLI prints the total and exits 2 on bad usage", () => {
    const script = path.join(ROOT, "scripts", "cost");
    const out = execFileSync(script, [PLANS[0], "--base", PLANS[0]], { encoding: "utf8" });
    assert.match(out, /^total\s+\$[\d,]+\.\d\d\s+\$[\d,]+\.\d\d\s+\$0\.00$/m);
    const bad = spawnSync(script, [PLANS[0], "--format", "xml"], { encoding: "utf8" });
    assert.equal(bad.status, 2);
    assert.match(bad.stderr, /--format "xml": allowed: text, markdown, json/);
    const missing = spawnSync(script, ["no-such.json"], { encoding: "utf8" });
    assert.equal(missing.status, 2);
    assert.match(missing.stderr, /cannot read no-such\.json: ENOENT/);
});
