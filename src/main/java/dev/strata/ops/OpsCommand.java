package dev.strata.ops;

import dev.strata.config.Cloud;
import dev.strata.config.ConfigException;
import dev.strata.config.NodePoolConfig;
import dev.strata.config.StackConfig;
import dev.strata.config.StackConfigLoader;
import dev.strata.plan.PlanJson;
import dev.strata.plan.Planner;
import dev.strata.plan.StackFiles;
import dev.strata.platform.Naming;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The one validation entry point of the on-call scripts (scale, stop, start, backup, restore-drill, chaos):
 * stack config through the program's own {@link StackConfigLoader}, URNs from the offline plan, live
 * names from {@code pulumi stack export}. Prints {@code key=value} lines the scripts read. Exit codes:
 * 0 done, 2 bad input (message names the argument or key, the value and what is allowed), 1 anything else.
 */
public final class OpsCommand {
    static final String USAGE = """
            usage: ops stack <stack> [--cloud aws|gcp]                  validated facts of a stack
                   ops pools <stack> [--cloud aws|gcp] [--plan FILE]    node pools from config (+ URN from the plan)
                   ops scale <stack> <pool> --min N --max M [--desired D] [--cloud aws|gcp] [--plan FILE] [--plan-out FILE]
                             [--create --aws-instance-type T --gcp-machine-type T]
                   ops pool-urn <plan.json> <pool>                      URN of a node pool in an offline plan
                   ops urn <plan.json> <type>                           URN of the one resource of a type
                   ops state <export.json> <urn> <output-path>          a live output from pulumi stack export
                   ops alerts <plan.json>                               the alerts the plan declares
                   ops chaos-verdict <load-json> <before> <after> <threshold-percent>   judge a chaos run""";

    private OpsCommand() {
    }

    public static void main(String[] args) {
        int code = run(args, Path.of("").toAbsolutePath(), System.out, System.err);
        System.out.flush();
        System.exit(code);
    }

    /** The command without {@code System.exit}, for tests. */
    public static int run(String[] args, Path projectDir, PrintStream out, PrintStream err) {
        try {
            if (args.length == 0) {
                throw new IllegalArgumentException("which command?");
            }
            var rest = new ArrayList<>(List.of(args).subList(1, args.length));
            switch (args[0]) {
                case "stack" -> stack(projectDir, Args.parse(rest, 1, List.of("--cloud")), out);
                case "pools" -> pools(projectDir, Args.parse(rest, 1, List.of("--cloud", "--plan")), out);
                case "scale" -> scale(projectDir, Args.parse(rest, 2, List.of("--cloud", "--min", "--max",
                        "--desired", "--plan", "--plan-out", "--aws-instance-type", "--gcp-machine-type", "--create")), out);
                case "pool-urn" -> {
                    var a = Args.parse(rest, 2, List.of());
                    out.println(PlanFile.read(Path.of(a.positional(0))).poolUrn(a.positional(1)));
                }
                case "urn" -> {
                    var a = Args.parse(rest, 2, List.of());
                    out.println(PlanFile.read(Path.of(a.positional(0))).urnOfType(a.positional(1)));
                }
                case "state" -> {
                    var a = Args.parse(rest, 3, List.of());
                    out.println(StateFile.read(Path.of(a.positional(0))).output(a.positional(1), a.positional(2)));
                }
                case "chaos-verdict" -> {
                    var a = Args.parse(rest, 4, List.of());
                    var v = ChaosVerdict.of(a.positional(0), count(a.positional(1), "before"),
                            count(a.positional(2), "after"), percent(a.positional(3)));
                    v.report().forEach(out::println);
                    return v.passed() ? 0 : 1;
                }
                case "alerts" -> PlanFile.read(Path.of(Args.parse(rest, 1, List.of()).positional(0))).alerts()
                        .forEach(out::println);
                default -> throw new IllegalArgumentException("unknown command " + args[0]);
            }
            return 0;
        } catch (ConfigException | IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
            return 2;
        } catch (IOException | RuntimeException e) {
            err.println("error: " + e);
            return 1;
        }
    }

    private static long count(String v, String what) {
        if (!v.matches("\\d{1,18}")) {
            throw new IllegalArgumentException("counter " + what + " \"" + v + "\": allowed: a whole number");
        }
        return Long.parseLong(v);
    }

    private static java.math.BigDecimal percent(String v) {
        if (!v.matches("\\d{1,3}(\\.\\d{1,4})?")) {
            throw new IllegalArgumentException("threshold \"" + v + "\": allowed: a percentage such as 0.1");
        }
        return new java.math.BigDecimal(v);
    }

    private static StackConfig load(Path projectDir, Args a) {
        return StackConfigLoader.load(StackFiles.source(projectDir, a.positional(0), a.cloudOverride()));
    }

    private static void stack(Path projectDir, Args a, PrintStream out) {
        StackConfig cfg = load(projectDir, a);
        var naming = new Naming(cfg.project(), cfg.stack());
        out.println("project=" + cfg.project());
        out.println("stack=" + cfg.stack());
        out.println("cloud=" + cfg.cloud().id());
        out.println("environment=" + cfg.environment().id());
        out.println("region=" + cfg.region());
        out.println("gcpProject=" + cfg.gcpProject().orElse(""));
        out.println("namespace=" + naming.appNamespace());
        out.println("appPort=" + cfg.app().port());
        out.println("appReplicas=" + cfg.app().replicas());
        out.println("dbInstanceClass=" + cfg.database().instanceClass());
        out.println("dbEngineVersion=" + cfg.database().engineVersion());
        out.println("pools=" + String.join(" ", cfg.cluster().nodePools().keySet()));
    }

    private static void pools(Path projectDir, Args a, PrintStream out) {
        StackConfig cfg = load(projectDir, a);
        Optional<PlanFile> plan = a.option("--plan").map(p -> PlanFile.read(Path.of(p)));
        for (NodePoolConfig p : cfg.cluster().nodePools().values()) {
            out.printf(Locale.ROOT, "%s %s %d %d %d %s %s%n", p.name(), p.machineType(), p.minSize(),
                    p.desiredSize(), p.maxSize(), plan.map(f -> f.poolUrn(p.name())).orElse("-"),
                    plan.map(f -> f.poolNodeSelector(p.name())).orElse("-"));
        }
    }

    private static void scale(Path projectDir, Args a, PrintStream out) throws IOException {
        var request = new PoolChange.Request(a.positional(1), a.integer("--min").orElseThrow(() ->
                new IllegalArgumentException("--min is required (the pool's lower bound)")),
                a.integer("--max").orElseThrow(() -> new IllegalArgumentException("--max is required (the pool's"
                        + " upper bound)")),
                a.integer("--desired"), a.flag("--create"), a.option("--aws-instance-type"),
                a.option("--gcp-machine-type"));
        PoolChange change = PoolChange.of(projectDir, a.positional(0), a.cloudOverride(), request);
        StackConfig cfg = change.after();
        out.println("cloud=" + cfg.cloud().id());
        out.println("environment=" + cfg.environment().id());
        out.println("region=" + cfg.region());
        out.println("gcpProject=" + cfg.gcpProject().orElse(""));
        out.println("pool=" + change.pool().name());
        out.println("machineType=" + change.pool().machineType());
        out.println("min=" + change.pool().minSize());
        out.println("max=" + change.pool().maxSize());
        out.println("desired=" + request.desired().map(String::valueOf).orElse(""));
        out.println("create=" + change.created());
        change.sets().forEach(s -> out.println("set=" + s.getKey() + " " + s.getValue()));
        if (a.option("--plan-out").isPresent()) {
            Path file = Path.of(a.option("--plan-out").get());
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, PlanJson.write(Planner.plan(cfg)), StandardCharsets.UTF_8);
            out.println("plan=" + file);
        }
        // the URN to --target: from the stack's offline plan, or for a new pool from the proposed config's plan
        Optional<String> planFile = change.created() ? a.option("--plan-out") : a.option("--plan");
        planFile.ifPresent(p -> out.println("urn=" + PlanFile.read(Path.of(p)).poolUrn(change.pool().name())));
    }

    /** Positional arguments and {@code --name value} options; {@code --create} is the one flag. */
    record Args(List<String> positionals, Map<String, String> options) {
        static Args parse(List<String> args, int positionals, List<String> allowed) {
            var pos = new ArrayList<String>();
            var opts = new HashMap<String, String>();
            for (int i = 0; i < args.size(); i++) {
                String s = args.get(i);
                if (s.startsWith("--")) {
                    if (!allowed.contains(s)) {
                        throw new IllegalArgumentException("unknown option " + s + (allowed.isEmpty() ? ""
                                : " (allowed: " + String.join(", ", allowed) + ")"));
                    }
                    if (s.equals("--create")) {
                        opts.put(s, "true");
                    } else if (i + 1 >= args.size()) {
                        throw new IllegalArgumentException(s + " needs a value");
                    } else {
                        opts.put(s, args.get(++i));
                    }
                } else {
                    pos.add(s);
                }
            }
            if (pos.size() != positionals) {
                throw new IllegalArgumentException("expected " + positionals + " argument(s), got " + pos.size()
                        + (pos.isEmpty() ? "" : ": " + String.join(" ", pos)));
            }
            return new Args(pos, opts);
        }

        String positional(int i) {
            return positionals.get(i);
        }

        Optional<String> option(String name) {
            return Optional.ofNullable(options.get(name));
        }

        boolean flag(String name) {
            return options.containsKey(name);
        }

        Optional<Integer> integer(String name) {
            return option(name).map(v -> {
                if (!v.matches("\\d{1,3}")) {
                    throw new IllegalArgumentException(name + " \"" + v + "\": allowed: a whole number from 0 to 100");
                }
                return Integer.parseInt(v);
            });
        }

        Map<String, String> cloudOverride() {
            return option("--cloud").map(c -> {
                try {
                    return Map.of("cloud", Cloud.valueOf(c.toUpperCase(Locale.ROOT)).id());
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("--cloud \"" + c + "\": allowed: aws, gcp");
                }
            }).orElse(Map.of());
        }
    }
}
