package dev.strata;

import dev.strata.aws.AwsPlatform;
import dev.strata.gcp.GcpPlatform;
import dev.strata.platform.Platform;
import dev.strata.support.Fixtures;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The house rules of ../STYLE that the compiler cannot check. */
class ArchitectureTest {
    private static final java.util.regex.Pattern BRANCH = java.util.regex.Pattern.compile(
            "case (Cloud\\.)?(AWS|GCP)\\b|[=!]= *Cloud\\.(AWS|GCP)|Cloud\\.(AWS|GCP) *[=!]=|switch *\\([^)]*cloud\\(\\)");
    private static final Path MAIN = Fixtures.projectDir().resolve("src/main/java/dev/strata");

    private static List<Path> sources() throws IOException {
        try (Stream<Path> s = Files.walk(MAIN)) {
            return s.filter(p -> p.toString().endsWith(".java")).sorted().toList();
        }
    }

    private static String pkg(Path p) {
        return MAIN.relativize(p).getNameCount() == 1 ? "" : MAIN.relativize(p).getName(0).toString();
    }

    @Test
    void onlyTheTwoCloudPlatformsImplementTheContract() throws Exception {
        Set<String> implementors = new java.util.TreeSet<>();
        Path classes = Fixtures.projectDir().resolve("target/classes");
        try (Stream<Path> s = Files.walk(classes)) {
            for (Path p : s.filter(f -> f.toString().endsWith(".class")).toList()) {
                String name = classes.relativize(p).toString().replace('/', '.').replaceAll("\\.class$", "");
                Class<?> c = Class.forName(name, false, getClass().getClassLoader());
                if (Platform.class.isAssignableFrom(c) && c != Platform.class) {
                    implementors.add(c.getName());
                }
            }
        }
        assertEquals(Set.of(AwsPlatform.class.getName(), GcpPlatform.class.getName()), implementors);
    }

    @Test
    void cloudSdksAreUsedOnlyInTheirOwnPackages() throws Exception {
        for (Path p : sources()) {
            String text = Files.readString(p);
            String pkg = pkg(p);
            if (!pkg.equals("aws")) {
                assertTrue(!text.contains("import com.pulumi.aws."), p + " imports the AWS SDK");
            }
            if (!pkg.equals("gcp")) {
                assertTrue(!text.contains("import com.pulumi.gcp."), p + " imports the GCP SDK");
            }
        }
    }

    @Test
    void onlyInfraBranchesOnTheCloud() throws Exception {
        var offenders = sources().stream()
                .filter(p -> !pkg(p).equals("config") && !p.getFileName().toString().equals("Infra.java"))
                .filter(p -> {
                    try {
                        String t = Files.readString(p);
                        return BRANCH.matcher(t).find();
                    } catch (IOException e) {
                        throw new IllegalStateException(e);
                    }
                })
                .map(p -> MAIN.relativize(p).toString()).collect(Collectors.toList());
        assertEquals(List.of(), offenders);
    }

    @Test
    void configIsReadOnlyThroughTheLoader() throws Exception {
        var readers = sources().stream().filter(p -> {
            try {
                return Files.readAllLines(p).stream().map(String::trim)
                        .filter(l -> !l.startsWith("*") && !l.startsWith("/"))
                        .anyMatch(l -> l.contains(".config()"));
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }).map(p -> MAIN.relativize(p).toString()).toList();
        assertEquals(List.of("config/EngineConfig.java"), readers);
    }

    @Test
    void mainIsOneLine() throws Exception {
        String main = Files.readString(MAIN.resolve("Main.java"));
        String body = main.substring(main.indexOf("public static void main"));
        body = body.substring(body.indexOf('{') + 1, body.indexOf('}')).trim();
        assertEquals(1, body.lines().count(), body);
        assertEquals("Pulumi.run(ctx -> program(ctx, System::getenv));", body);
        // the one program the CLI and the offline planner both run: config through the engine, then build
        String program = main.substring(main.indexOf("public static StackConfig program"));
        assertTrue(program.contains("StackConfigLoader.load(EngineConfig.source(ctx, env))"), program);
        assertTrue(program.contains("Infra.build(ctx, cfg)"), program);
    }
}
