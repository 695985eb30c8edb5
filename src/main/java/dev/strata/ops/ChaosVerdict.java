package dev.strata.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Judges a chaos run from app/bench's load generator result (one JSON line: requests, ok, errors, unique,
 * min, max) and the counter read before and after the run. It passes when the error percentage is at most
 * the threshold and the counter is exact: every successful answer a distinct value inside the counter's
 * growth during the run ({@code before < min}, {@code max <= after}, {@code ok <= after - before}; equal on
 * a stack with no other traffic).
 *
 * @param report   the lines to print
 * @param passed   whether the run passed
 */
public record ChaosVerdict(List<String> report, boolean passed) {

    public static ChaosVerdict of(String loadJson, long before, long after, BigDecimal thresholdPercent) {
        JsonNode r;
        try {
            r = new ObjectMapper().readTree(loadJson);
        } catch (IOException e) {
            throw new IllegalArgumentException("the load generator's result is not JSON: " + loadJson, e);
        }
        if (r == null || !r.has("requests") || !r.has("ok") || !r.has("unique")) {
            throw new IllegalArgumentException("the load generator's result lacks requests/ok/unique: " + loadJson);
        }
        long requests = r.path("requests").asLong();
        long ok = r.path("ok").asLong();
        long errors = requests - ok;
        long unique = r.path("unique").asLong();
        long min = r.path("min").asLong();
        long max = r.path("max").asLong();
        var lines = new ArrayList<String>();
        boolean passed = true;
        double percent = requests == 0 ? 100.0 : 100.0 * errors / requests;
        lines.add(String.format(Locale.ROOT, "requests %d, ok %d, errors %d (%.3f %%, threshold %s %%), p99 %s ms",
                requests, ok, errors, percent, thresholdPercent.toPlainString(), r.path("p99_ms").asText("?")));
        if (requests == 0) {
            lines.add("FAIL: no request was sent");
            passed = false;
        } else if (BigDecimal.valueOf(errors).multiply(BigDecimal.valueOf(100))
                .compareTo(thresholdPercent.multiply(BigDecimal.valueOf(requests))) > 0) {
            lines.add("FAIL: error ratio above the threshold");
            passed = false;
        }
        lines.add(String.format(Locale.ROOT, "counter %d -> %d (+%d), successful answers %d, distinct values %d,"
                + " values %d..%d", before, after, after - before, ok, unique, min, max));
        if (unique != ok) {
            lines.add("FAIL: " + (ok - unique) + " counter values were handed out more than once");
            passed = false;
        }
        if (ok > 0 && (min <= before || max > after)) {
            lines.add("FAIL: answered values lie outside the counter's growth during the run");
            passed = false;
        }
        if (ok > after - before) {
            lines.add("FAIL: more successful answers than the counter grew: answers without a durable increment");
            passed = false;
        }
        if (passed) {
            lines.add(after - before == ok ? "PASS: exact (no other traffic)"
                    : "PASS: exact for the run's answers (" + (after - before - ok)
                    + " increments from other clients or failed answers)");
        }
        return new ChaosVerdict(List.copyOf(lines), passed);
    }
}
