package io.ginpreflight.watch;

import java.time.Duration;
import java.time.Instant;

/** What one probe read from the target at a point between phases. */
public record ProbeReading(String label, Instant takenAt, Duration took, Measurement postGcHeapBytes,
    Measurement goroutines) {}
