// The engine's side of the Analyzer protocol: starts the pack the way the Pulumi CLI does (node runs
// @pulumi/pulumi's cmd/run-policy-pack in the pack's directory; it registers ts-node, loads package.json
// `main`, and the pack prints its gRPC port on stdout) and calls its Analyzer service with the stubs of
// @pulumi/pulumi/proto. The gRPC, protobuf and stub modules are loaded from @pulumi/pulumi's own
// dependency tree, the copies the pack's server uses.
import { ChildProcess, spawn } from "child_process";
import { createRequire } from "module";
import * as path from "path";

const pulumiRequire = createRequire(require.resolve("@pulumi/pulumi/package.json"));
const grpc = pulumiRequire("@grpc/grpc-js");
const pb = pulumiRequire("./proto/analyzer_pb");
const rpcStubs = pulumiRequire("./proto/analyzer_grpc_pb");
const structPb = pulumiRequire("google-protobuf/google/protobuf/struct_pb");
const emptyPb = pulumiRequire("google-protobuf/google/protobuf/empty_pb");

export type Level = "advisory" | "mandatory" | "disabled" | "remediate";
const LEVELS: Level[] = ["advisory", "mandatory", "disabled", "remediate"]; // pulumirpc.EnforcementLevel order

export interface PolicyInfo {
    name: string;
    description: string;
    enforcementLevel: Level;
    configSchema: { properties: Record<string, any>; required: string[] };
}

export interface Diagnostic {
    policy: string;
    pack: string;
    level: Level;
    urn: string;
    /** The violation's own text (the library prefixes it with the policy's description). */
    message: string;
}

/** Wire messages, built by wire.ts. */
export const proto = { pb, Struct: structPb.Struct };

export class PolicyPackProcess {
    private constructor(private readonly child: ChildProcess, private readonly client: any, readonly port: number) {}

    /** Starts the pack in packDir through run-policy-pack and connects once it prints its port. */
    static async start(packDir: string): Promise<PolicyPackProcess> {
        const runner = path.join(packDir, "node_modules", "@pulumi", "pulumi", "cmd", "run-policy-pack");
        // argv as the CLI's language host passes it: <engine-address> <pack-directory>; cwd is the pack.
        const child = spawn(process.execPath, [runner, "127.0.0.1:0", "."], { cwd: packDir, stdio: ["ignore", "pipe", "pipe"] });
        let stderr = "";
        child.stderr!.on("data", (d) => { stderr += d.toString(); });
        const port = await new Promise<number>((resolve, reject) => {
            let stdout = "";
            const onData = (d: Buffer) => {
                stdout += d.toString();
                const m = /^(\d+)\s*$/m.exec(stdout);
                if (m) {
                    child.stdout!.off("data", onData);
                    resolve(Number(m[1]));
                }
            };
            child.stdout!.on("data", onData);
            child.on("exit", (code) => reject(new Error(`the policy pack exited (${code}) before printing its port:\n${stdout}${stderr}`)));
            child.on("error", reject);
        });
        child.stdout!.resume();
        const client = new rpcStubs.AnalyzerClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure(),
            { "grpc.max_receive_message_length": 400 * 1024 * 1024, "grpc.max_send_message_length": 400 * 1024 * 1024 });
        return new PolicyPackProcess(child, client, port);
    }

    private call<T>(method: string, request: any): Promise<T> {
        return new Promise((resolve, reject) => this.client[method](request, (err: any, res: T) => (err ? reject(err) : resolve(res))));
    }

    async info(): Promise<{ name: string; version: string; policies: PolicyInfo[] }> {
        const res: any = await this.call("getAnalyzerInfo", new emptyPb.Empty());
        return {
            name: res.getName(),
            version: res.getVersion(),
            policies: res.getPoliciesList().map((p: any) => ({
                name: p.getName(),
                description: p.getDescription(),
                enforcementLevel: LEVELS[p.getEnforcementlevel()],
                configSchema: {
                    properties: p.getConfigschema()?.getProperties()?.toJavaScript() ?? {},
                    required: p.getConfigschema()?.getRequiredList() ?? [],
                },
            })),
        };
    }

    /** Configure: every policy's level and config (defaults applied, as the engine sends it). */
    async configure(config: Record<string, { enforcementLevel: Level; [k: string]: any }>): Promise<void> {
        const req = new pb.ConfigureAnalyzerRequest();
        const map = req.getPolicyconfigMap();
        for (const [name, c] of Object.entries(config)) {
            const { enforcementLevel, ...props } = c;
            const pc = new pb.PolicyConfig();
            pc.setEnforcementlevel(LEVELS.indexOf(enforcementLevel));
            pc.setProperties(structPb.Struct.fromJavaScript(props));
            map.set(name, pc);
        }
        await this.call("configure", req);
    }

    async analyze(request: any): Promise<Diagnostic[]> {
        return diagnostics(await this.call("analyze", request));
    }

    async analyzeStack(request: any): Promise<Diagnostic[]> {
        return diagnostics(await this.call("analyzeStack", request));
    }

    stop(): void {
        this.client.close();
        this.child.kill();
    }
}

function diagnostics(res: any): Diagnostic[] {
    return res.getDiagnosticsList().map((d: any) => {
        const description: string = d.getDescription();
        const full: string = d.getMessage();
        return {
            policy: d.getPolicyname(),
            pack: d.getPolicypackname(),
            level: LEVELS[d.getEnforcementlevel()],
            urn: d.getUrn(),
            message: full.startsWith(description + "\n") ? full.substring(description.length + 1) : full,
        };
    });
}
