package dev.strata.support;

import java.util.List;
import java.util.Map;

/** Reading recorded inputs (maps, lists and doubles as the engine hands them over) in assertions. */
public final class Props {
    private Props() {
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> map(Object o) {
        return (Map<String, Object>) o;
    }

    @SuppressWarnings("unchecked")
    public static List<Object> list(Object o) {
        return (List<Object>) o;
    }

    public static int num(Object o) {
        return ((Number) o).intValue();
    }
}
