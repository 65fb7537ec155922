package dev.pureflow.frame;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.GenerationMode;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * {@link StringConversions} answers what CPython answers: for every case of
 * {@code python-conversions.tsv} (written by {@code python_conversions.py} with CPython 3.11: run it
 * again to check a case), and for generated integers written in every base with separators.
 */
class StringConversionsProperties {

    /** One row of the table: what Python answered for {@code input}. */
    record Case(String kind, String input, Set<String> trueSet, Set<String> falseSet, String answer) {
        @Override
        public String toString() {
            return kind + "(" + escaped(input) + ") -> " + answer;
        }
    }

    static final List<Case> TABLE = table();

    @Property(generation = GenerationMode.EXHAUSTIVE)
    void every_case_of_the_python_table_converts_as_python_did(@ForAll("pythonCases") Case row) {
        switch (row.kind()) {
            case "int" -> {
                if (row.answer().equals("ValueError")) {
                    assertThatThrownBy(() -> StringConversions.toInt(row.input())).isInstanceOf(NumberFormatException.class);
                } else {
                    assertThat(StringConversions.toInt(row.input())).isEqualTo(new BigInteger(row.answer()));
                }
            }
            case "float" -> {
                if (row.answer().equals("ValueError")) {
                    assertThatThrownBy(() -> StringConversions.toFloat(row.input())).isInstanceOf(NumberFormatException.class);
                } else {
                    double expected = pythonHex(row.answer());
                    assertThat(Double.compare(StringConversions.toFloat(row.input()), expected))
                            .as("%s: Java %s, Python %s", row, StringConversions.toFloat(row.input()), expected)
                            .isZero();
                }
            }
            case "bool" -> {
                if (row.answer().equals("ValueError")) {
                    assertThatThrownBy(() -> StringConversions.toBool(row.input(), row.trueSet(), row.falseSet()))
                            .isInstanceOf(IllegalArgumentException.class)
                            .hasMessageContaining("'" + row.input() + "'");
                } else {
                    assertThat(StringConversions.toBool(row.input(), row.trueSet(), row.falseSet()))
                            .isEqualTo(Boolean.parseBoolean(row.answer()));
                }
            }
            default -> throw new AssertionError("unknown kind in the table: " + row.kind());
        }
    }

    @Property(tries = 500)
    void an_integer_written_in_any_base_with_single_separators_reads_back_as_itself(
            @ForAll("integers") BigInteger value,
            @ForAll("prefixes") String prefix,
            @ForAll("separatorPlaces") List<Boolean> separators,
            @ForAll boolean separatorAfterPrefix,
            @ForAll("surroundings") String around) {
        int radix = radixOf(prefix);
        String digits = value.abs().toString(radix);
        String text = (value.signum() < 0 ? "-" : "+") + prefix
                + (separatorAfterPrefix && !prefix.isEmpty() ? "_" : "")
                + withSeparators(digits, separators);
        assertThat(StringConversions.toInt(around + text + around)).isEqualTo(value);
    }

    @Property(tries = 300)
    void a_doubled_leading_or_trailing_separator_is_rejected(
            @ForAll("integers") BigInteger value, @ForAll("prefixes") String prefix, @ForAll @IntRange(max = 2) int where) {
        String digits = value.abs().toString(radixOf(prefix));
        String text = switch (where) {
            case 0 -> prefix + "__" + digits;
            case 1 -> (prefix.isEmpty() ? "_" : prefix + "_") + digits + "_";
            default -> prefix + digits.charAt(0) + "__" + digits + "1";
        };
        assertThatThrownBy(() -> StringConversions.toInt(text)).isInstanceOf(NumberFormatException.class);
    }

    @Property(tries = 300)
    void a_decimal_with_a_leading_zero_is_rejected_unless_it_is_all_zeros(
            @ForAll @IntRange(min = 1, max = 5) int zeros, @ForAll("integers") BigInteger value) {
        String text = "0".repeat(zeros) + value.abs();
        if (value.signum() == 0) {
            assertThat(StringConversions.toInt(text)).isZero();
        } else {
            assertThatThrownBy(() -> StringConversions.toInt(text)).isInstanceOf(NumberFormatException.class);
        }
    }

    @Property(tries = 500)
    void a_finite_double_written_by_java_or_with_separators_reads_back_as_itself(
            @ForAll double value, @ForAll("separatorPlaces") List<Boolean> separators) {
        if (!Double.isFinite(value)) {
            return;
        }
        assertThat(Double.compare(StringConversions.toFloat(Double.toString(value)), value)).isZero();
        String plain = new java.math.BigDecimal(value).toPlainString();
        int point = plain.indexOf('.');
        String whole = point < 0 ? plain : plain.substring(0, point);
        String sign = whole.startsWith("-") ? "-" : "";
        String separated = sign + withSeparators(whole.substring(sign.length()), separators) + (point < 0 ? "" : plain.substring(point));
        assertThat(Double.compare(StringConversions.toFloat(separated), value)).isZero();
    }

    @Provide
    Arbitrary<Case> pythonCases() {
        return Arbitraries.of(TABLE);
    }

    @Provide
    Arbitrary<BigInteger> integers() {
        return Arbitraries.oneOf(
                Arbitraries.bigIntegers().between(BigInteger.TEN.pow(40).negate(), BigInteger.TEN.pow(40)),
                Arbitraries.bigIntegers().between(BigInteger.valueOf(-20), BigInteger.valueOf(20)));
    }

    @Provide
    Arbitrary<String> prefixes() {
        return Arbitraries.of("", "0x", "0X", "0o", "0O", "0b", "0B");
    }

    @Provide
    Arbitrary<List<Boolean>> separatorPlaces() {
        return Arbitraries.of(true, false, false, false).list().ofMaxSize(200);
    }

    @Provide
    Arbitrary<String> surroundings() {
        return Combinators.combine(Arbitraries.of("", " ", "\t", "\n", "\u00a0", "\u3000", "\u2029"), Arbitraries.integers().between(0, 2))
                .as(String::repeat);
    }

    /** {@code digits} with an underscore after digit i (never after the last) where {@code places[i]} is true. */
    private static String withSeparators(String digits, List<Boolean> places) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < digits.length(); i++) {
            out.append(digits.charAt(i));
            if (i < digits.length() - 1 && i < places.size() && places.get(i)) {
                out.append('_');
            }
        }
        return out.toString();
    }

    private static int radixOf(String prefix) {
        return switch (prefix.toLowerCase(Locale.ROOT)) {
            case "0x" -> 16;
            case "0o" -> 8;
            case "0b" -> 2;
            default -> 10;
        };
    }

    private static double pythonHex(String hex) {
        return switch (hex) {
            case "inf" -> Double.POSITIVE_INFINITY;
            case "-inf" -> Double.NEGATIVE_INFINITY;
            case "nan" -> Double.NaN;
            default -> Double.parseDouble(hex);
        };
    }

    private static List<Case> table() {
        try (InputStream in = StringConversionsProperties.class.getResourceAsStream("python-conversions.tsv")) {
            if (in == null) {
                throw new IllegalStateException("python-conversions.tsv is missing from the test resources");
            }
            List<Case> cases = new ArrayList<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                String[] cells = line.split("\t", -1);
                cases.add(new Case(cells[0], unescape(cells[1]), set(cells[2]), set(cells[3]), cells[4]));
            }
            return List.copyOf(cases);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A set column: {@code count:item|item}, or empty for the rows of other kinds. */
    private static Set<String> set(String cell) {
        if (cell.isEmpty()) {
            return Set.of();
        }
        int count = Integer.parseInt(cell.substring(0, cell.indexOf(':')));
        String items = cell.substring(cell.indexOf(':') + 1);
        return count == 0 ? Set.of() : Set.copyOf(Arrays.stream(items.split("\\|", -1)).map(StringConversionsProperties::unescape).toList());
    }

    private static String unescape(String escaped) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < escaped.length(); i++) {
            char c = escaped.charAt(i);
            if (c == '\\' && escaped.charAt(i + 1) == 'u') {
                out.append((char) Integer.parseInt(escaped.substring(i + 2, i + 6), 16));
                i += 5;
            } else if (c == '\\') {
                out.append(escaped.charAt(i + 1));
                i++;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static String escaped(String s) {
        StringBuilder out = new StringBuilder("\"");
        s.chars().forEach(c -> out.append(c > 32 && c < 127 ? String.valueOf((char) c) : String.format("\\u%04x", c)));
        return out.append('"').toString();
    }
}
