package dev.pureflow;

import java.lang.reflect.GenericArrayType;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.util.HashMap;
import java.util.Map;

/**
 * Checks an executor's answer against the result type an action class declares, e.g.
 * {@code List} for {@code record Fetch(...) implements Cmd<List<String>>}. Resolved once per class.
 * Where the type cannot be known at run time (a type variable, as in {@code Get<T> implements
 * Action<T>}), any answer passes.
 */
final class ResultTypes {

    private static final ClassValue<Class<?>> DECLARED = new ClassValue<>() {
        @Override
        protected Class<?> computeValue(Class<?> actionClass) {
            Class<?> declared = resolve(actionClass, Map.of());
            return declared == null ? Object.class : declared;
        }
    };

    private ResultTypes() {}

    /** The result type {@code actionClass} declares, erased; {@code Object} where it cannot be known. */
    static Class<?> declared(Class<?> actionClass) {
        return DECLARED.get(actionClass);
    }

    /** Throws {@link ResultTypeException} unless {@code answer} fits {@code expected}, the type {@code action} declares. */
    static void check(Action<?> action, Class<?> expected, Object answer) {
        boolean fits = expected == Object.class
                || (expected == Void.class ? answer == null : expected.isInstance(answer));
        if (!fits) {
            throw new ResultTypeException(action, expected, answer);
        }
    }

    private static Class<?> resolve(Class<?> type, Map<TypeVariable<?>, Type> bindings) {
        java.util.List<Type> parents = new java.util.ArrayList<>(java.util.List.of(type.getGenericInterfaces()));
        if (type.getGenericSuperclass() != null) {
            parents.add(type.getGenericSuperclass());
        }
        for (Type parent : parents) {
            Class<?> found = switch (parent) {
                case ParameterizedType parameterized -> resolveThrough(parameterized, bindings);
                case Class<?> raw when raw != Action.class && Action.class.isAssignableFrom(raw) -> resolve(raw, Map.of());
                default -> null;
            };
            if (found != null) {
                return found;
            }
        }
        return null;
    }

    private static Class<?> resolveThrough(ParameterizedType parent, Map<TypeVariable<?>, Type> bindings) {
        Class<?> raw = (Class<?>) parent.getRawType();
        Type[] arguments = parent.getActualTypeArguments();
        if (raw == Action.class) {
            return erase(substitute(arguments[0], bindings));
        }
        if (!Action.class.isAssignableFrom(raw)) {
            return null;
        }
        Map<TypeVariable<?>, Type> inner = new HashMap<>();
        TypeVariable<?>[] parameters = raw.getTypeParameters();
        for (int i = 0; i < parameters.length; i++) {
            inner.put(parameters[i], substitute(arguments[i], bindings));
        }
        return resolve(raw, inner);
    }

    private static Type substitute(Type type, Map<TypeVariable<?>, Type> bindings) {
        return type instanceof TypeVariable<?> variable ? bindings.getOrDefault(variable, variable) : type;
    }

    private static Class<?> erase(Type type) {
        return switch (type) {
            case Class<?> plain -> plain;
            case ParameterizedType parameterized -> (Class<?>) parameterized.getRawType();
            case GenericArrayType array -> erase(array.getGenericComponentType()).arrayType();
            case WildcardType wildcard -> erase(wildcard.getUpperBounds()[0]);
            default -> Object.class; // a type variable: unknown at run time
        };
    }
}
