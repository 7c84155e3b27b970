package dev.retort.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.quicktheories.api.Pair;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;
import org.quicktheories.generators.SourceDSL;

/** Short names for the QuickTheories generators our property tests build on. */
public final class Gens {

    private Gens() {
    }

    /** One of the values. */
    @SafeVarargs
    @SuppressWarnings("varargs") // the array goes only to List.of, which copies it
    public static <T> Gen<T> of(T... values) {
        return Generate.pick(List.of(values));
    }

    /** One of the values. */
    public static <T> Gen<T> of(List<T> values) {
        return Generate.pick(List.copyOf(values));
    }

    /** One of the constants of an enum. */
    public static <T extends Enum<T>> Gen<T> of(Class<T> type) {
        return Generate.enumValues(type);
    }

    /** Always the value. */
    public static <T> Gen<T> just(T value) {
        return Generate.constant(value);
    }

    /** Strings of {@code min} to {@code max} characters, each one of {@code chars}. */
    public static Gen<String> strings(String chars, int min, int max) {
        List<Character> alphabet = new ArrayList<>();
        chars.chars().forEach(c -> alphabet.add((char) c));
        return lists(Generate.pick(alphabet), min, max).map(Gens::join);
    }

    /** Any strings (every code point, surrogates included) of {@code min} to {@code max} characters. */
    public static Gen<String> anyStrings(int min, int max) {
        return SourceDSL.strings().allPossible().ofLengthBetween(min, max);
    }

    /** Lists of {@code min} to {@code max} elements. */
    public static <T> Gen<List<T>> lists(Gen<T> element, int min, int max) {
        return SourceDSL.lists().of(element).ofSizeBetween(min, max);
    }

    /** One of the generators, chosen uniformly. */
    @SafeVarargs
    @SuppressWarnings("varargs") // QuickTheories only reads the array
    public static <T> Gen<T> oneOf(Gen<T> first, Gen<T>... others) {
        return Generate.oneOf(first, others);
    }

    /** A weighted choice between generators. */
    public static <T> Gen<T> frequency(List<Pair<Integer, Gen<T>>> choices) {
        return Generate.frequency(choices);
    }

    /** A weight and a generator, for {@link #frequency}. */
    public static <T> Pair<Integer, Gen<T>> weight(int weight, Gen<T> gen) {
        return Pair.of(weight, gen);
    }

    /** The value with probability {@code presence}, else empty. */
    public static <T> Gen<Optional<T>> optional(Gen<T> gen, double presence) {
        int percent = (int) Math.round(presence * 100);
        return Generate.range(1, 100).zip(gen, (roll, value) -> roll <= percent ? Optional.of(value)
                : Optional.<T>empty());
    }

    private static String join(List<Character> characters) {
        StringBuilder text = new StringBuilder(characters.size());
        characters.forEach(text::append);
        return text.toString();
    }
}
