import { Finding, resourcePolicy } from "../../lib/policy";
import { at } from "../../lib/props";

export const policy = resourcePolicy({
    name: "aws-ecr-repository-immutable-scanned",
    description: "Image repositories must have immutable tags (a tag never points at other bytes) and scan on push; set imageTagMutability IMMUTABLE and imageScanningConfiguration.scanOnPush true.",
    enforcementLevel: "mandatory",
    types: ["aws:ecr/repository:Repository"],
    check: (p) => {
        const out: Finding[] = [];
        out.push(() => ((p.imageTagMutability !== "IMMUTABLE") ? "tags are mutable." : undefined));
        out.push(() => ((at(p, "imageScanningConfiguration.scanOnPush") !== true) ? "images are not scanned on push." : undefined));
        return out;
    },
});
