package io.ginpreflight.plan;

/**
 * One probe of the run, in order: its index (0 before the first step), the label the console and reports
 * show, and the load step that follows it (the samples taken next are tagged with it).
 */
public record ProbePoint(int index, String label, String nextStep) {}
