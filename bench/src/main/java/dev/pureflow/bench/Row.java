package dev.pureflow.bench;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * One line of the report: a ratio of benchmark figures taken within each round of one segment,
 * so that its two sides always come from forks run back to back. Most rows are a pair, pureflow's
 * figure ÷ the alternative's; a row may multiply several (the growth under load of one form ÷ that
 * of another is {@code loaded₁ × idle₂ ÷ (idle₁ × loaded₂)}).
 *
 * @param label   what the report calls it
 * @param segment the {@link Segment} whose rounds it reads
 * @param over    benchmarks whose figures are multiplied above the line
 * @param under   benchmarks whose figures are multiplied below it
 * @param target  what its median must meet, or {@link Target#NONE}
 */
record Row(String label, String segment, List<String> over, List<String> under, Target target) {

    Row {
        over = List.copyOf(over);
        under = List.copyOf(under);
    }

    static Row pair(String label, String segment, String pureflow, String alternative, Target target) {
        return new Row(label, segment, List.of(pureflow), List.of(alternative), target);
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
                values.add(product(over, round) / product(under, round));
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

    private static double product(List<String> benchmarks, Map<String, Double> round) {
        double product = 1;
        for (String benchmark : benchmarks) {
            product *= round.get(benchmark);
        }
        return product;
    }
}
