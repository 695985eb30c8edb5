// scripts/policy-check: the pack against offline plans. Prints every violation and exits 1 on any
// mandatory one, 2 on bad usage or unreadable input, 0 otherwise.
import * as fs from "fs";
import { evaluate, PackConfig, Plan } from "../lib/gate";
import { policies } from "../pack";

async function main(argv: string[]): Promise<number> {
    let config: PackConfig = {};
    const files: string[] = [];
    for (let i = 0; i < argv.length; i++) {
        if (argv[i] === "--config") {
            const file = argv[++i];
            if (!file) {
                console.error("error: --config needs a file");
                return 2;
            }
            config = JSON.parse(fs.readFileSync(file, "utf8"));
        } else if (argv[i].startsWith("-")) {
            console.error(`error: unknown option ${argv[i]}`);
            return 2;
        } else {
            files.push(argv[i]);
        }
    }
    if (files.length === 0) {
        console.error("usage: scripts/policy-check [--config pack-config.json] <plan.json>...");
        return 2;
    }
    let mandatory = 0;
    let advisory = 0;
    for (const file of files) {
        let plan: Plan;
        try {
            plan = JSON.parse(fs.readFileSync(file, "utf8"));
        } catch (e) {
            console.error(`error: cannot read ${file}: ${(e as Error).message}`);
            return 2;
        }
        const violations = await evaluate(plan, config);
        for (const v of violations) {
            console.log(`${v.level.toUpperCase().padEnd(9)} ${v.policy}  ${v.urn}\n          ${v.message}`);
        }
        const m = violations.filter((v) => v.level === "mandatory").length;
        mandatory += m;
        advisory += violations.length - m;
        console.log(`${file}: ${plan.stack} on ${plan.cloud}, ${plan.resources.length} resources, ${policies.length} policies: `
            + `${m} mandatory and ${violations.length - m} advisory violations`);
    }
    return mandatory > 0 ? 1 : 0;
}

main(process.argv.slice(2)).then((code) => process.exit(code), (e) => {
    console.error(`error: ${e?.stack ?? e}`);
    process.exit(2);
});
