package dev.strata.counter;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Items 12 and 13, the image as written: base images pinned by digest on a current patch, container-aware JVM flags
 * for 1 CPU / 512 MiB, a writable data directory for the embedded mode. (Running the image's embedded mode needs a
 * container runtime: scripts/test does it where one exists.)
 */
class ImageTest {
    static final Path DOCKERFILE = Path.of("Dockerfile");

    @Test
    void baseImagesArePinnedByDigestAndTheRuntimeIsACurrentPatch() throws Exception {
        var from = Files.readAllLines(DOCKERFILE).stream().filter(l -> l.startsWith("FROM ")).toList();
        assertEquals(2, from.size(), from.toString());
        for (String line : from) {
            assertTrue(Pattern.compile("^FROM \\S+:\\S+@sha256:[0-9a-f]{64}( AS \\w+)?$").matcher(line).matches(),
                    "pinned by tag and digest: " + line);
        }
        var runtime = Pattern.compile("eclipse-temurin:21\\.0\\.(\\d+)(\\.\\d+)?_\\d+-jre-noble@").matcher(from.get(1));
        assertTrue(runtime.find(), from.get(1));
        assertTrue(Integer.parseInt(runtime.group(1)) >= 12, "21.0.12 (the newest Temurin 21 patch when pinned) or later: " + from.get(1));
    }

    @Test
    void theJvmIsSizedForOneCpuAnd512MiBWithAStatedCollector() throws Exception {
        String text = Files.readString(DOCKERFILE);
        var opts = Pattern.compile("JAVA_TOOL_OPTIONS=\"([^\"]*)\"").matcher(text);
        assertTrue(opts.find());
        List<String> flags = List.of(opts.group(1).split(" "));
        for (String f : List.of("-XX:+UseSerialGC", "-XX:MaxRAMPercentage=60", "-XX:+ExitOnOutOfMemoryError",
                "-Djava.io.tmpdir=/tmp")) {
            assertTrue(flags.contains(f), f + " in " + flags);
        }
        assertFalse(flags.stream().anyMatch(f -> f.startsWith("-Xmx") || f.equals("-XX:-UseContainerSupport")),
                "the heap follows the container limit");
        assertTrue(text.contains("GC: Serial."), "the GC choice is stated with its reason");
    }

    @Test
    void theEmbeddedModeHasAWritableDataDirectoryOwnedByTheRuntimeUser() throws Exception {
        String text = Files.readString(DOCKERFILE);
        assertTrue(text.contains("install -d -o 10001 -g 10001 -m 0700 /data"), "owned by the runtime UID");
        assertTrue(text.contains("DATA_DIR=/data"));
        assertTrue(text.contains("VOLUME [\"/data\"]"));
        assertTrue(text.contains("USER 10001:10001"));
    }
}
