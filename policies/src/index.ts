// The pack under the Pulumi CLI: `pulumi preview --policy-pack policies`. Only constructs the PolicyPack.
import { PolicyPack } from "@pulumi/policy";
import { packName, policies } from "./pack";

new PolicyPack(packName, { enforcementLevel: "mandatory", policies });
