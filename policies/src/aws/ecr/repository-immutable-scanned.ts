import { resourcePolicy } from "../../lib/policy";
import { at } from "../../lib/props";

export const policy = resourcePolicy({
    name: "aws-ecr-repository-immutable-scanned",
    description: "Image repositories must have immutable tags (a tag never points at other bytes) and scan on push; set imageTagMutability IMMUTABLE and imageScanningConfiguration.scanOnPush true.",
    enforcementLevel: "mandatory",
    types: ["aws:ecr/repository:Repository"],
    check: (p) => {
        const out: string[] = [];
        if (p.imageTagMutability !== "IMMUTABLE") {
            out.push("tags are mutable.");
        }
        if (at(p, "imageScanningConfiguration.scanOnPush") !== true) {
            out.push("images are not scanned on push.");
        }
        return out;
    },
});
