package io.ginpreflight;

import java.util.List;
import java.util.Optional;

/**
 * A probe point between two load steps. When it closes the last round of a judged phase it carries what
 * judging needs: the probe that is the phase's baseline, and for a phase with rounds the probe after
 * each round and each round's scenario name (to count its requests).
 */
record Boundary(
    int index,
    String label,
    Optional<Phase> closes,
    int baselineIndex,
    List<Integer> roundIndexes,
    List<String> roundScenarios,
    String nextStep) {}
