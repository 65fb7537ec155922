package dev.pureflow.frame;

import java.math.BigInteger;
import java.util.Objects;
import java.util.Set;

/**
 * Python's string conversions, exactly: {@link #toInt} is {@code int(s, 0)}, {@link #toFloat} is
 * {@code float(s)}, {@link #toBool} is gpframe's {@code string_to_bool}. The message maps of a
 * {@link LifecycleFrame} use them ({@link MessageMap#stringToInt}), so a value sent as text by a
 * Python-minded caller means here what it meant there.
 *
 * <p>The rules, as CPython 3.11 applies them: surrounding whitespace is ignored (ASCII
 * {@code " \t\n\u000B\f\r"} and the Unicode spaces Python's {@code str.isspace} knows); any Unicode
 * decimal digit counts as its ASCII digit; a single {@code _} may separate digits (and, for
 * integers, follow a base prefix). Integers take a sign and a {@code 0x}/{@code 0o}/{@code 0b}
 * prefix in either case; a decimal with a leading zero is rejected unless it is all zeros
 * ({@code "010"} fails, {@code "00"} is 0). Floats take a sign, {@code inf}, {@code infinity} and
 * {@code nan} in any case, and an exponent; no hexadecimal, no {@code f}/{@code d} suffix;
 * out-of-range values round to infinity or zero. Stateless and thread-safe.
 *
 * <pre>{@code
 * StringConversions.toInt(" -0x_1f ");   // -31
 * StringConversions.toFloat("1_000.5");   // 1000.5
 * StringConversions.toBool("yes", Set.of("yes", "on"), Set.of("no", "off"));  // true
 * }</pre>
 */
public final class StringConversions {

    private StringConversions() {}

    /**
     * Python's {@code int(text, 0)}.
     *
     * @throws NumberFormatException naming the text if Python would raise {@code ValueError}
     */
    public static BigInteger toInt(String text) {
        Objects.requireNonNull(text, "text");
        String s = asciiDigitsAndSpaces(text, "int");
        int i = 0;
        boolean negative = false;
        if (i < s.length() && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
            negative = s.charAt(i) == '-';
            i++;
        }
        int radix = 10;
        boolean prefixed = false;
        if (i + 1 < s.length() && s.charAt(i) == '0') {
            switch (Character.toLowerCase(s.charAt(i + 1))) {
                case 'x' -> radix = 16;
                case 'o' -> radix = 8;
                case 'b' -> radix = 2;
                default -> radix = 10;
            }
            prefixed = radix != 10;
        }
        if (prefixed) {
            i += 2;
        }
        String digits = digitsWithSeparators(s.substring(i), radix, prefixed);
        if (digits == null) {
            throw invalid("int", text);
        }
        if (radix == 10 && digits.length() > 1 && digits.charAt(0) == '0' && digits.chars().anyMatch(c -> c != '0')) {
            // Python 3 has no octal "010": a decimal may start with 0 only if it is all zeros
            throw invalid("int", text);
        }
        BigInteger value = new BigInteger(digits, radix);
        return negative ? value.negate() : value;
    }

    /**
     * Python's {@code float(text)}.
     *
     * @throws NumberFormatException naming the text if Python would raise {@code ValueError}
     */
    public static double toFloat(String text) {
        Objects.requireNonNull(text, "text");
        String s = asciiDigitsAndSpaces(text, "float");
        int i = 0;
        boolean negative = false;
        if (i < s.length() && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
            negative = s.charAt(i) == '-';
            i++;
        }
        String body = s.substring(i);
        String word = body.toLowerCase(java.util.Locale.ROOT);
        if (word.equals("inf") || word.equals("infinity")) {
            return negative ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        }
        if (word.equals("nan")) {
            return Double.NaN;
        }
        String plain = decimalFloat(body);
        if (plain == null) {
            throw invalid("float", text);
        }
        double value = Double.parseDouble(plain); // correctly rounded, as Python's is
        return negative ? -value : value;
    }

    /**
     * gpframe's {@code string_to_bool}: with no sets, any non-empty text is true (Python's
     * {@code bool(text)}); with only {@code trueSet}, membership in it; with only {@code falseSet},
     * non-membership in it; with both, true or false by membership, and an error for text in neither.
     *
     * @throws IllegalArgumentException naming the text and both sets if both are given and the text is in neither
     */
    public static boolean toBool(String text, Set<String> trueSet, Set<String> falseSet) {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(trueSet, "trueSet");
        Objects.requireNonNull(falseSet, "falseSet");
        if (trueSet.isEmpty() && falseSet.isEmpty()) {
            return !text.isEmpty();
        }
        if (falseSet.isEmpty()) {
            return trueSet.contains(text);
        }
        if (trueSet.isEmpty()) {
            return !falseSet.contains(text);
        }
        if (trueSet.contains(text)) {
            return true;
        }
        if (falseSet.contains(text)) {
            return false;
        }
        throw new IllegalArgumentException("expected one of " + trueSet + " (true) or " + falseSet
                + " (false), but got '" + text + "'");
    }

    /** Python's {@code toBool(text, {}, {})}: any non-empty text is true. */
    public static boolean toBool(String text) {
        return toBool(text, Set.of(), Set.of());
    }

    /**
     * CPython's first pass over the text: non-ASCII whitespace becomes a space, non-ASCII decimal
     * digits become ASCII ones; any other non-ASCII character makes the text invalid. ASCII
     * characters stay as they are (so {@code \u001C}, a space to {@code str.isspace}, is not one here).
     */
    private static String asciiDigitsAndSpaces(String text, String kind) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); ) {
            int c = text.codePointAt(i);
            i += Character.charCount(c);
            if (c < 128) {
                out.append((char) c);
            } else if (Character.isSpaceChar(c) || c == 0x85) {
                out.append(' ');
            } else if (Character.getType(c) == Character.DECIMAL_DIGIT_NUMBER) {
                out.append((char) ('0' + Character.digit(c, 10)));
            } else {
                throw invalid(kind, text);
            }
        }
        // only Python's ASCII whitespace may surround the value: strip() below must not take more
        String s = out.toString();
        int start = 0;
        int end = s.length();
        while (start < end && isPythonAsciiSpace(s.charAt(start))) {
            start++;
        }
        while (end > start && isPythonAsciiSpace(s.charAt(end - 1))) {
            end--;
        }
        String inner = s.substring(start, end);
        if (!inner.strip().equals(inner)) {
            throw invalid(kind, text); // a character Java's strip() would take but Python keeps
        }
        return inner;
    }

    private static boolean isPythonAsciiSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == 0x0B || c == '\f' || c == '\r';
    }

    /**
     * The digits of {@code s} in {@code radix} with single underscores between them removed, or
     * null if {@code s} is not such a run (empty, a doubled, leading or trailing underscore, a
     * digit out of range). After a base prefix one leading underscore is allowed ({@code 0x_1f}).
     */
    private static String digitsWithSeparators(String s, int radix, boolean afterPrefix) {
        StringBuilder digits = new StringBuilder(s.length());
        boolean lastWasDigit = afterPrefix; // "0x_1" is fine: the prefix counts as the digit before
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '_') {
                if (!lastWasDigit) {
                    return null;
                }
                lastWasDigit = false;
            } else if (c < 128 && Character.digit(c, radix) >= 0) {
                digits.append(c);
                lastWasDigit = true;
            } else {
                return null;
            }
        }
        return digits.isEmpty() || !lastWasDigit ? null : digits.toString();
    }

    /**
     * A decimal float {@code digits[.digits][e[+-]digits]} (or {@code .digits}) with separators
     * removed, for {@link Double#parseDouble}, or null if {@code s} is not one.
     */
    private static String decimalFloat(String s) {
        int exponentAt = Math.max(s.indexOf('e'), s.indexOf('E'));
        String mantissa = exponentAt < 0 ? s : s.substring(0, exponentAt);
        String exponent = "";
        if (exponentAt >= 0) {
            String e = s.substring(exponentAt + 1);
            String sign = "";
            if (!e.isEmpty() && (e.charAt(0) == '+' || e.charAt(0) == '-')) {
                sign = e.substring(0, 1);
                e = e.substring(1);
            }
            String expDigits = digitsWithSeparators(e, 10, false);
            if (expDigits == null) {
                return null;
            }
            exponent = "e" + sign + expDigits;
        }
        int point = mantissa.indexOf('.');
        String whole = point < 0 ? mantissa : mantissa.substring(0, point);
        String fraction = point < 0 ? "" : mantissa.substring(point + 1);
        String wholeDigits = whole.isEmpty() ? "" : digitsWithSeparators(whole, 10, false);
        String fractionDigits = fraction.isEmpty() ? "" : digitsWithSeparators(fraction, 10, false);
        if (wholeDigits == null || fractionDigits == null || (wholeDigits.isEmpty() && fractionDigits.isEmpty())) {
            return null;
        }
        return (wholeDigits.isEmpty() ? "0" : wholeDigits) + "." + (fractionDigits.isEmpty() ? "0" : fractionDigits) + exponent;
    }

    private static NumberFormatException invalid(String kind, String text) {
        return new NumberFormatException("invalid literal for " + kind + "(): '" + text + "'"
                + (kind.equals("int") ? " (Python's int(s, 0) rules)" : " (Python's float(s) rules)"));
    }
}
