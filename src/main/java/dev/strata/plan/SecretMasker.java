package dev.strata.plan;

import com.pulumi.core.Output;
import com.pulumi.core.annotations.Export;
import com.pulumi.core.internal.Internal;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.Resource;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Replaces secrets in recorded inputs by {@value #MARKER}. The mock engine hands secret inputs over
 * unwrapped, so masking relies on two sources:
 * <ul>
 *   <li>the SDK's own metadata: the secret output names each generated resource class declares in its
 *       {@code makeResourceOptions} ({@code additionalSecretOutputs}); an input of the same name is
 *       masked;</li>
 *   <li>secret values: every {@code @Export} output of every resource that the program holds as a
 *       secret, every stack output that is secret, and every secret the mock generated; any input
 *       string containing one of them is masked wherever it appears (a password copied into a
 *       Kubernetes Secret or a secret manager payload).</li>
 * </ul>
 */
final class SecretMasker {
    static final String MARKER = "[secret]";

    private final Set<String> secretValues = new HashSet<>();

    SecretMasker(Set<String> generated) {
        generated.stream().filter(s -> s.length() >= 4).forEach(secretValues::add);
    }

    /** Learns the secret values a resource holds in its exported outputs. */
    void learn(Resource resource) {
        for (Class<?> c = resource.getClass(); c != null && c != Object.class; c = c.getSuperclass()) {
            for (Field f : c.getDeclaredFields()) {
                if (f.isAnnotationPresent(Export.class) && Output.class.isAssignableFrom(f.getType())) {
                    try {
                        f.setAccessible(true);
                        learn((Output<?>) f.get(resource));
                    } catch (ReflectiveOperationException | RuntimeException e) {
                        // an output we cannot read cannot leak through this path either
                    }
                }
            }
        }
    }

    /** Learns the value of an output if it is secret. */
    void learn(Output<?> output) {
        if (output == null) {
            return;
        }
        var internal = Internal.of(output);
        if (Boolean.TRUE.equals(internal.isSecret().join())) {
            collect(internal.getDataAsync().join().getValueNullable());
        }
    }

    private void collect(Object value) {
        if (value instanceof String s && s.length() >= 4) {
            secretValues.add(s);
        } else if (value instanceof Map<?, ?> m) {
            m.values().forEach(this::collect);
        } else if (value instanceof List<?> l) {
            l.forEach(this::collect);
        }
    }

    /** The names of a resource class's secret outputs, read from its {@code makeResourceOptions}. */
    static List<String> secretOutputNames(Class<?> resourceClass) {
        for (Class<?> c = resourceClass; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Method m : c.getDeclaredMethods()) {
                if (m.getName().equals("makeResourceOptions") && Modifier.isStatic(m.getModifiers())
                        && m.getParameterCount() == 2
                        && CustomResourceOptions.class.isAssignableFrom(m.getReturnType())) {
                    try {
                        m.setAccessible(true);
                        var opts = (CustomResourceOptions) m.invoke(null, null, null);
                        return opts.getAdditionalSecretOutputs();
                    } catch (ReflectiveOperationException | RuntimeException e) {
                        return List.of();
                    }
                }
            }
        }
        return List.of();
    }

    /** A masked deep copy of {@code props}: secret-named properties and any secret value replaced. */
    Map<String, Object> mask(Map<String, Object> props, List<String> secretNames) {
        var out = new LinkedHashMap<String, Object>();
        props.forEach((k, v) -> out.put(k, secretNames.contains(k) && v != null ? MARKER : maskValue(v)));
        return out;
    }

    @SuppressWarnings("unchecked")
    Object maskValue(Object v) {
        if (v instanceof String s) {
            return containsSecret(s) ? MARKER : s;
        }
        if (v instanceof Map<?, ?> m) {
            var out = new LinkedHashMap<String, Object>();
            ((Map<String, Object>) m).forEach((k, x) -> out.put(k, maskValue(x)));
            return out;
        }
        if (v instanceof List<?> l) {
            var out = new ArrayList<>(l.size());
            l.forEach(x -> out.add(maskValue(x)));
            return out;
        }
        return v;
    }

    boolean containsSecret(String s) {
        for (String secret : secretValues) {
            if (s.contains(secret)) {
                return true;
            }
        }
        return false;
    }

    /** Every secret value known, for tests that assert none leaks. */
    Set<String> known() {
        return Set.copyOf(secretValues);
    }
}
