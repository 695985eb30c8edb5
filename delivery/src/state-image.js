"use strict";
// Prints the image the stack's workload runs now, read from `pulumi stack export` on stdin (the inputs of
// its Deployments), or nothing for a stack with no workload yet. scripts/deploy rolls back to it.
//   pulumi stack export --stack dev | node delivery/src/state-image.js
const fs = require("fs");

function deployedImage(state) {
    const images = new Set();
    for (const r of state?.deployment?.resources ?? []) {
        if (r.type !== "kubernetes:apps/v1:Deployment") continue;
        for (const c of r.inputs?.spec?.template?.spec?.containers ?? []) if (c.image) images.add(c.image);
    }
    if (images.size > 1) throw new Error(`the stack runs more than one image: ${[...images].join(", ")}`);
    return [...images][0] ?? "";
}

module.exports = { deployedImage };

if (require.main === module) {
    try {
        const image = deployedImage(JSON.parse(fs.readFileSync(0, "utf8")));
        if (image) console.log(image);
    } catch (e) {
        console.error(`error: ${e.message}`);
        process.exitCode = 1;
    }
}
