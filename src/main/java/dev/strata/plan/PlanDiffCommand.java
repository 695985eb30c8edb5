package dev.strata.plan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code scripts/plan-diff <base.json> <head.json> [--markdown] [--allow-replace]}: what a change does, offline.
 * Exit codes: 0 no stateful replacement, 3 a stateful resource would be replaced or destroyed (unless
 * {@code --allow-replace}), 2 bad usage or unreadable plans.
 */
public final class PlanDiffCommand {
    static final String USAGE = """
            usage: scripts/plan-diff <base.json> <head.json> [--markdown] [--allow-replace]
              --markdown       Markdown for a pull-request comment instead of text
              --allow-replace  report stateful replacements but exit 0 (the change is deliberate)
            exit: 0 fine, 3 would replace/destroy a stateful resource, 2 bad usage""";

    private PlanDiffCommand() {
    }

    public static void main(String[] args) {
        int code = run(args, System.out, System.err);
        System.out.flush();
        System.exit(code);
    }

    public static int run(String[] args, PrintStream out, PrintStream err) {
        boolean markdown = false;
        boolean allow = false;
        List<String> files = new ArrayList<>();
        for (String a : args) {
            switch (a) {
                case "--markdown" -> markdown = true;
                case "--allow-replace" -> allow = true;
                case "-h", "--help" -> {
                    out.println(USAGE);
                    return 0;
                }
                default -> {
                    if (a.startsWith("-")) {
                        err.println("error: unknown option " + a);
                        err.println(USAGE);
                        return 2;
                    }
                    files.add(a);
                }
            }
        }
        if (files.size() != 2) {
            err.println("error: need exactly two plan files (base and head), got " + files.size());
            err.println(USAGE);
            return 2;
        }
        JsonNode base;
        JsonNode head;
        try {
            base = read(Path.of(files.get(0)));
            head = read(Path.of(files.get(1)));
        } catch (IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
            return 2;
        }
        PlanDiff.Result result = PlanDiff.diff(base, head);
        out.print(markdown ? PlanDiffReport.markdown(result) : PlanDiffReport.text(result));
        if (!result.guarded().isEmpty()) {
            if (allow) {
                err.println("stateful replacement allowed by --allow-replace");
                return 0;
            }
            err.println("error: the change would replace or destroy a stateful resource; review it and pass"
                    + " --allow-replace if it is deliberate");
            return 3;
        }
        return 0;
    }

    private static JsonNode read(Path file) {
        try {
            JsonNode plan = new ObjectMapper().readTree(Files.readString(file));
            if (plan == null || !plan.path("resources").isArray()) {
                throw new IllegalArgumentException(file + " is not a plan.json (no \"resources\" list)");
            }
            int version = plan.path("schemaVersion").asInt(1);
            if (version > PlanJson.SCHEMA_VERSION) {
                throw new IllegalArgumentException(file + " has plan.json schemaVersion " + version
                        + "; this scripts/plan-diff reads up to " + PlanJson.SCHEMA_VERSION);
            }
            return plan;
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + file + ": " + e.getMessage());
        }
    }
}
