package dev.strata.platform;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/**
 * Logical names derived from project and stack, so two stacks never collide. Component children are
 * named {@code <component>-<role>}; physical names are left to auto-naming unless a name is part of a
 * contract, in which case {@link #physical(String, int)} keeps it within a cloud's length and charset.
 */
public record Naming(String project, String stack) {
    /**
     * The Kubernetes ServiceAccount of the workload's migration Job: part of the contract between the workload and a
     * cloud that binds a cloud identity to it (GCP Workload Identity names it).
     */
    public static final String MIGRATION_SERVICE_ACCOUNT = "migrate";

    public Naming {
        if (project.isBlank() || stack.isBlank()) {
            throw new IllegalArgumentException("project and stack must not be blank");
        }
    }

    /** {@code <project>-<stack>}, the root of every logical name. */
    public String prefix() {
        return project + "-" + stack;
    }

    /** The Kubernetes namespace of the workload: the project name. */
    public String appNamespace() {
        return project;
    }

    /** The logical name of a child with the given role, e.g. {@code strata-dev-aws}. */
    public String of(String role) {
        return child(prefix(), role);
    }

    /** {@code <parent>-<role>}: how a component names its children. */
    public static String child(String parent, String role) {
        return parent + "-" + role;
    }

    /**
     * A physical name that is a valid DNS label: lower case, {@code [a-z0-9-]}, starting with a letter,
     * at most {@code maxLength} characters. Names that must be cut keep a stable 6-character hash of the
     * full name, so two long names never collapse into one.
     */
    public String physical(String role, int maxLength) {
        return label(of(role), maxLength);
    }

    static String label(String raw, int maxLength) {
        if (maxLength < 8) {
            throw new IllegalArgumentException("maxLength must be at least 8");
        }
        String s = raw.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]+", "-").replaceAll("-{2,}", "-")
                .replaceAll("^-+|-+$", "");
        if (s.isEmpty() || !Character.isLetter(s.charAt(0))) {
            s = "s-" + s;
        }
        if (s.length() <= maxLength) {
            return s.endsWith("-") ? s.substring(0, s.length() - 1) : s;
        }
        String hash = sha256(raw).substring(0, 6);
        String head = s.substring(0, maxLength - 7).replaceAll("-+$", "");
        return head + "-" + hash;
    }

    private static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
