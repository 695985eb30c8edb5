package dev.strata.config;

import java.util.List;

/**
 * The stack config is invalid. Carries every problem found, each naming the key, the value and what
 * is allowed, so one run shows them all.
 */
public final class ConfigException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient List<String> problems;

    public ConfigException(String stack, List<String> problems) {
        super(render(stack, problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }

    private static String render(String stack, List<String> problems) {
        var sb = new StringBuilder("invalid configuration for stack '").append(stack).append("' (")
                .append(problems.size()).append(problems.size() == 1 ? " problem" : " problems").append("):");
        problems.forEach(p -> sb.append("\n  - ").append(p));
        return sb.toString();
    }
}
