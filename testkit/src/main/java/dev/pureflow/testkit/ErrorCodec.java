package dev.pureflow.testkit;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The error part of the JSON codec: writes an error as its class, message and data, and makes it
 * again as its own class with that data, so a flow that branches on an error (its type, a process
 * failure's {@code result().exitCode()}) behaves the same on the far side of a recording (and,
 * later, of a journal or a Temporal payload, which are to share this codec).
 *
 * <p><b>Written</b> as {@code {"type": class name, "message": ..., "data": {...}, "cause": {...},
 * "suppressed": [...]}}; cause and suppressed errors are written the same way, up to
 * {@value #MAX_DEPTH} levels deep. The <em>data</em> are the error's record-like properties: for
 * each instance field that its class or a superclass below {@code Throwable} declares, a public
 * no-argument method named after it ({@code result()} for a field {@code result}, or
 * {@code getResult()} / {@code isResult()}) returning the field's type. Each is written as
 * {@code {"type": the value's class, "value": what Jackson makes of it}}. A property Jackson cannot
 * map is named under {@code "unmapped"}, so that reading knows the error cannot be made whole.
 *
 * <p><b>Read</b> by loading the class by name and calling the public constructor with the most
 * parameters that takes every datum and nothing it cannot fill. A parameter is filled by the datum
 * of its name (code compiled with {@code -parameters}), else, if it is a {@code String}, by the
 * message (the first such parameter), else, if it is a {@code Throwable}, by the cause, else by the
 * one datum whose property has the parameter's type. So {@code IOException(String)},
 * {@code IllegalStateException(String, Throwable)}, {@code TimeoutException(String)},
 * {@code ProcessFailedException(String message, ProcessResult result)} and
 * {@code ActionTimeoutException(Action action, Duration limit)} all come back as themselves. A datum
 * is read as its property's declared type, or as its recorded class where that type is abstract
 * (an {@code Action<?>}). The error made must have the recorded message (a constructor that
 * composes its message from a parameter that is not the message, as {@code (Action, String reason)}
 * does, is passed over). The cause, where the constructor took none, is set with
 * {@code initCause}; suppressed errors are added back. An error that cannot be made again (its
 * class is gone or not a {@code Throwable}, no constructor takes its data, a datum did not map)
 * comes back as a {@link ReplayedFailureException} naming the original class and message.
 * Recordings written before data were recorded ({@code type} and {@code message} only) read the same way.
 *
 * <p>Stack traces are not written: a read error's stack trace is where it was read. Thread-safe.
 */
final class ErrorCodec {

    /** How deep causes and suppressed errors are followed; deeper ones are left out. */
    static final int MAX_DEPTH = 8;

    private final ObjectMapper mapper;

    /** A codec mapping data with {@code mapper}, which must know every datum type it is to write and read. */
    ErrorCodec(ObjectMapper mapper) {
        this.mapper = Objects.requireNonNull(mapper, "mapper");
    }

    // ---------------------------------------------------------------------------------------------
    // Writing

    /** {@code error} as JSON. */
    ObjectNode encode(Throwable error) {
        Objects.requireNonNull(error, "error");
        return encode(error, 0);
    }

    private ObjectNode encode(Throwable error, int depth) {
        ObjectNode node = mapper.createObjectNode();
        node.put("type", error.getClass().getName());
        node.put("message", error.getMessage());
        ObjectNode data = mapper.createObjectNode();
        ArrayNode unmapped = mapper.createArrayNode();
        properties(error.getClass()).forEach((name, accessor) -> {
            try {
                Object value = read(accessor, error);
                if (value == null) {
                    data.putNull(name);
                } else {
                    ObjectNode datum = data.putObject(name);
                    datum.put("type", value.getClass().getName());
                    datum.set("value", mapper.valueToTree(value));
                }
            } catch (ReflectiveOperationException | RuntimeException notMapped) {
                unmapped.add(name);
            }
        });
        if (!data.isEmpty()) {
            node.set("data", data);
        }
        if (!unmapped.isEmpty()) {
            node.set("unmapped", unmapped);
        }
        if (depth < MAX_DEPTH) {
            if (error.getCause() != null && error.getCause() != error) {
                node.set("cause", encode(error.getCause(), depth + 1));
            }
            if (error.getSuppressed().length > 0) {
                ArrayNode suppressed = node.putArray("suppressed");
                for (Throwable each : error.getSuppressed()) {
                    suppressed.add(encode(each, depth + 1));
                }
            }
        }
        return node;
    }

    private static Object read(Method accessor, Throwable error) throws ReflectiveOperationException {
        try {
            return accessor.invoke(error);
        } catch (IllegalAccessException notPublicClass) {
            accessor.setAccessible(true); // a public method of a class its package keeps to itself
            return accessor.invoke(error);
        }
    }

    /**
     * The record-like properties of {@code type}, by field name: a public no-argument method named
     * after an instance field declared below {@code Throwable}, returning the field's type.
     */
    private static Map<String, Method> properties(Class<?> type) {
        Map<String, Method> properties = new LinkedHashMap<>();
        for (Class<?> declaring = type; declaring != null && declaring != Throwable.class; declaring = declaring.getSuperclass()) {
            for (Field field : declaring.getDeclaredFields()) {
                if (!Modifier.isStatic(field.getModifiers()) && !field.isSynthetic() && !properties.containsKey(field.getName())) {
                    accessor(type, field).ifPresent(method -> properties.put(field.getName(), method));
                }
            }
        }
        return properties;
    }

    private static Optional<Method> accessor(Class<?> type, Field field) {
        String name = field.getName();
        String capitalised = Character.toUpperCase(name.charAt(0)) + name.substring(1);
        for (String candidate : List.of(name, "get" + capitalised, "is" + capitalised)) {
            try {
                Method method = type.getMethod(candidate);
                boolean ownProperty = method.getDeclaringClass() != Throwable.class && method.getDeclaringClass() != Object.class;
                if (ownProperty && !Modifier.isStatic(method.getModifiers()) && method.getReturnType() == field.getType()) {
                    return Optional.of(method);
                }
            } catch (NoSuchMethodException notThisName) {
                // try the next naming convention
            }
        }
        return Optional.empty();
    }

    // ---------------------------------------------------------------------------------------------
    // Reading

    /** The error written as {@code node}: its own class where it can be made, else a {@link ReplayedFailureException}. */
    Throwable decode(JsonNode node) {
        Objects.requireNonNull(node, "node");
        String type = node.path("type").asText();
        String message = node.hasNonNull("message") ? node.get("message").asText() : null;
        Optional<Throwable> cause = node.hasNonNull("cause") ? Optional.of(decode(node.get("cause"))) : Optional.empty();
        Throwable error = rebuild(type, message, node, cause).orElseGet(() -> new ReplayedFailureException(type, message));
        if (cause.isPresent() && error.getCause() == null) {
            try {
                error.initCause(cause.get());
            } catch (IllegalStateException | IllegalArgumentException causeFixed) {
                // the constructor decided the cause (to none): keep its decision
            }
        }
        for (JsonNode suppressed : node.path("suppressed")) {
            error.addSuppressed(decode(suppressed));
        }
        return error;
    }

    private Optional<Throwable> rebuild(String type, String message, JsonNode node, Optional<Throwable> cause) {
        if (node.path("unmapped").size() > 0) {
            return Optional.empty();
        }
        Class<?> errorClass;
        try {
            errorClass = StepCodec.load(type);
        } catch (ClassNotFoundException | LinkageError gone) {
            return Optional.empty();
        }
        if (!Throwable.class.isAssignableFrom(errorClass) || Modifier.isAbstract(errorClass.getModifiers())) {
            return Optional.empty();
        }
        Map<String, Method> properties = properties(errorClass);
        Map<String, Datum> data = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> recorded : node.path("data").properties()) {
            Method property = properties.get(recorded.getKey());
            if (property == null) {
                return Optional.empty(); // the class changed since it was recorded
            }
            Optional<Object> value = value(property, recorded.getValue());
            if (value.isEmpty()) {
                return Optional.empty();
            }
            data.put(recorded.getKey(), new Datum(property.getReturnType(), value.get() == NULL ? null : value.get()));
        }
        List<Constructor<?>> constructors = new ArrayList<>(Arrays.asList(errorClass.getConstructors()));
        constructors.sort(Comparator.<Constructor<?>>comparingInt(Constructor::getParameterCount).reversed()
                .thenComparing(Constructor::toString));
        for (Constructor<?> constructor : constructors) {
            Optional<Object[]> arguments = arguments(constructor, message, data, cause);
            Optional<Throwable> made = arguments.flatMap(given -> make(constructor, given));
            // a constructor that puts the message together itself must put together the recorded one
            if (made.isPresent() && Objects.equals(made.get().getMessage(), message)) {
                return made;
            }
        }
        return Optional.empty();
    }

    /** Stands for a datum recorded as {@code null} inside an {@code Optional}, which holds no null. */
    private static final Object NULL = new Object();

    private record Datum(Class<?> type, Object value) {}

    /** The recorded datum read as its property's type, or as its recorded class where that fails. */
    private Optional<Object> value(Method property, JsonNode recorded) {
        if (recorded.isNull()) {
            return property.getReturnType().isPrimitive() ? Optional.empty() : Optional.of(NULL);
        }
        JsonNode value = recorded.get("value");
        try {
            JavaType declared = mapper.getTypeFactory().constructType(property.getGenericReturnType());
            return Optional.of(mapper.readerFor(declared).readValue(value));
        } catch (java.io.IOException | RuntimeException abstractType) {
            try {
                Class<?> recordedClass = StepCodec.load(recorded.path("type").asText());
                return Optional.of(mapper.treeToValue(value, recordedClass));
            } catch (java.io.IOException | ClassNotFoundException | LinkageError | RuntimeException unreadable) {
                return Optional.empty();
            }
        }
    }

    /** What {@code constructor} is called with, if it takes every datum and each of its parameters gets something. */
    private static Optional<Object[]> arguments(Constructor<?> constructor, String message, Map<String, Datum> data, Optional<Throwable> cause) {
        Parameter[] parameters = constructor.getParameters();
        Object[] arguments = new Object[parameters.length];
        Set<String> used = new HashSet<>();
        boolean messageUsed = false;
        boolean causeUsed = false;
        for (int i = 0; i < parameters.length; i++) {
            Parameter parameter = parameters[i];
            Class<?> wanted = boxed(parameter.getType());
            Datum named = parameter.isNamePresent() ? data.get(parameter.getName()) : null;
            if (named != null && !used.contains(parameter.getName()) && wanted.isAssignableFrom(boxed(named.type()))) {
                used.add(parameter.getName());
                arguments[i] = named.value();
            } else if (parameter.getType() == String.class && !messageUsed) {
                messageUsed = true;
                arguments[i] = message;
            } else if (Throwable.class.isAssignableFrom(parameter.getType()) && !causeUsed && cause.isPresent()
                    && parameter.getType().isInstance(cause.get())) {
                causeUsed = true;
                arguments[i] = cause.get();
            } else {
                List<String> byType = data.entrySet().stream()
                        .filter(datum -> !used.contains(datum.getKey()) && wanted.isAssignableFrom(boxed(datum.getValue().type())))
                        .map(Map.Entry::getKey)
                        .toList();
                if (byType.size() != 1) {
                    return Optional.empty();
                }
                used.add(byType.getFirst());
                arguments[i] = data.get(byType.getFirst()).value();
            }
            if (arguments[i] == null && parameter.getType().isPrimitive()) {
                return Optional.empty();
            }
        }
        return used.size() == data.size() ? Optional.of(arguments) : Optional.empty();
    }

    private static Optional<Throwable> make(Constructor<?> constructor, Object[] arguments) {
        try {
            try {
                return Optional.of((Throwable) constructor.newInstance(arguments));
            } catch (IllegalAccessException notPublicClass) {
                constructor.setAccessible(true); // a public constructor of a class its package keeps to itself
                return Optional.of((Throwable) constructor.newInstance(arguments));
            }
        } catch (InvocationTargetException | InstantiationException | IllegalAccessException | RuntimeException refused) {
            return Optional.empty(); // it rejected these arguments (a null it requires, say): try the next
        }
    }

    private static Class<?> boxed(Class<?> type) {
        if (!type.isPrimitive()) {
            return type;
        }
        return switch (type.getName()) {
            case "int" -> Integer.class;
            case "long" -> Long.class;
            case "boolean" -> Boolean.class;
            case "double" -> Double.class;
            case "float" -> Float.class;
            case "short" -> Short.class;
            case "byte" -> Byte.class;
            case "char" -> Character.class;
            default -> Void.class;
        };
    }
}
