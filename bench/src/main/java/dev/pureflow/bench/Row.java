package dev.pureflow.bench;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * One line of the report: a ratio (or a difference) of benchmark figures taken within each round of
 * one segment, so that its two sides always come from forks run back to back. Most rows are a pair,
 * pureflow's figure ÷ the alternative's; a row may multiply several (the growth under load of one
 * form ÷ that of another is {@code loaded₁ × idle₂ ÷ (idle₁ × loaded₂)}). A {@link Measure#DIFFERENCE}
 * row subtracts instead: what a listener adds to a step, in nanoseconds, is its figure − the bare one.
 *
 * @param label   what the report calls it
 * @param segment the {@link Segment} whose rounds it reads
 * @param over    benchmarks whose figures are multiplied (added, for a difference) above the line
 * @param under   benchmarks whose figures are multiplied below it (subtracted, for a difference)
 * @param measure whether the row divides or subtracts
 * @param target  what its median must meet, or {@link Target#NONE}
 */
record Row(String label, String segment, List<String> over, List<String> under, Measure measure, Target target) {

    /** How a row combines its figures within a round. */
    enum Measure {
        /** Figures above ÷ figures below: shown as {@code 1.23×}. */
        RATIO,
        /** Figures above − figures below, in the figures' unit (ns per step): shown as {@code +95 ns}. */
        DIFFERENCE
    }

    Row {
        over = List.copyOf(over);
        under = List.copyOf(under);
    }

    /** A ratio row. */
    Row(String label, String segment, List<String> over, List<String> under, Target target) {
        this(label, segment, over, under, Measure.RATIO, target);
    }

    static Row pair(String label, String segment, String pureflow, String alternative, Target target) {
        return new Row(label, segment, List.of(pureflow), List.of(alternative), target);
    }

    /** {@code figure − baseline} per round, in the figures' unit. */
    static Row difference(String label, String segment, String figure, String baseline, Target target) {
        return new Row(label, segment, List.of(figure), List.of(baseline), Measure.DIFFERENCE, target);
    }

    /** The row's value shown with its unit: {@code 1.23×} or {@code +95.0 ns}. */
    String shown(double value) {
        return switch (measure) {
            case RATIO -> ResultsReport.format(value) + "×";
            case DIFFERENCE -> (value >= 0 ? "+" : "") + ResultsReport.format(value) + " ns";
        };
    }

    /** The per-round values' median and spread, or empty without a round. */
    Optional<ForkSpread> spread(Collection<ForkFigure> figures) {
        List<Double> values = perFork(figures);
        return switch (measure) {
            case RATIO -> ForkSpread.of(values);
            case DIFFERENCE -> ForkSpread.ofDifferences(values);
        };
    }

    /** The row's value in each round of its segment that has every figure it needs, in round order. */
    List<Double> perFork(Collection<ForkFigure> figures) {
        Map<Integer, Map<String, Double>> rounds = figures.stream()
                .filter(figure -> figure.segment().equals(segment))
                .collect(Collectors.groupingBy(ForkFigure::round, TreeMap::new,
                        Collectors.toMap(ForkFigure::benchmark, ForkFigure::score, (first, second) -> first)));
        List<Double> values = new ArrayList<>();
        for (Map<String, Double> round : rounds.values()) {
            if (round.keySet().containsAll(over) && round.keySet().containsAll(under)) {
                values.add(switch (measure) {
                    case RATIO -> product(over, round) / product(under, round);
                    case DIFFERENCE -> sum(over, round) - sum(under, round);
                });
            }
        }
        return values;
    }

    /** The 1-minute load averages at the start of the forks this row reads. */
    List<Double> loads(Collection<ForkFigure> figures) {
        return figures.stream()
                .filter(figure -> figure.segment().equals(segment))
                .filter(figure -> over.contains(figure.benchmark()) || under.contains(figure.benchmark()))
                .map(ForkFigure::loadBefore)
                .filter(load -> !load.isNaN())
                .toList();
    }

    private static double sum(List<String> benchmarks, Map<String, Double> round) {
        double sum = 0;
        for (String benchmark : benchmarks) {
            sum += round.get(benchmark);
        }
        return sum;
    }

    private static double product(List<String> benchmarks, Map<String, Double> round) {
        double product = 1;
        for (String benchmark : benchmarks) {
            product *= round.get(benchmark);
        }
        return product;
    }
}
