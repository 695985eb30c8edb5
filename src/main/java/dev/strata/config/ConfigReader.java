package dev.strata.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Reads each key once and records every problem instead of stopping at the first. Each reader
 * returns a usable fallback on error so that later rules can still run and report.
 */
final class ConfigReader {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Function<String, Optional<String>> get;
    private final java.util.Set<String> secretKeys;
    private final List<String> problems = new ArrayList<>();

    ConfigReader(Function<String, Optional<String>> get) {
        this(get, java.util.Set.of());
    }

    /** @param secretKeys keys set with {@code --secret}: their values never appear in a message */
    ConfigReader(Function<String, Optional<String>> get, java.util.Set<String> secretKeys) {
        this.get = get;
        this.secretKeys = java.util.Set.copyOf(secretKeys);
    }

    private boolean secret(String keyPath) {
        int dot = keyPath.indexOf('.');
        return secretKeys.contains(dot < 0 ? keyPath : keyPath.substring(0, dot));
    }

    List<String> problems() {
        return problems;
    }

    void problem(ConfigKey key, Object value, String allowed) {
        problems.add(key.qualified() + " = " + (secret(key.key()) ? "[secret]" : quote(value)) + ": " + allowed);
    }

    void problem(String keyPath, Object value, String allowed) {
        problems.add(ConfigKey.NAMESPACE + ":" + keyPath + " = " + (secret(keyPath) ? "[secret]" : quote(value)) + ": "
                + allowed);
    }

    void problem(String message) {
        problems.add(message);
    }

    private static String quote(Object value) {
        return value instanceof String s ? "\"" + s + "\"" : String.valueOf(value);
    }

    /** The raw value; empty text counts as unset (project defaults use "" for optional keys). */
    Optional<String> optional(ConfigKey key) {
        return get.apply(key.key()).or(key::objectDefault).map(String::trim).filter(s -> !s.isEmpty());
    }

    /** A required value; a missing one is a problem and yields {@code fallback}. */
    String required(ConfigKey key, String fallback) {
        var v = optional(key);
        if (v.isEmpty()) {
            problems.add(key.qualified() + " is not set: it has no default and is required");
            return fallback;
        }
        return v.get();
    }

    /** A required value matching {@code pattern}; {@code allowed} describes the pattern in words. */
    String matching(ConfigKey key, Pattern pattern, String allowed, String fallback) {
        String v = required(key, null);
        if (v == null) {
            return fallback;
        }
        if (!pattern.matcher(v).matches()) {
            problem(key, v, allowed);
            return fallback;
        }
        return v;
    }

    /** An optional value that must match {@code pattern} when set. */
    Optional<String> optionalMatching(ConfigKey key, Pattern pattern, String allowed) {
        var v = optional(key);
        if (v.isPresent() && !pattern.matcher(v.get()).matches()) {
            problem(key, v.get(), allowed);
            return Optional.empty();
        }
        return v;
    }

    <E extends Enum<E>> E enumeration(ConfigKey key, Class<E> type, E fallback) {
        String v = required(key, null);
        if (v == null) {
            return fallback;
        }
        try {
            return Enum.valueOf(type, v.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            problem(key, v, "allowed: " + Arrays.stream(type.getEnumConstants())
                    .map(c -> c.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", ")));
            return fallback;
        }
    }

    /** Strictly {@code true} or {@code false} (any case); "yes", "1" or a typo are errors, never false. */
    boolean bool(ConfigKey key, boolean fallback) {
        String v = required(key, null);
        if (v == null) {
            return fallback;
        }
        return switch (v.toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> {
                problem(key, v, "allowed: true, false");
                yield fallback;
            }
        };
    }

    int integer(ConfigKey key, int min, int max, int fallback) {
        String v = required(key, null);
        if (v == null) {
            return fallback;
        }
        return integerIn(key.key(), v, min, max, fallback);
    }

    int integerIn(String keyPath, String v, int min, int max, int fallback) {
        try {
            int n = Integer.parseInt(v);
            if (n < min || n > max) {
                problem(keyPath, v, "allowed: an integer from " + min + " to " + max);
                return fallback;
            }
            return n;
        } catch (NumberFormatException e) {
            problem(keyPath, v, "allowed: an integer from " + min + " to " + max);
            return fallback;
        }
    }

    Optional<Cidr> cidr(ConfigKey key) {
        String v = required(key, null);
        if (v == null) {
            return Optional.empty();
        }
        return cidrIn(key.key(), v);
    }

    Optional<Cidr> cidrIn(String keyPath, String v) {
        try {
            return Optional.of(Cidr.parse(v));
        } catch (IllegalArgumentException e) {
            problem(keyPath, v, e.getMessage());
            return Optional.empty();
        }
    }

    /** A JSON value of an array/object key; malformed JSON or the wrong shape is a problem. */
    Optional<JsonNode> json(ConfigKey key, boolean wantObject) {
        String v = required(key, null);
        if (v == null) {
            return Optional.empty();
        }
        try {
            JsonNode node = JSON.readTree(v);
            if (wantObject ? !node.isObject() : !node.isArray()) {
                problem(key, v, wantObject ? "must be a map (YAML mapping)" : "must be a list (YAML sequence)");
                return Optional.empty();
            }
            return Optional.of(node);
        } catch (JsonProcessingException e) {
            problem(key, v, "not valid structured config: " + e.getOriginalMessage());
            return Optional.empty();
        }
    }
}
