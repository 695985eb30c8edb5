package dev.strata.k8s;

import com.pulumi.core.Output;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Turns a manifest tree with {@link Output}s at any depth into one {@link Output} of the plain tree. */
final class Outputs {
    private Outputs() {
    }

    @SuppressWarnings("unchecked")
    static Output<Object> resolve(Object value) {
        if (value instanceof Output<?> o) {
            return ((Output<Object>) o).applyValue(v -> v);
        }
        if (value instanceof Map<?, ?> m) {
            var keys = new ArrayList<String>();
            var values = new ArrayList<Output<Object>>();
            m.forEach((k, v) -> {
                keys.add((String) k);
                values.add(resolve(v));
            });
            return Output.all(values).applyValue(list -> {
                var out = new LinkedHashMap<String, Object>();
                for (int i = 0; i < keys.size(); i++) {
                    out.put(keys.get(i), list.get(i));
                }
                return (Object) out;
            });
        }
        if (value instanceof List<?> l) {
            List<Output<Object>> values = l.stream().map(Outputs::resolve).toList();
            return Output.all(values).applyValue(list -> (Object) new ArrayList<>(list));
        }
        return Output.of(value);
    }

    @SuppressWarnings("unchecked")
    static Output<Map<String, Object>> resolveMap(Map<String, ?> value) {
        return resolve(value).applyValue(v -> (Map<String, Object>) v);
    }
}
