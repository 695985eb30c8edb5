package dev.strata.counter;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The service's configuration, from environment variables, validated at start: every problem is
 * reported at once with the variable, its value and what is allowed.
 *
 * @param port              {@code PORT}, default 8080
 * @param role              {@code ROLE}: all (default), api, web
 * @param databaseUrl       {@code DATABASE_URL}, a {@code jdbc:postgresql://} URL; empty starts the embedded database
 * @param apiUrl            {@code API_URL}: the web role forwards {@code /api/counter} there (optional; the edges route it directly)
 * @param mode              {@code COUNTER_MODE}: batched (default), naive (one transaction per request), nodb (benchmark reference)
 * @param metricsPort       {@code METRICS_PORT}, default 9464: {@code /metrics} is served only there, never on {@code PORT}
 * @param migrateUser       {@code MIGRATE_DB_USER}: the role that applies migrations and creates the app role; empty =
 *                          migrations run as {@code DATABASE_USER}
 * @param dataDir           {@code DATA_DIR}: data of the embedded PostgreSQL; default a per-user directory
 * @param accessLogPerSecond {@code ACCESS_LOG_PER_SECOND}: access-log lines per second before sampling (0 = none)
 */
public record AppConfig(int port, Role role, Optional<String> databaseUrl, Optional<String> databaseUser,
                        Optional<String> databasePassword, Optional<String> apiUrl, int poolSize, int batchMax,
                        int queueCapacity, Duration requestTimeout, Duration drain, Duration idempotencyTtl,
                        Path dataDir, Mode mode, boolean migrateOnly, int metricsPort, Optional<String> migrateUser,
                        Optional<String> migratePassword, int accessLogPerSecond) {

    /**
     * Idle timeout of HTTP connections: above 620 s so the server never closes a keep-alive connection that a load
     * balancer may still reuse (the GCP external Application Load Balancer keeps idle connections 600 s:
     * https://cloud.google.com/load-balancing/docs/https#timeouts_and_retries; the AWS ALB default is 60 s).
     */
    public static final Duration IDLE_TIMEOUT = Duration.ofSeconds(630);

    public enum Role { ALL, API, WEB }

    public enum Mode { BATCHED, NAIVE, NODB }

    /** Thrown with every problem of the environment. */
    public static final class Invalid extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Invalid(List<String> problems) {
            super("invalid configuration:\n  - " + String.join("\n  - ", problems));
        }
    }

    public static AppConfig fromEnvironment(Map<String, String> env) {
        var problems = new ArrayList<String>();
        var r = new Reader(env, problems);
        int port = r.integer("PORT", 8080, 0, 65535);
        Role role = r.enumeration("ROLE", Role.class, Role.ALL);
        Optional<String> url = r.optional("DATABASE_URL");
        url.filter(u -> !u.startsWith("jdbc:postgresql://")).ifPresent(u -> problems.add(
                "DATABASE_URL = \"" + u + "\": allowed: a jdbc:postgresql://host:port/database URL, or unset for the"
                        + " embedded database"));
        Optional<String> apiUrl = r.optional("API_URL");
        apiUrl.filter(u -> !u.matches("https?://[^\\s]+")).ifPresent(u -> problems.add(
                "API_URL = \"" + u + "\": allowed: an http(s):// URL of the api role"));
        var cfg = new AppConfig(port, role, url, r.optional("DATABASE_USER"), r.optional("DATABASE_PASSWORD"), apiUrl,
                r.integer("DB_POOL_SIZE", 8, 1, 200),
                r.integer("BATCH_MAX", 512, 1, 10_000),
                r.integer("QUEUE_CAPACITY", 20_000, 1, 1_000_000),
                Duration.ofMillis(r.integer("REQUEST_TIMEOUT_MS", 5_000, 100, 600_000)),
                Duration.ofSeconds(r.integer("DRAIN_SECONDS", 20, 1, 600)),
                Duration.ofSeconds(r.integer("IDEMPOTENCY_TTL_SECONDS", 86_400, 60, 30 * 86_400)),
                // EMBEDDED_DATA_DIR: the variable's former name, still honoured
                r.optional("DATA_DIR").or(() -> r.optional("EMBEDDED_DATA_DIR")).map(Path::of)
                        .orElseGet(() -> defaultDataDir(env)),
                r.enumeration("COUNTER_MODE", Mode.class, Mode.BATCHED),
                r.bool("MIGRATE_ONLY", false),
                r.integer("METRICS_PORT", 9464, 0, 65535),
                r.optional("MIGRATE_DB_USER"), r.optional("MIGRATE_DB_PASSWORD"),
                r.integer("ACCESS_LOG_PER_SECOND", 100, 0, 1_000_000));
        if (cfg.metricsPort() != 0 && cfg.metricsPort() == cfg.port()) {
            problems.add("METRICS_PORT = \"" + cfg.metricsPort() + "\": allowed: a port other than PORT (metrics are"
                    + " never served on the public listener)");
        }
        cfg.migrateUser().filter(u -> !u.matches(ROLE_NAME)).ifPresent(u -> problems.add("MIGRATE_DB_USER = \"" + u
                + "\": allowed: a PostgreSQL role name of letters, digits and _ (at most 63)"));
        if (cfg.migrateUser().isPresent()) {
            cfg.databaseUser().filter(u -> !u.matches(ROLE_NAME)).ifPresent(u -> problems.add("DATABASE_USER = \"" + u
                    + "\": allowed: a PostgreSQL role name of letters, digits and _ (at most 63); the migration creates it"));
            if (cfg.databaseUser().isEmpty() || cfg.databasePassword().isEmpty()) {
                problems.add("MIGRATE_DB_USER is set but DATABASE_USER or DATABASE_PASSWORD is not: the migration creates"
                        + " the app role with them");
            }
        }
        if (!problems.isEmpty()) {
            throw new Invalid(problems);
        }
        return cfg;
    }

    static final String ROLE_NAME = "[A-Za-z_][A-Za-z0-9_]{0,62}";

    /**
     * The embedded database's default data directory, per user and outside any checkout:
     * {@code $XDG_DATA_HOME/strata-counter/db}, else {@code ~/.local/share/strata-counter/db}.
     */
    static Path defaultDataDir(Map<String, String> env) {
        String xdg = env.get("XDG_DATA_HOME");
        if (xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute()) {
            return Path.of(xdg, "strata-counter", "db");
        }
        String home = Optional.ofNullable(env.get("HOME")).filter(h -> !h.isBlank())
                .orElse(System.getProperty("user.home"));
        return Path.of(home, ".local", "share", "strata-counter", "db");
    }

    /** True when this process needs the database (the web role only serves the page). */
    public boolean needsDatabase() {
        return role != Role.WEB && mode != Mode.NODB;
    }

    private record Reader(Map<String, String> env, List<String> problems) {
        Optional<String> optional(String key) {
            return Optional.ofNullable(env.get(key)).map(String::trim).filter(v -> !v.isEmpty());
        }

        int integer(String key, int dflt, int min, int max) {
            var v = optional(key);
            if (v.isEmpty()) {
                return dflt;
            }
            try {
                int n = Integer.parseInt(v.get());
                if (n >= min && n <= max) {
                    return n;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            problems.add(key + " = \"" + v.get() + "\": allowed: an integer from " + min + " to " + max);
            return dflt;
        }

        boolean bool(String key, boolean dflt) {
            var v = optional(key).map(s -> s.toLowerCase(Locale.ROOT));
            if (v.isEmpty()) {
                return dflt;
            }
            if (v.get().equals("true") || v.get().equals("false")) {
                return Boolean.parseBoolean(v.get());
            }
            problems.add(key + " = \"" + env.get(key) + "\": allowed: true, false");
            return dflt;
        }

        <E extends Enum<E>> E enumeration(String key, Class<E> type, E dflt) {
            var v = optional(key);
            if (v.isEmpty()) {
                return dflt;
            }
            try {
                return Enum.valueOf(type, v.get().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                var allowed = new ArrayList<String>();
                for (E c : type.getEnumConstants()) {
                    allowed.add(c.name().toLowerCase(Locale.ROOT));
                }
                problems.add(key + " = \"" + v.get() + "\": allowed: " + String.join(", ", allowed));
                return dflt;
            }
        }
    }
}
