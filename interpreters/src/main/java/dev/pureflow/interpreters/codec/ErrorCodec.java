package dev.pureflow.interpreters.codec;

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
import java.util.function.BiFunction;

/**
 * The error part of the JSON codec: writes an error as its class, message and data, and makes it
 * again as its own class with that data, so a flow that branches on an error (its type, a process
 * failure's {@code result().exitCode()}) behaves the same on the far side of a recording, a journal or a Temporal payload.
 *
 * <p><b>Written</b> as {@code {"type": class name, "message": ..., "data": {...}, "cause": {...},
 * "suppressed": [...]}}; cause and suppressed errors are written the same way, up to
 * {@value #MAX_DEPTH} levels deep. The <em>data</em> are the error's record-like properties: for
 * each instance field that its class or a superclass below {@code Throwable} declares, a public
 * no-argument method named after it ({@code result()} for a field {@code result}, or
 * {@code getResult()} / {@code isResult()}) returning the field's type; and the public getters
 * such classes declare ({@code getFile()}, {@code getReason()} of a {@code FileSystemException}).
 * Each is written as {@code {"type": the value's class, "value": what Jackson makes of it}}. A property Jackson cannot
 * map is named under {@code "unmapped"}, so that reading knows the error cannot be made whole.
 *
 * <p><b>Read</b> by loading the class by name and trying its public constructors, those with the
 * most parameters first, until one makes an error with the recorded message and data. A parameter
 * takes, in this order of preference, the datum of its name (code compiled with
 * {@code -parameters}), the message (if it is a {@code String}), the cause (if it is a
 * {@code Throwable}), a datum of its type, or {@code null}; each used once, at most
 * {@value #MAX_TRIES} argument lists per error. So {@code IOException(String)},
 * {@code IllegalStateException(String, Throwable)}, {@code TimeoutException(String)},
 * {@code ProcessFailedException(String message, ProcessResult result)},
 * {@code ActionTimeoutException(Action action, Duration limit)} and
 * {@code AccessDeniedException(String file, String other, String reason)} all come back as themselves. A datum is read as its
 * property's declared type, or as its recorded class where that type is abstract (an
 * {@code Action<?>}). A constructor whose error differs from the recorded one (it composes its
 * message from a parameter that is not the message, as {@code (Action, String reason)} does, or
 * leaves a datum out) is passed over. The cause, where the constructor took none, is set with
 * {@code initCause}; suppressed errors are added back. An error that cannot be made again (its
 * class is gone or not a {@code Throwable}, no constructor takes its data, a datum did not map)
 * comes back as a stand-in naming the original class and message (a {@link DecodedFailureException}
 * unless the {@link JsonCodec} was given another).
 * Recordings written before data were recorded ({@code type} and {@code message} only) read the same way.
 *
 * <p>Stack traces are not written: a read error's stack trace is where it was read. Thread-safe.
 */
final class ErrorCodec {

    /** How deep causes and suppressed errors are followed; deeper ones are left out. */
    static final int MAX_DEPTH = 8;

    private final ObjectMapper mapper;
    /** Makes the stand-in for an error that cannot be made again, from its class name and message. */
    private final BiFunction<String, String, ? extends Throwable> standIn;

    /**
     * A codec mapping data with {@code mapper}, which must know every datum type it is to write and
     * read, standing in for errors it cannot make again with what {@code standIn} makes.
     */
    ErrorCodec(ObjectMapper mapper, BiFunction<String, String, ? extends Throwable> standIn) {
        this.mapper = Objects.requireNonNull(mapper, "mapper");
        this.standIn = Objects.requireNonNull(standIn, "standIn");
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
        ArrayNode unmapped = mapper.createArrayNode();
        ObjectNode data = data(error, unmapped);
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

    /** The error's data, as written; the names of properties Jackson cannot map go to {@code unmapped}. */
    private ObjectNode data(Throwable error, ArrayNode unmapped) {
        ObjectNode data = mapper.createObjectNode();
        properties(error.getClass()).forEach((name, accessor) -> {
            try {
                Object value = read(accessor, error);
                if (value == null) {
                    data.putNull(name);
                } else {
                    ObjectNode datum = mapper.createObjectNode();
                    datum.put("type", value.getClass().getName());
                    datum.set("value", mapper.valueToTree(value));
                    data.set(name, datum);
                }
            } catch (ReflectiveOperationException | RuntimeException notMapped) {
                unmapped.add(name);
            }
        });
        return data;
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
     * The record-like properties of {@code type}, by name: a public no-argument method named after
     * an instance field declared below {@code Throwable} and returning its type ({@code result()},
     * {@code getResult()}, {@code isResult()} for a field {@code result}), and every public
     * no-argument getter ({@code getFile()}, {@code isTransient()}) that a class below
     * {@code Throwable} declares, named without its prefix. Throwable's own getters (message, cause,
     * stack trace) are not data.
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
        List<Method> getters = new ArrayList<>();
        for (Method method : type.getMethods()) {
            if (isGetter(method) && !properties.containsValue(method)) {
                getters.add(method);
            }
        }
        getters.sort(Comparator.comparing(Method::getName)); // getMethods has no fixed order; the data should
        getters.forEach(getter -> properties.putIfAbsent(propertyName(getter), getter));
        return properties;
    }

    private static boolean isGetter(Method method) {
        String name = method.getName();
        boolean named = name.length() > 3 && name.startsWith("get") && Character.isUpperCase(name.charAt(3))
                || name.length() > 2 && name.startsWith("is") && Character.isUpperCase(name.charAt(2))
                        && (method.getReturnType() == boolean.class || method.getReturnType() == Boolean.class);
        return named && method.getParameterCount() == 0 && method.getReturnType() != void.class
                && !Modifier.isStatic(method.getModifiers()) && isBelowThrowable(method.getDeclaringClass())
                && !THROWABLES_OWN.contains(name);
    }

    private static boolean isBelowThrowable(Class<?> declaring) {
        return Throwable.class.isAssignableFrom(declaring) && declaring != Throwable.class;
    }

    /** The no-argument methods of Throwable and Object: overriding them (getMessage) does not make data. */
    private static final Set<String> THROWABLES_OWN = java.util.stream.Stream.of(Throwable.class.getMethods())
            .filter(method -> method.getParameterCount() == 0)
            .map(Method::getName)
            .collect(java.util.stream.Collectors.toUnmodifiableSet());

    private static String propertyName(Method getter) {
        String bare = getter.getName().substring(getter.getName().startsWith("is") ? 2 : 3);
        return Character.toLowerCase(bare.charAt(0)) + bare.substring(1);
    }

    private static Optional<Method> accessor(Class<?> type, Field field) {
        String name = field.getName();
        String capitalised = Character.toUpperCase(name.charAt(0)) + name.substring(1);
        for (String candidate : List.of(name, "get" + capitalised, "is" + capitalised)) {
            try {
                Method method = type.getMethod(candidate);
                if (isBelowThrowable(method.getDeclaringClass()) && !THROWABLES_OWN.contains(candidate)
                        && !Modifier.isStatic(method.getModifiers()) && method.getReturnType() == field.getType()) {
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

    /** The error written as {@code node}: its own class where it can be made, else the stand-in. */
    Throwable decode(JsonNode node) {
        Objects.requireNonNull(node, "node");
        String type = node.path("type").asText();
        String message = node.hasNonNull("message") ? node.get("message").asText() : null;
        Optional<Throwable> cause = node.hasNonNull("cause") ? Optional.of(decode(node.get("cause"))) : Optional.empty();
        Throwable error = rebuild(type, message, node, cause).orElseGet(() -> standIn.apply(type, message));
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
            errorClass = JsonCodec.load(type);
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
        int[] budget = {MAX_TRIES};
        for (Constructor<?> constructor : constructors) {
            Optional<Throwable> made = candidates(constructor, message, data, cause)
                    .flatMap(sources -> firstAsRecorded(constructor, sources, message, node.path("data"), budget));
            if (made.isPresent()) {
                return made;
            }
        }
        return Optional.empty();
    }

    /**
     * Whether {@code made} has the recorded message and data: what makes it the recorded error again,
     * whichever constructor made it (one that composes its message from another parameter, or drops
     * a datum, does not pass).
     */
    private boolean isAsRecorded(Throwable made, String message, JsonNode recordedData) {
        ArrayNode unmapped = mapper.createArrayNode();
        ObjectNode data = data(made, unmapped);
        JsonNode expected = recordedData.isMissingNode() ? mapper.createObjectNode() : recordedData;
        return unmapped.isEmpty() && Objects.equals(made.getMessage(), message) && asText(data).equals(asText(expected));
    }

    /**
     * {@code node} as it reads back from its text: how data compare, since a tree made from values
     * holds binary and long nodes where the same data read from a recording hold text and int nodes.
     */
    private JsonNode asText(JsonNode node) {
        try {
            return mapper.readTree(mapper.writeValueAsString(node));
        } catch (java.io.IOException impossible) {
            throw new java.io.UncheckedIOException("a JSON tree did not read back from its own text", impossible);
        }
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
                Class<?> recordedClass = JsonCodec.load(recorded.path("type").asText());
                return Optional.of(mapper.treeToValue(value, recordedClass));
            } catch (java.io.IOException | ClassNotFoundException | LinkageError | RuntimeException unreadable) {
                return Optional.empty();
            }
        }
    }

    /** How many argument lists are tried per error at most: constructors with many same-typed parameters stop here. */
    private static final int MAX_TRIES = 512;

    /** A source for a constructor parameter: where its argument comes from. */
    private record Source(String name, Object value) {}

    /**
     * The sources each parameter of {@code constructor} may take, best first: the datum of its name,
     * the message (a {@code String}), the cause (a {@code Throwable}), a datum of its type, nothing
     * ({@code null}, for a reference). Empty if some parameter has none.
     */
    private static Optional<List<List<Source>>> candidates(Constructor<?> constructor, String message, Map<String, Datum> data,
            Optional<Throwable> cause) {
        List<List<Source>> candidates = new ArrayList<>();
        for (Parameter parameter : constructor.getParameters()) {
            Class<?> wanted = boxed(parameter.getType());
            List<Source> sources = new ArrayList<>();
            Datum named = parameter.isNamePresent() ? data.get(parameter.getName()) : null;
            if (named != null && wanted.isAssignableFrom(boxed(named.type()))) {
                sources.add(new Source("datum " + parameter.getName(), named.value()));
            }
            if (parameter.getType() == String.class) {
                sources.add(new Source("message", message));
            }
            if (cause.isPresent() && parameter.getType().isInstance(cause.get())) {
                sources.add(new Source("cause", cause.get()));
            }
            data.forEach((name, datum) -> {
                if (datum != named && wanted.isAssignableFrom(boxed(datum.type()))) {
                    sources.add(new Source("datum " + name, datum.value()));
                }
            });
            if (!parameter.getType().isPrimitive()) {
                sources.add(new Source("nothing", null));
            }
            sources.removeIf(source -> source.value() == null && parameter.getType().isPrimitive());
            if (sources.isEmpty()) {
                return Optional.empty();
            }
            candidates.add(sources);
        }
        return Optional.of(candidates);
    }

    /**
     * The first error {@code constructor} makes as recorded, trying argument lists in order of the
     * parameters' candidates (each message, cause or datum used once).
     */
    private Optional<Throwable> firstAsRecorded(Constructor<?> constructor, List<List<Source>> candidates, String message,
            JsonNode recordedData, int[] budget) {
        Object[] arguments = new Object[candidates.size()];
        return search(constructor, candidates, 0, arguments, new HashSet<>(), message, recordedData, budget);
    }

    private Optional<Throwable> search(Constructor<?> constructor, List<List<Source>> candidates, int index, Object[] arguments,
            Set<String> used, String message, JsonNode recordedData, int[] budget) {
        if (index == candidates.size()) {
            if (budget[0]-- <= 0) {
                return Optional.empty();
            }
            return make(constructor, arguments.clone()).filter(made -> isAsRecorded(made, message, recordedData));
        }
        for (Source source : candidates.get(index)) {
            boolean reusable = source.name().equals("nothing");
            if (budget[0] <= 0 || (!reusable && used.contains(source.name()))) {
                continue;
            }
            arguments[index] = source.value();
            if (!reusable) {
                used.add(source.name());
            }
            Optional<Throwable> made = search(constructor, candidates, index + 1, arguments, used, message, recordedData, budget);
            used.remove(source.name());
            if (made.isPresent()) {
                return made;
            }
        }
        return Optional.empty();
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
