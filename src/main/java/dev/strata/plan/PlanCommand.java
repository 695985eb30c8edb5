package dev.strata.plan;

import dev.strata.config.Cloud;
import dev.strata.config.ConfigException;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code scripts/plan}: the offline plan. Loads {@code Pulumi.yaml} + {@code Pulumi.<stack>.yaml} through
 * the same loader as {@code Main}, runs the program under the mock engine, prints the tree, writes
 * {@code plan.json} and the diagram. {@code --all} plans every stack on both clouds and rewrites the
 * golden inventory. Exit codes: 0 done, 2 bad config or usage (message only), 1 anything else.
 */
public final class PlanCommand {
    static final String USAGE = """
            usage: scripts/plan <stack> [--cloud aws|gcp] [--preview] [--config key=value]... [--out FILE] [--quiet]
                   scripts/plan --all [--quiet]   plan (and preview-plan) every stack x cloud, rewrite inventory/
              --preview  plan as `pulumi preview` on a stack with no state: provider-computed values are
                         "[unknown]"; writes build/plan/<stack>-<cloud>.preview.json
              --config   a config key (bare, e.g. ciGithubRepo=acme/strata) as if the stack file set it""";

    private PlanCommand() {
    }

    public static void main(String[] args) {
        int code = run(args, Path.of("").toAbsolutePath(), System.out, System.err);
        System.out.flush();
        System.exit(code);
    }

    /** The command without {@code System.exit}, for tests. */
    public static int run(String[] args, Path projectDir, PrintStream out, PrintStream err) {
        Options o;
        try {
            o = Options.parse(args);
        } catch (IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
            err.println(USAGE);
            return 2;
        }
        try {
            if (o.all) {
                for (String stack : StackFiles.stacks(projectDir)) {
                    for (Cloud cloud : Cloud.values()) {
                        planOne(projectDir, stack, cloud, Map.of(), true, null, out, true);
                        Plan plan = planOne(projectDir, stack, cloud, Map.of(), false, null, out, true);
                        Path inv = projectDir.resolve("inventory").resolve(stack + "-" + cloud.id() + ".txt");
                        Files.createDirectories(inv.getParent());
                        Files.writeString(inv, Inventory.render(plan), StandardCharsets.UTF_8);
                        out.println("wrote " + projectDir.relativize(inv));
                    }
                }
            } else {
                planOne(projectDir, o.stack, o.cloud, o.config, o.preview, o.out, out, o.quiet);
            }
            return 0;
        } catch (ConfigException e) {
            err.println("error: " + e.getMessage());
            return 2;
        } catch (IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
            return 2;
        } catch (IOException | RuntimeException e) {
            err.println("error: the plan failed: " + e);
            e.printStackTrace(err);
            return 1;
        }
    }

    static Plan planOne(Path projectDir, String stack, Cloud cloudOverride, Map<String, String> config,
                        boolean preview, Path outFile, PrintStream out, boolean quiet) throws IOException {
        long start = System.nanoTime();
        var overrides = new java.util.LinkedHashMap<>(config);
        if (cloudOverride != null) {
            overrides.put("cloud", cloudOverride.id());
        }
        Plan plan = Planner.plan(StackFiles.engineInput(projectDir, stack, overrides), preview);
        Path json = outFile != null ? outFile
                : projectDir.resolve("build/plan").resolve(stack + "-" + plan.cloud().id()
                + (preview ? ".preview" : "") + ".json");
        Files.createDirectories(json.toAbsolutePath().getParent());
        Files.writeString(json, PlanJson.write(plan), StandardCharsets.UTF_8);
        Path dot = json.resolveSibling(json.getFileName().toString().replaceAll("\\.json$", "") + ".dot");
        Files.writeString(dot, Diagram.dot(plan), StandardCharsets.UTF_8);
        if (!quiet) {
            out.print(PlanTree.render(plan));
            out.println();
        }
        out.printf(Locale.ROOT, "%s %s on %s: %d resources in %d ms; wrote %s and %s%n",
                preview ? "preview-planned" : "planned", stack, plan.cloud().id(), plan.resources().size(), (System.nanoTime() - start) / 1_000_000,
                display(projectDir, json), display(projectDir, dot));
        return plan;
    }

    private static String display(Path projectDir, Path p) {
        Path abs = p.toAbsolutePath().normalize();
        return abs.startsWith(projectDir) ? projectDir.relativize(abs).toString() : p.toString();
    }

    record Options(boolean all, String stack, Cloud cloud, Map<String, String> config, boolean preview, Path out,
                   boolean quiet) {
        static Options parse(String[] args) {
            boolean all = false;
            boolean preview = false;
            boolean quiet = false;
            String stack = null;
            Cloud cloud = null;
            Path out = null;
            var config = new java.util.LinkedHashMap<String, String>();
            List<String> rest = new ArrayList<>(List.of(args));
            for (int i = 0; i < rest.size(); i++) {
                String a = rest.get(i);
                switch (a) {
                    case "--all" -> all = true;
                    case "--quiet" -> quiet = true;
                    case "--preview" -> preview = true;
                    case "--cloud" -> {
                        String v = value(rest, ++i, a);
                        try {
                            cloud = Cloud.valueOf(v.toUpperCase(Locale.ROOT));
                        } catch (IllegalArgumentException e) {
                            throw new IllegalArgumentException("--cloud \"" + v + "\": allowed: aws, gcp");
                        }
                    }
                    case "--out" -> out = Path.of(value(rest, ++i, a));
                    case "--config" -> {
                        String v = value(rest, ++i, a);
                        int eq = v.indexOf('=');
                        if (eq <= 0 || v.substring(0, eq).contains(":") || v.substring(0, eq).equals("cloud")) {
                            throw new IllegalArgumentException("--config \"" + v + "\": expected key=value with a"
                                    + " bare key (e.g. ciGithubRepo=acme/strata); the cloud is --cloud");
                        }
                        config.put(v.substring(0, eq), v.substring(eq + 1));
                    }
                    case "-h", "--help" -> throw new IllegalArgumentException("help requested");
                    default -> {
                        if (a.startsWith("-")) {
                            throw new IllegalArgumentException("unknown option " + a);
                        }
                        if (stack != null) {
                            throw new IllegalArgumentException("one stack only, got " + stack + " and " + a);
                        }
                        stack = a;
                    }
                }
            }
            if (all && (stack != null || cloud != null || out != null || preview || !config.isEmpty())) {
                throw new IllegalArgumentException("--all plans and preview-plans every stack on both clouds; it"
                        + " takes no stack, --cloud, --preview, --config or --out");
            }
            if (!all && stack == null) {
                throw new IllegalArgumentException("which stack? e.g. scripts/plan dev");
            }
            return new Options(all, stack, cloud, Map.copyOf(config), preview, out, quiet);
        }

        private static String value(List<String> args, int i, String flag) {
            if (i >= args.size()) {
                throw new IllegalArgumentException(flag + " needs a value");
            }
            return args.get(i);
        }
    }
}
