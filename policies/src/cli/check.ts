// scripts/policy-check: the pack against plan.json files through the engine's protocol. Starts the pack
// as the CLI does (run-policy-pack), Configures it, sends Analyze per resource and AnalyzeStack per plan,
// prints every diagnostic and exits 1 on any mandatory one, 2 on bad usage or unreadable input, else 0.
import * as fs from "fs";
import * as path from "path";
import { PolicyPackProcess } from "../gate/analyzer";
import { evaluate, PackConfig, resolveConfig } from "../gate/evaluate";
import { Plan } from "../gate/plan";

const USAGE = "usage: scripts/policy-check [--config pack-config.json] <plan.json>...";

async function main(argv: string[]): Promise<number> {
    let config: PackConfig = {};
    const files: string[] = [];
    for (let i = 0; i < argv.length; i++) {
        if (argv[i] === "--config") {
            const file = argv[++i];
            if (!file) {
                console.error(`error: --config needs a file\n${USAGE}`);
                return 2;
            }
            try {
                config = JSON.parse(fs.readFileSync(file, "utf8"));
            } catch (e) {
                console.error(`error: cannot read --config ${file}: ${(e as Error).message}`);
                return 2;
            }
        } else if (argv[i].startsWith("-")) {
            console.error(`error: unknown option ${argv[i]}\n${USAGE}`);
            return 2;
        } else {
            files.push(argv[i]);
        }
    }
    if (files.length === 0) {
        console.error(USAGE);
        return 2;
    }
    const plans: [string, Plan][] = [];
    for (const file of files) {
        try {
            const plan = JSON.parse(fs.readFileSync(file, "utf8"));
            if (!Array.isArray(plan?.resources)) {
                throw new Error("no \"resources\" list (not a plan.json of scripts/plan)");
            }
            plans.push([file, plan]);
        } catch (e) {
            console.error(`error: cannot read ${file}: ${(e as Error).message}`);
            return 2;
        }
    }
    const pack = await PolicyPackProcess.start(path.join(__dirname, "..", ".."));
    try {
        const info = await pack.info();
        try {
            await pack.configure(resolveConfig(info.policies, config));
        } catch (e) {
            console.error(`error: ${(e as Error).message}`);
            return 2;
        }
        let mandatory = 0;
        for (const [file, plan] of plans) {
            const found = await evaluate(pack, plan);
            for (const d of found) {
                console.log(`${d.level.toUpperCase().padEnd(9)} ${d.policy}  ${d.urn}\n          ${d.message.replace(/\n/g, "\n          ")}`);
            }
            const m = found.filter((d) => d.level === "mandatory").length;
            mandatory += m;
            console.log(`${file}: ${plan.stack} on ${plan.cloud}${plan.preview ? " (preview)" : ""}, ${plan.resources.length} resources, `
                + `${info.policies.length} policies: ${m} mandatory and ${found.length - m} advisory violations`);
        }
        return mandatory > 0 ? 1 : 0;
    } finally {
        pack.stop();
    }
}

main(process.argv.slice(2)).then((code) => process.exit(code), (e) => {
    console.error(`error: ${e?.stack ?? e}`);
    process.exit(2);
});
